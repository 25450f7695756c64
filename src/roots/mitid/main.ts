/** The MitID service as a process: `node src/roots/mitid/main.ts`. */
import * as opaque from '@serenity-kit/opaque';
import { loadMitidSecrets } from '../../config/secrets.ts';
import { serve } from '../../config/serve.ts';
import type { MitidDb } from '../../core/db/index.ts';
import { buildMitidApp } from './app.ts';
import { mitidMigrations } from './db/migrations.ts';
import { sweepMitid } from './sweep.ts';

await serve<MitidDb>({
  name: 'mitid',
  port: (c) => c.mitidPort,
  migrations: mitidMigrations,
  sweep: sweepMitid,
  build: buildMitidApp,
  // Making an OPAQUE setup needs the library's WebAssembly, which loads asynchronously.
  secrets: (store, file, clock) =>
    loadMitidSecrets(store, file, clock, async () => {
      await opaque.ready;
      return opaque.server.createSetup();
    }),
});
