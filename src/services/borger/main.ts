/** Borger as a process: `node src/services/borger/main.ts`. */
import { loadBorgerSecrets } from '../../config/secrets.ts';
import { serve } from '../../config/serve.ts';
import { buildBorgerApp } from './app.ts';
import { borgerMigrations } from './db/migrations.ts';
import type { BorgerDb } from './db/schema.ts';
import { sweepBorger } from './sweep.ts';

await serve<BorgerDb>({
  name: 'borger',
  port: (c) => c.borgerPort,
  migrations: borgerMigrations,
  sweep: sweepBorger,
  build: buildBorgerApp,
  secrets: loadBorgerSecrets,
});
