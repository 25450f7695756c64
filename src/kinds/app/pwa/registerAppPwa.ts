/**
 * The MitID app as an installable web app, served by the MitID service:
 *   GET  /app                       the shell: every screen, in the person's language
 *   GET  /app/manifest.webmanifest  name, icons, standalone, start_url /app
 *   GET  /app/sw.js                 the service worker (scope /app), with this build's file list
 *   GET  /app/static/*              the app's scripts (ES modules, no build step), styles, icons
 *   GET  /app/vendor/opaque.js      OPAQUE's browser build (embeds its WebAssembly)
 *   GET  /app/vendor/jsqr.js        jsQR's browser build, the scanner's QR decoder (channel.js)
 *   GET  /app/vendor/simplewebauthn/*  @simplewebauthn/browser's ES modules
 *   POST /app/qr                    a transfer code as a QR code (SVG)
 * The protocol it speaks is docs/protocols/app.md (`/api/app/v1`, served by src/kinds/app/server).
 */
import { readFileSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import {
  appAssets,
  appStaticPattern,
  appStaticRoot,
  hasJsqr,
  jsqrFile,
  opaqueFile,
  serviceWorkerScript,
  webauthnRoot,
} from './appAssets.ts';
import { appShell } from './appShell.ts';
import { registerTransferQr } from './transferQr.ts';
import { allowWasm } from './wasmCsp.ts';
import { webManifest } from './webManifest.ts';

export async function registerAppPwa(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, {
    root: appStaticRoot,
    prefix: '/app/static/',
    decorateReply: false,
    maxAge: '1h',
    allowedPath: (p) => appStaticPattern.test(p),
  });
  await app.register(fastifyStatic, {
    root: webauthnRoot,
    prefix: '/app/vendor/simplewebauthn/',
    decorateReply: false,
    maxAge: '1h',
    allowedPath: (p) => p.endsWith('.js'),
  });
  const opaque = readFileSync(opaqueFile);
  const assets = appAssets();
  const sw = serviceWorkerScript(assets);

  app.get('/app', async (req, reply) => {
    allowWasm(reply);
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(appShell(req.lang).value);
  });
  app.get('/app/manifest.webmanifest', async (req, reply) =>
    reply
      .type('application/manifest+json; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(JSON.stringify(webManifest(req.lang))),
  );
  app.get('/app/sw.js', async (_req, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'no-cache')
      // The worker lives at /app/sw.js but serves /app itself too (its default scope is /app/).
      .header('service-worker-allowed', '/app')
      .send(sw),
  );
  app.get('/app/vendor/opaque.js', async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(opaque),
  );
  if (hasJsqr()) {
    const jsqr = readFileSync(jsqrFile);
    app.get('/app/vendor/jsqr.js', async (_req, reply) =>
      reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(jsqr),
    );
  } else
    app.log.warn('jsqr is not installed: the app scanner falls back to BarcodeDetector or the typed code');
  registerTransferQr(app);
}
