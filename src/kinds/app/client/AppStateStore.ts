/**
 * The app's state on disk: a directory holding `app.json` (the users, no secrets) and one
 * private key per device in `keys/`. Rules:
 * - the directory is made with mode 0700, each key file with 0600, and a key file that group or
 *   others may read is refused (as ssh refuses an open private key);
 * - the PIN is never stored; nor is anything derived from it;
 * - app.json is replaced atomically (write a temporary file, then rename), so a crash leaves the
 *   old or the new list, never half of one;
 * - one entry per user-ID and server: activating a user again replaces the entry and its key.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, chmod, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type AppResult, clientError, ok } from './appErrors.ts';
import { type DeviceKey, exportDeviceKey, importDeviceKey } from './deviceKey.ts';

export interface AppUser {
  userId: string;
  deviceId: string;
  serverUrl: string;
  deviceName: string;
  /** Epoch ms. */
  activatedAt: number;
}

interface AppFile {
  version: 1;
  users: AppUser[];
}

/** User-IDs are compared without regard to case, as the server finds them. */
export const sameUserId = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export class AppStateStore {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = path.resolve(dir);
  }

  async users(): Promise<AppResult<AppUser[]>> {
    const file = await this.#read();
    return file.ok ? ok(file.value.users) : file;
  }

  /** The user with this user-ID (compared without regard to case, as the server does). */
  async user(userId: string, serverUrl?: string): Promise<AppResult<AppUser>> {
    const all = await this.users();
    if (!all.ok) return all;
    const found = all.value.filter(
      (u) => sameUserId(u.userId, userId) && (serverUrl === undefined || u.serverUrl === serverUrl),
    );
    if (found.length === 1 && found[0]) return ok(found[0]);
    return clientError(
      'unknown_user',
      found.length === 0
        ? `No user "${userId}" in this app.`
        : `User "${userId}" is in this app for several servers; name the server.`,
    );
  }

  /**
   * Checked before a device is registered on the server, so that a device the server accepts is
   * not then lost for want of a writable directory.
   */
  async ensureWritable(): Promise<AppResult<void>> {
    const file = await this.#read();
    if (!file.ok) return file;
    try {
      await mkdir(path.join(this.dir, 'keys'), { recursive: true, mode: 0o700 });
      await access(path.join(this.dir, 'keys'), constants.W_OK);
      return ok(undefined);
    } catch (e) {
      return clientError('state_error', `${this.dir} is not writable: ${(e as Error).message}`);
    }
  }

  /** Stores the key (0600) and then the entry, replacing the same user on the same server. */
  async add(user: AppUser, key: DeviceKey): Promise<AppResult<AppUser>> {
    const file = await this.#read();
    if (!file.ok) return file;
    try {
      await mkdir(path.join(this.dir, 'keys'), { recursive: true, mode: 0o700 });
      await writeFile(this.#keyPath(user.deviceId), exportDeviceKey(key), { mode: 0o600, flag: 'wx' });
      const replaced = file.value.users.filter(
        (u) => sameUserId(u.userId, user.userId) && u.serverUrl === user.serverUrl,
      );
      const users = [...file.value.users.filter((u) => !replaced.includes(u)), user];
      await this.#write({ version: 1, users });
      for (const old of replaced) await rm(this.#keyPath(old.deviceId), { force: true });
      return ok(user);
    } catch (e) {
      return clientError('state_error', `${this.dir}: ${(e as Error).message}`);
    }
  }

  async remove(user: AppUser): Promise<AppResult<void>> {
    const file = await this.#read();
    if (!file.ok) return file;
    try {
      await this.#write({ version: 1, users: file.value.users.filter((u) => u.deviceId !== user.deviceId) });
      await rm(this.#keyPath(user.deviceId), { force: true });
      return ok(undefined);
    } catch (e) {
      return clientError('state_error', `${this.dir}: ${(e as Error).message}`);
    }
  }

  async key(user: AppUser): Promise<AppResult<DeviceKey>> {
    const file = this.#keyPath(user.deviceId);
    try {
      const info = await stat(file);
      if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
        return clientError(
          'state_error',
          `The key file ${file} may be read by others (mode ${(info.mode & 0o777).toString(8)}); it must be 600.`,
        );
      }
      return ok(importDeviceKey(await readFile(file, 'utf8')));
    } catch (e) {
      return clientError(
        'state_error',
        `The key for ${user.userId} could not be read: ${(e as Error).message}`,
      );
    }
  }

  /** Key files are named after the device, made safe for a file name whatever the server chose. */
  #keyPath(deviceId: string): string {
    const safe = /^[A-Za-z0-9_-]{1,100}$/.test(deviceId)
      ? deviceId
      : Buffer.from(deviceId).toString('base64url');
    return path.join(this.dir, 'keys', `${safe}.pem`);
  }

  async #read(): Promise<AppResult<AppFile>> {
    let text: string;
    try {
      text = await readFile(path.join(this.dir, 'app.json'), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return ok({ version: 1, users: [] });
      return clientError('state_error', `${path.join(this.dir, 'app.json')}: ${(e as Error).message}`);
    }
    try {
      const parsed = JSON.parse(text) as Partial<AppFile>;
      if (parsed.version !== 1 || !Array.isArray(parsed.users) || !parsed.users.every(isAppUser)) {
        throw new Error('not an app state file of version 1');
      }
      return ok({ version: 1, users: parsed.users });
    } catch (e) {
      return clientError('state_error', `${path.join(this.dir, 'app.json')}: ${(e as Error).message}`);
    }
  }

  async #write(file: AppFile): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const target = path.join(this.dir, 'app.json');
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    // The public fields, listed (style rule 10).
    const users = file.users.map(({ userId, deviceId, serverUrl, deviceName, activatedAt }) => ({
      userId,
      deviceId,
      serverUrl,
      deviceName,
      activatedAt,
    }));
    await writeFile(temp, `${JSON.stringify({ version: 1, users }, null, 2)}\n`, { mode: 0o600 });
    await chmod(temp, 0o600);
    await rename(temp, target);
  }
}

function isAppUser(u: unknown): u is AppUser {
  const r = u as Record<string, unknown>;
  return (
    typeof u === 'object' &&
    u !== null &&
    typeof r.userId === 'string' &&
    typeof r.deviceId === 'string' &&
    typeof r.serverUrl === 'string' &&
    typeof r.deviceName === 'string' &&
    typeof r.activatedAt === 'number'
  );
}
