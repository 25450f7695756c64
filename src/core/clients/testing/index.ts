/**
 * For tests (not shipped code): the client registry on a fresh, migrated database (SQLite or
 * PostgreSQL), with the configured clients written as a start writes them, a frozen clock, and
 * a second connection to the same database ("another node").
 */
import { loadConfig } from '../../../config/config.ts';
import { TestClock } from '../../../platform/clock.ts';
import { type Database, type Dialect, openDatabase } from '../../../platform/db/database.ts';
import { openTestDatabase, type TestDatabase } from '../../../platform/db/testDb.ts';
import { cryptoRandom } from '../../../platform/random.ts';
import { mitidMigrations } from '../../../roots/mitid/db/migrations.ts';
import type { MitidDb } from '../../db/index.ts';
import { ClientAdmin } from '../ClientAdmin.ts';
import { ClientRegistry } from '../ClientRegistry.ts';
import { deriveClientSecretKey } from '../clientSecretHash.ts';
import { configuredClients } from '../configuredClients.ts';

export const BANK_SECRET = 'bank-client-secret-for-client-tests-0123456789';
export const SERVER_SECRET = 'mitid-server-secret-for-client-tests-0123456789';

export interface ClientsKit {
  database: TestDatabase<MitidDb>;
  clock: TestClock;
  key: Buffer;
  config: ReturnType<typeof loadConfig>;
  registry: ClientRegistry;
  admin: ClientAdmin;
  /** configuredClients as a start runs it, with this BANK_CLIENT_SECRET. */
  configure(bankClientSecret?: string): Promise<void>;
  /** Another connection to the same database, for a second node's registry. */
  otherConnection(): Promise<Database<MitidDb>>;
  close(): Promise<void>;
}

export async function openClientsKit(dialect: Dialect): Promise<ClientsKit> {
  const database = await openTestDatabase<MitidDb>(dialect, mitidMigrations);
  const clock = new TestClock();
  const key = deriveClientSecretKey(SERVER_SECRET);
  const config = loadConfig({ DATA_DIR: database.where });
  const configure = (bankClientSecret = BANK_SECRET): Promise<void> =>
    configuredClients({ db: database.db, clock, config, bankClientSecret, key });
  await configure();
  const registry = await ClientRegistry.load({ db: database.db, clock, key });
  const others: Database<MitidDb>[] = [];
  return {
    database,
    clock,
    key,
    config,
    registry,
    admin: new ClientAdmin({ db: database.db, clock, random: cryptoRandom, key }),
    configure,
    async otherConnection() {
      const other = await openDatabase<MitidDb>({
        url: database.url,
        dataDir: dialect === 'sqlite' ? database.where : '',
        name: database.name,
      });
      others.push(other);
      return other;
    },
    async close() {
      for (const o of others) await o.close();
      await database.close();
    },
  };
}
