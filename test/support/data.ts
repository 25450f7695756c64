/** Opens the running system's databases, so browser tests can check what was stored. */

import { loadConfig } from '../../src/config/config.ts';
import { loadFileSecrets } from '../../src/config/secrets.ts';
import type { MitidDb } from '../../src/core/db/index.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { type Database, openDatabase } from '../../src/platform/db/database.ts';
import { KeyStore } from '../../src/platform/keys/KeyStore.ts';
import type { BankDb } from '../../src/services/bank/db/schema.ts';
import type { RunningSystem } from './system.ts';

export interface SystemData {
  mitid: Database<MitidDb>;
  bank: Database<BankDb>;
  close(): Promise<void>;
}

export async function openSystemData(system: RunningSystem): Promise<SystemData> {
  const url = system.env.DATABASE_URL ?? 'sqlite';
  const mitid = await openDatabase<MitidDb>({ url, dataDir: system.dataDir, name: 'mitid' });
  const bank = await openDatabase<BankDb>({ url, dataDir: system.dataDir, name: 'bank' });
  return {
    mitid,
    bank,
    close: async () => {
      await mitid.close();
      await bank.close();
    },
  };
}

/** The code of key `keyNo` on the active key card of the person with NemID user-ID `userId`. */
export async function keyCode(
  data: SystemData,
  userId: string,
  keyNo: string,
): Promise<{ code: string; usedAt: number | null }> {
  const row = await data.mitid.db
    .selectFrom('nemid_key_codes as k')
    .innerJoin('nemid_key_cards as c', 'c.id', 'k.card_id')
    .innerJoin('nemid_credentials as n', 'n.cpr', 'c.cpr')
    .select(['k.code', 'k.used_at'])
    .where('n.user_id_norm', '=', userId.toLowerCase())
    .where('c.active', '=', 1)
    .where('k.key_no', '=', keyNo)
    .executeTakeFirstOrThrow();
  return { code: row.code, usedAt: row.used_at };
}

/** The running MitID service's server secret, read from its key store as another node would. */
export async function mitidServerSecret(system: RunningSystem, data: SystemData): Promise<string> {
  const config = loadConfig({ ...system.env, DATA_DIR: system.dataDir });
  const kek = loadFileSecrets(config).keyEncryptionKey;
  const [current] = await new KeyStore(data.mitid.db, kek, systemClock).versions('server-secret');
  if (!current) throw new Error('The running MitID service has no server secret yet');
  return current.secret;
}
