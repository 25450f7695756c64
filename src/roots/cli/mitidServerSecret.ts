/**
 * The MitID server secret for a process outside the service (the device CLI, the dev start's
 * seeding): read from the key store in the MitID database, made there as a first start makes it
 * (race-safe), with the key-encryption key from DATA_DIR/secrets.json or the environment.
 */
import * as opaque from '@serenity-kit/opaque';
import type { Config } from '../../config/config.ts';
import { loadFileSecrets, loadMitidSecrets, serverSecretOf } from '../../config/secrets.ts';
import type { MitidDb } from '../../core/db/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';
import { KeyStore } from '../../platform/keys/KeyStore.ts';

export async function mitidServerSecret(
  database: Database<MitidDb>,
  config: Config,
  clock: Clock,
): Promise<string> {
  const file = loadFileSecrets(config);
  const store = new KeyStore(database.db as never, file.keyEncryptionKey, clock);
  const keys = await loadMitidSecrets(store, file, clock, async () => {
    await opaque.ready;
    return opaque.server.createSetup();
  });
  return serverSecretOf(keys.secrets);
}
