/**
 * `node src/roots/cli/rotateKeys.ts <mitid|bank> <purpose>`: rotates one key of a service
 * in its database (rotateKey.ts), with the service's configuration (DATABASE_URL, DATA_DIR,
 * KEY_ENCRYPTION_KEY). The nodes keep running: each loads the new version within a minute, it
 * signs five minutes after it was made, and the old one keeps verifying for 60 days.
 * Exit codes: 0 rotated; 1 refused (a key that is not rotated, another KEK, no key yet); 2 usage.
 */
import { loadConfigOrExit } from '../../config/config.ts';
import { loadFileSecrets } from '../../config/secrets.ts';
import { systemClock } from '../../platform/clock.ts';
import { openDatabase } from '../../platform/db/database.ts';
import { KeyStore } from '../../platform/keys/KeyStore.ts';
import { type KeyPurpose, keyPurposes } from '../../platform/keys/keyPurposes.ts';
import { rotateKey } from '../../platform/keys/rotateKey.ts';
import { cryptoRandom } from '../../platform/random.ts';

const [service, purpose] = process.argv.slice(2);
if ((service !== 'mitid' && service !== 'bank') || !purpose || !(purpose in keyPurposes)) {
  console.error(
    `Usage: node src/roots/cli/rotateKeys.ts <mitid|bank> <${Object.keys(keyPurposes).join('|')}>`,
  );
  process.exit(2);
}

const config = loadConfigOrExit();
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, name: service });
let code = 0;
try {
  const file = loadFileSecrets(config);
  const store = new KeyStore(database.db as never, file.keyEncryptionKey, systemClock);
  const made = await rotateKey(store, cryptoRandom, purpose as KeyPurpose);
  const older = (await store.versions(purpose)).filter(
    (v) => v.version < made.version && v.retiredAt !== null,
  );
  const retires = older.length > 0 ? Math.max(...older.map((v) => v.retiredAt ?? 0)) : undefined;
  console.log(
    `Key "${purpose}" of ${service}: version ${made.version} made; it signs from ` +
      `${new Date(made.activatesAt).toISOString()}` +
      (retires ? `; the older versions verify until ${new Date(retires).toISOString()}.` : '.'),
  );
} catch (err) {
  // The refusals are sentences for the operator (KeyRotationRefused, KeyDecryptionError, no key).
  console.error((err as Error).message);
  code = 1;
} finally {
  await database.close();
}
process.exit(code);
