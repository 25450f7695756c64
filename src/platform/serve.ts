/**
 * Runs one service as its own process: configuration, secrets, database, migrations, HTTP,
 * graceful shutdown. The parent (src/start.ts) hears "ready" over IPC.
 */
import type { FastifyInstance } from 'fastify';
import type { Migration } from 'kysely';
import { type Config, loadConfigOrExit } from '../config/config.ts';
import { loadSecrets } from '../config/secrets.ts';
import { systemClock } from './clock.ts';
import { migrate, openDatabase } from './db/database.ts';
import type { ServiceDeps } from './deps.ts';
import { cryptoRandom } from './random.ts';

export interface ServeOptions<DB> {
  name: 'mitid' | 'bank';
  port: (config: Config) => number;
  migrations: Record<string, Migration>;
  build: (deps: ServiceDeps<DB>) => Promise<FastifyInstance>;
  /** Housekeeping run at start and then every 10 minutes (e.g. purging expired sessions). */
  sweep?: (deps: ServiceDeps<DB>) => Promise<Record<string, number>>;
}

const SWEEP_INTERVAL_MS = 10 * 60_000;

export async function serve<DB>(opts: ServeOptions<DB>): Promise<void> {
  const config = loadConfigOrExit();
  const secrets = loadSecrets(config.dataDir);
  const database = await openDatabase<DB>({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    name: opts.name,
  });
  await migrate(database, opts.migrations);
  const deps: ServiceDeps<DB> = {
    config,
    secrets,
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
