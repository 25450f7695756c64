/** Min Bank as a process: `node src/services/bank/main.ts`. */
import { loadBankSecrets } from '../../config/secrets.ts';
import { serve } from '../../config/serve.ts';
import { buildBankApp } from './app.ts';
import { bankMigrations } from './db/migrations.ts';
import type { BankDb } from './db/schema.ts';
import { sweepBank } from './sweep.ts';

await serve<BankDb>({
  name: 'bank',
  port: (c) => c.bankPort,
  migrations: bankMigrations,
  sweep: sweepBank,
  build: buildBankApp,
  secrets: loadBankSecrets,
});
