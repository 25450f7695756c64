/** A bare app of the HTTP foundation for its tests (not shipped code), with a log sink. */
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { loadConfig } from '../../../config/config.ts';
import { httpSettings } from '../../../config/httpSettings.ts';
import { createApp } from '../createApp.ts';
import { loggerOptions } from '../logging.ts';

/** `env` is read as the configuration would be (e.g. { METRICS_TOKEN: … }); logs go to `logLines`. */
export async function makeTestApp(
  logLines: string[] = [],
  env: Record<string, string> = {},
): Promise<FastifyInstance> {
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logLines.push(String(chunk));
      cb();
    },
  });
  return createApp({
    site: 'mitid',
    origin: 'http://localhost:3000',
    cookieKey: 'k'.repeat(32),
    logLevel: 'info',
    formActionOrigins: ['http://127.0.0.1:3001'],
    ready: async () => {},
    logger: pino(loggerOptions('info', 'test'), sink),
    ...httpSettings(loadConfig(env)),
  });
}

/** The log lines at error level or above. */
export const errorLines = (lines: string[]): string[] =>
  lines.filter((l) => (JSON.parse(l) as { level: number }).level >= 50);
