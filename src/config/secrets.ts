/**
 * Secrets, never printed or logged. Two homes (docs/decisions/0002-shared-key-store.md):
 *
 * - The keys a service's nodes share live in the service's database, encrypted under the
 *   key-encryption key (src/platform/keys): the cookie key, the MitID service's server secret
 *   (one-time codes, sealed PIN-login states) and its OPAQUE server setup. Made once by whichever
 *   node starts first.
 * - The key-encryption key and the services' client secrets come from the environment
 *   (KEY_ENCRYPTION_KEY, BANK_CLIENT_SECRET, BORGER_CLIENT_SECRET) or, unset, from
 *   DATA_DIR/secrets.json, generated on first start (mode 0600): the embedded default, nothing to
 *   configure for a developer.
 *
 * A data folder from before the key store keeps working: the keys its secrets.json held become
 * version 1 in the database, so no cookie, code or app PIN is lost by the upgrade.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Clock } from '../platform/clock.ts';
import { KeyRing } from '../platform/keys/KeyRing.ts';
import type { KeyStore, KeyVersion } from '../platform/keys/KeyStore.ts';
import type { KeyPurpose } from '../platform/keys/keyPurposes.ts';
import { newOidcSigningKey } from '../platform/keys/oidcSigningKey.ts';
import { type CookieKey, ringCookieSigner } from '../platform/keys/ringCookieSigner.ts';
import type { Config } from './config.ts';

export type { CookieKey };

/** What a service's code gets: only its own service's keys. */
export interface Secrets {
  /** Signs and verifies this service's cookies: a fixed key (tests) or the key store's ring. */
  cookieKey: CookieKey;
  /** Min Bank's client secret at the MitID service (NemID login, registration-authority API). */
  bankClientSecret: string;
  /** Borger's client secret at the MitID service (its OpenID Connect login); MitID's and Borger's processes. */
  borgerClientSecret?: string;
  /** The password of Min Bank's phone support page (Min Bank's process only). */
  bankSupportPassword?: string;
  /**
   * MitID: the secret the one-time codes' HMAC key and the app's sealed PIN-login states are
   * derived from (HKDF, a label each). Absent in Min Bank's process.
   */
  serverSecret?: string;
  /**
   * MitID: the OPAQUE server setup behind the MitID app's PINs (src/kinds/app/server). Losing it makes
   * every app PIN unusable. Absent in Min Bank's process; tests without one get a fresh one.
   */
  opaqueServerSetup?: string;
  /**
   * MitID: the OpenID Connect provider's signing keys (key-store purpose `oidc-signing`, a ring
   * reloaded each minute). Absent in Min Bank's process; tests without one get a fresh one.
   */
  oidcSigning?: KeyRing;
}

/** The MitID service's server secret; a clear error where a process has none. */
export function serverSecretOf(secrets: Secrets): string {
  if (!secrets.serverSecret) throw new Error('This process has no MitID server secret');
  return secrets.serverSecret;
}

/** What DATA_DIR/secrets.json (or the environment in its place) gives a process. */
export interface FileSecrets {
  keyEncryptionKey: Buffer;
  bankClientSecret: string;
  /** Borger's client secret at the MitID service (generated into secrets.json like Min Bank's). */
  borgerClientSecret: string;
  /** The password of Min Bank's phone support page (generated into secrets.json like the client secrets). */
  bankSupportPassword: string;
  /** Keys an older version kept in the file, imported into the key store when it has none. */
  legacy: Partial<Record<'mitidCookieKey' | 'bankCookieKey' | 'opaqueServerSetup', string>>;
}

type FileEntries = Partial<
  Record<
    | 'keyEncryptionKey'
    | 'bankClientSecret'
    | 'borgerClientSecret'
    | 'bankSupportPassword'
    | 'mitidCookieKey'
    | 'bankCookieKey'
    | 'opaqueServerSetup',
    unknown
  >
>;

/**
 * Reads the secrets the environment does not give, from `DATA_DIR/secrets.json`, generating the
 * missing ones into it. Nothing is written when the environment gives both.
 */
export function loadFileSecrets(config: Config): FileSecrets {
  const dir = config.dataDir;
  const file = path.join(dir, 'secrets.json');
  let stored: FileEntries = {};
  try {
    stored = JSON.parse(readFileSync(file, 'utf8')) as FileEntries;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new Error(`The secrets file ${file} cannot be read; fix or remove it`, { cause: err });
    }
  }
  let changed = false;
  const fromFile = (
    name: 'keyEncryptionKey' | 'bankClientSecret' | 'borgerClientSecret' | 'bankSupportPassword',
  ): string => {
    const value = stored[name];
    if (typeof value === 'string' && value.length >= 32) return value;
    changed = true;
    const made = randomBytes(32).toString('base64url');
    stored[name] = made;
    return made;
  };
  const kek =
    config.keyEncryptionKey === undefined ? fromFile('keyEncryptionKey') : readKek(config.keyEncryptionKey);
  const bankClientSecret = config.bankClientSecret ?? fromFile('bankClientSecret');
  const borgerClientSecret = config.borgerClientSecret ?? fromFile('borgerClientSecret');
  const bankSupportPassword = config.bankSupportPassword ?? fromFile('bankSupportPassword');
  if (changed) {
    mkdirSync(dir, { recursive: true });
    writeSecrets(file, stored);
  }
  const legacy: FileSecrets['legacy'] = {};
  for (const name of ['mitidCookieKey', 'bankCookieKey', 'opaqueServerSetup'] as const) {
    const value = stored[name];
    if (typeof value === 'string' && value.length > 0) legacy[name] = value;
  }
  return {
    keyEncryptionKey: decodeKek(kek, 'KEY_ENCRYPTION_KEY'),
    bankClientSecret,
    borgerClientSecret,
    bankSupportPassword,
    legacy,
  };
}

/** KEY_ENCRYPTION_KEY: the key itself, or (an absolute path) the file that holds it. */
function readKek(setting: string): string {
  if (!path.isAbsolute(setting)) return setting;
  try {
    return readFileSync(setting, 'utf8').trim();
  } catch (err) {
    throw new Error(`KEY_ENCRYPTION_KEY names the file ${setting}, which cannot be read`, { cause: err });
  }
}

function decodeKek(value: string, source: string): Buffer {
  const key = Buffer.from(value, 'base64url');
  if (!/^[A-Za-z0-9_-]{43}$/.test(value) || key.length !== 32) {
    throw new Error(`${source} must be 32 bytes in base64url (43 characters)`);
  }
  return key;
}

/** A service's secrets, and how to reload its rotatable keys from the database. */
export interface ServiceSecrets {
  secrets: Secrets;
  /** Reloads the rings from the key store, so a rotation made elsewhere reaches this node. */
  reload(): Promise<void>;
}

const newKey = (): string => randomBytes(32).toString('base64url');

/** The MitID service's keys: made once in its key store, or imported from an older secrets.json. */
export async function loadMitidSecrets(
  store: KeyStore,
  file: FileSecrets,
  clock: Clock,
  createOpaqueSetup: () => Promise<string>,
): Promise<ServiceSecrets> {
  const cookie = await ensureRing(store, clock, 'cookie', () => file.legacy.mitidCookieKey ?? newKey());
  // Before the key store the cookie key was also the codes' secret: kept, outstanding codes still match.
  const [server] = await store.ensure('server-secret', () => file.legacy.mitidCookieKey ?? newKey());
  const [opaque] = await store.ensure(
    'opaque-server-setup',
    async () => file.legacy.opaqueServerSetup ?? (await createOpaqueSetup()),
  );
  const oidcSigning = await ensureRing(store, clock, 'oidc-signing', newOidcSigningKey);
  return {
    secrets: {
      cookieKey: ringCookieSigner(cookie),
      bankClientSecret: file.bankClientSecret,
      borgerClientSecret: file.borgerClientSecret,
      serverSecret: (server as KeyVersion).secret,
      opaqueServerSetup: (opaque as KeyVersion).secret,
      oidcSigning,
    },
    reload: async () => {
      cookie.replace(await store.versions('cookie'));
      oidcSigning.replace(await store.versions('oidc-signing'));
    },
  };
}

/** Min Bank's keys: its cookie key, made once in its own database's key store. */
export async function loadBankSecrets(
  store: KeyStore,
  file: FileSecrets,
  clock: Clock,
): Promise<ServiceSecrets> {
  const cookie = await ensureRing(store, clock, 'cookie', () => file.legacy.bankCookieKey ?? newKey());
  return {
    secrets: {
      cookieKey: ringCookieSigner(cookie),
      bankClientSecret: file.bankClientSecret,
      bankSupportPassword: file.bankSupportPassword,
    },
    reload: async () => cookie.replace(await store.versions('cookie')),
  };
}

/** Borger's keys: its cookie key in its own database's key store, and its client secret at MitID. */
export async function loadBorgerSecrets(
  store: KeyStore,
  file: FileSecrets,
  clock: Clock,
): Promise<ServiceSecrets> {
  const cookie = await ensureRing(store, clock, 'cookie', newKey);
  return {
    secrets: {
      cookieKey: ringCookieSigner(cookie),
      // Borger is another organisation than Min Bank: it never holds the bank's secret.
      bankClientSecret: '',
      borgerClientSecret: file.borgerClientSecret,
    },
    reload: async () => cookie.replace(await store.versions('cookie')),
  };
}

async function ensureRing(
  store: KeyStore,
  clock: Clock,
  purpose: KeyPurpose,
  make: () => string,
): Promise<KeyRing> {
  return new KeyRing(purpose, await store.ensure(purpose, make), clock);
}

/** Write-then-rename so a crash never leaves a half-written secrets file. */
function writeSecrets(file: string, secrets: object): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
}
