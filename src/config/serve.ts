/**
 * Runs one service as its own process: configuration, secrets, database, migrations, the shared
 * keys (made once in the database, reloaded every minute), HTTP, graceful shutdown. The parent
 * (src/start.ts) hears "ready" over IPC.
 */
import type { FastifyInstance } from 'fastify';
import type { Migration } from 'kysely';
import { type Clock, systemClock } from '../platform/clock.ts';
import { migrate, openDatabase } from '../platform/db/database.ts';
import { KeyDecryptionError, KeyStore } from '../platform/keys/KeyStore.ts';
import { KEY_RELOAD_MS } from '../platform/keys/keyPurposes.ts';
import { cryptoRandom } from '../platform/random.ts';
import { type Config, loadConfigOrExit } from './config.ts';
import type { ServiceDeps } from './deps.ts';
import { type FileSecrets, loadFileSecrets, type ServiceSecrets } from './secrets.ts';

export interface ServeOptions<DB> {
  name: 'mitid' | 'bank' | 'borger';
  port: (config: Config) => number;
  migrations: Record<string, Migration>;
  build: (deps: ServiceDeps<DB>) => Promise<FastifyInstance>;
  /** This service's keys from its key store (src/config/secrets.ts). */
  secrets: (store: KeyStore, file: FileSecrets, clock: Clock) => Promise<ServiceSecrets>;
  /** Housekeeping run at start and then every 10 minutes (e.g. purging expired sessions). */
  sweep?: (deps: ServiceDeps<DB>) => Promise<Record<string, number>>;
}

const SWEEP_INTERVAL_MS = 10 * 60_000;

export async function serve<DB>(opts: ServeOptions<DB>): Promise<void> {
  const config = loadConfigOrExit();
  const file = orExit(() => loadFileSecrets(config));
  const database = await openDatabase<DB>({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    name: opts.name,
  });
  await migrate(database, opts.migrations);
  const store = new KeyStore(database.db as never, file.keyEncryptionKey, systemClock);
  let keys: ServiceSecrets;
  try {
    keys = await opts.secrets(store, file, systemClock);
  } catch (err) {
    if (!(err instanceof KeyDecryptionError)) throw err;
    await database.close();
    console.error(err.message);
    process.exit(1);
  }
  const deps: ServiceDeps<DB> = {
    config,
    secrets: keys.secrets,
    db: database.db,
    clock: systemClock,
    random: cryptoRandom,
  };
  const app = await opts.build(deps);
  const sweep = opts.sweep;
  const runSweep = async (): Promise<void> => {
    if (!sweep) return;
    try {
      app.log.info({ purged: await sweep(deps) }, 'housekeeping');
    } catch (err) {
      app.log.error({ err }, 'housekeeping failed');
    }
  };
  void runSweep();
  const sweeper = setInterval(() => void runSweep(), SWEEP_INTERVAL_MS);
  sweeper.unref();
  // A key rotated through any node (rotateKey) reaches this one within a minute.
  const reloader = setInterval(() => {
    keys.reload().catch((err: unknown) => app.log.error({ err }, 'reloading the keys failed'));
  }, KEY_RELOAD_MS);
  reloader.unref();
  const port = opts.port(config);
  const address = await app.listen({ host: config.host, port });

  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    clearInterval(sweeper);
    clearInterval(reloader);
    try {
      await app.close();
      await database.close();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // Started by src/start.ts: stop when the parent goes away, and tell it we are ready.
  process.on('disconnect', () => void shutdown('disconnect'));
  process.send?.({ type: 'ready', name: opts.name, address, port: app.server.address() });
}

/** A secrets file or setting that cannot be used stops the start with its message, not a trace. */
function orExit<T>(load: () => T): T {
  try {
    return load();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}
