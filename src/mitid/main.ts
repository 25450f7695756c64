/** The MitID service as a process: `node src/mitid/main.ts`. */
import { serve } from '../platform/serve.ts';
import { buildMitidApp } from './app.ts';
import { mitidMigrations } from './db/migrations.ts';
import type { MitidDb } from './db/schema.ts';
import { sweepMitid } from './sweep.ts';

await serve<MitidDb>({
  name: 'mitid',
  port: (c) => c.mitidPort,
  migrations: mitidMigrations,
  sweep: sweepMitid,
  build: buildMitidApp,
});
