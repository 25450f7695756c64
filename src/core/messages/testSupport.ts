/**
 * Shared pieces of the messages tests: a log sink, a counting Random, a local SMTP server, and
 * the MitID app on a test database.
 */
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { type Logger, pino } from 'pino';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { loadConfig } from '../../config/config.ts';
import { TestClock } from '../../platform/clock.ts';
import { openTestDatabase, type TestDatabase } from '../../platform/db/testDb.ts';
import { loggerOptions } from '../../platform/http/logging.ts';
import { cryptoRandom, type Random } from '../../platform/random.ts';
import { buildMitidApp } from '../../roots/mitid/app.ts';
import { mitidMigrations } from '../../roots/mitid/db/migrations.ts';
import type { MitidDb } from '../db/index.ts';
import { createNotifier, type Notifier } from './createNotifier.ts';

/** A pino logger with the service's options (level trace) that writes into `lines`. */
export function memoryLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { logger: pino(loggerOptions('trace', 'test'), sink), lines };
}

/** Ids m1, m2, … so tests can name messages. */
export function countingRandom(): Random {
  let n = 0;
  return {
    token: () => `m${++n}`,
    digits: (length) => '7'.repeat(length),
    int: (min) => min,
  };
}

export interface ReceivedMail {
  mailFrom: string | undefined;
  rcptTo: string[];
  raw: string;
}

export interface LocalSmtp {
  url: string;
  received: ReceivedMail[];
  close(): Promise<void>;
}

/**
 * An SMTP server on 127.0.0.1, a free port, no TLS, no authentication. With `refuse`, every
 * recipient is refused with 550.
 */
export async function startSmtp(opts: { refuse?: boolean } = {}): Promise<LocalSmtp> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address: SMTPServerAddress, _session, callback) {
      if (!opts.refuse) return callback();
      callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  const listening = server.listen(0, '127.0.0.1');
  await once(listening, 'listening');
  const { port } = listening.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface MitidTestApp {
  app: FastifyInstance;
  database: TestDatabase<MitidDb>;
  clock: TestClock;
  /** A notifier on the app's database and clock. */
  notifier: Notifier;
  close(): Promise<void>;
}

/** The whole MitID app on a fresh SQLite database, a frozen clock and (optionally) a log sink. */
export async function mitidTestApp(opts: {
  devPages: boolean;
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
}): Promise<MitidTestApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mitid-messages-'));
  const database = await openTestDatabase<MitidDb>('sqlite', mitidMigrations);
  const clock = new TestClock();
  const config = loadConfig({ DATA_DIR: dataDir, DEV_PAGES: String(opts.devPages), ...opts.env });
  const secrets = {
    cookieKey: 'k'.repeat(43),
    serverSecret: 'e'.repeat(43),
    bankClientSecret: 's'.repeat(43),
  };
  const deps = {
    config,
    secrets,
    db: database.db,
    clock,
    random: cryptoRandom,
    ...(opts.logger ? { logger: opts.logger } : {}),
  };
  const app = await buildMitidApp(deps);
  return {
    app,
    database,
    clock,
    notifier: createNotifier({ ...deps, random: countingRandom(), logger: app.log }),
    async close() {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
