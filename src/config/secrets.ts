/**
 * Secrets (cookie keys, client secrets, signing keys) are generated on first start and kept with
 * the data, readable only by the owner. They are never printed or logged.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface Secrets {
  /** Signs the MitID service's cookies. */
  mitidCookieKey: string;
  /** Signs Min Bank's cookies. */
  bankCookieKey: string;
  /** Min Bank's client secret at the MitID service (NemID login, registration-authority API). */
  bankClientSecret: string;
  /**
   * The OPAQUE server setup behind the MitID app's PINs (src/app/server). Made by the MitID
   * service on its first start (loadOpaqueServerSetup): creating one needs the OPAQUE library's
   * WebAssembly, which loads asynchronously. Losing it makes every app PIN unusable.
   */
  opaqueServerSetup?: string;
}

const names: (keyof Secrets)[] = ['mitidCookieKey', 'bankCookieKey', 'bankClientSecret'];

/** Loads the secrets file in `dataDir`, creating it (or the missing entries) on first use. */
export function loadSecrets(dataDir: string): Secrets {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'secrets.json');
  let stored: Partial<Record<keyof Secrets, unknown>> = {};
  try {
    stored = JSON.parse(readFileSync(file, 'utf8')) as typeof stored;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new Error(`The secrets file ${file} cannot be read; fix or remove it`, { cause: err });
    }
  }
  let changed = false;
  const secrets = {} as Secrets;
  for (const name of names) {
    const value = stored[name];
    if (typeof value === 'string' && value.length >= 32) {
      secrets[name] = value;
    } else {
      secrets[name] = randomBytes(32).toString('base64url');
      changed = true;
    }
  }
  if (typeof stored.opaqueServerSetup === 'string') secrets.opaqueServerSetup = stored.opaqueServerSetup;
  if (changed) writeSecrets(file, secrets);
  return secrets;
}

/**
 * The OPAQUE server setup kept in `dataDir`'s secrets file, made with `create` and added to the
 * file (the other entries kept) when the file has none yet.
 */
export async function loadOpaqueServerSetup(dataDir: string, create: () => Promise<string>): Promise<string> {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'secrets.json');
  const read = (): Record<string, unknown> => {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new Error(`The secrets file ${file} cannot be read; fix or remove it`, { cause: err });
    }
  };
  const before = read().opaqueServerSetup;
  if (typeof before === 'string' && before.length > 0) return before;
  const setup = await create();
  // Read again after the await: only this entry is added to what the file holds now.
  writeSecrets(file, { ...read(), opaqueServerSetup: setup });
  return setup;
}

/** Write-then-rename so a crash never leaves a half-written secrets file. */
function writeSecrets(file: string, secrets: object): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
}
