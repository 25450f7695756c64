/**
 * The code devices' simulators (decision 0014 §3), development pages only (config.devPages; with
 * DEV_PAGES=false no route exists: 404):
 *   GET  /dev/enheder                 the stock's serials by kind, with their status and links
 *   GET  /dev/kodeviser/:serial       a drawn kodeviser; POST (its button) shows the current code,
 *                                     as JSON for the script (Accept: application/json) or as the
 *                                     page again with the code on the display (no script)
 *   GET  /dev/kodeoplaeser/:serial    a drawn kodeoplæser; POST likewise, the script reads it aloud
 *   GET  /static/code-device-simulator/*  simulator.js and simulator.css (script-src 'self')
 * A serial the stock does not have, or of the other kind: a 404 page saying so. The POSTs carry
 * the CSRF token as every form does.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceDeps } from '../../../config/deps.ts';
import type { SimulatedKind, SimulatorStock } from './SimulatorStock.ts';
import { displayPage, listPage, readerPage, SIMULATOR_STATIC, unknownPage } from './simulatorPages.ts';

const staticRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), 'static');
const SERIAL_RE = /^K[VO]-[0-9]{9}$/;

export async function registerSimulators(
  app: FastifyInstance,
  deps: Pick<ServiceDeps<unknown>, 'config' | 'clock'>,
  stock: SimulatorStock,
): Promise<void> {
  if (!deps.config.devPages) return;
  await app.register(fastifyStatic, {
    root: staticRoot,
    prefix: SIMULATOR_STATIC,
    decorateReply: false,
    maxAge: '1h',
    allowedPath: (p) => /^\/[a-z-]+\.(js|css)$/.test(p),
  });

  app.get('/dev/enheder', async (req, reply) =>
    reply.page(req.t('simulators.list.title'), listPage(req.t, await stock.list())),
  );

  /** The device of `kind` named by the URL, or a 404 page written. */
  const deviceOf = async (
    req: FastifyRequest,
    reply: FastifyReply,
    kind: SimulatedKind,
  ): Promise<string | undefined> => {
    const serial = String((req.params as { serial?: string }).serial ?? '').toUpperCase();
    const known =
      SERIAL_RE.test(serial) && (await stock.list()).some((d) => d.serial === serial && d.kind === kind);
    if (known) return serial;
    await reply.page(req.t(`simulators.kind.${kind}`), unknownPage(req.t, kind, serial.slice(0, 20)), {
      status: 404,
    });
    return undefined;
  };

  for (const [kind, route, render, title] of [
    ['codeDisplay', '/dev/kodeviser/:serial', displayPage, 'simulators.display.title'],
    ['codeReader', '/dev/kodeoplaeser/:serial', readerPage, 'simulators.reader.title'],
  ] as const) {
    app.get(route, async (req, reply) => {
      const serial = await deviceOf(req, reply, kind);
      if (!serial) return reply;
      return reply.page(req.t(title, { serial }), render(req.t, serial, reply.generateCsrf()));
    });
    app.post(route, async (req, reply) => {
      const serial = await deviceOf(req, reply, kind);
      if (!serial) return reply;
      const code = await stock.currentCode(serial, deps.clock.now().getTime());
      if (!code) return reply.callNotFound();
      if ((req.headers.accept ?? '').includes('application/json')) {
        return reply.header('cache-control', 'no-store').send({ code });
      }
      return reply.page(req.t(title, { serial }), render(req.t, serial, reply.generateCsrf(), code));
    });
  }
}
