/**
 * The X-MitID-Timestamp of a device's signed requests. The server refuses the same signed content
 * twice (docs/protocols/app.md, "Signed device requests"), and two calls made at once for one
 * device (two `pending()` in the same millisecond) would otherwise share method, path, body and
 * timestamp. Rules:
 * - one source per device, shared by every call of every AppApi of this client: each timestamp
 *   is max(now, last + 1), so in one process a device's timestamps strictly increase;
 * - each timestamp is also claimed in the state directory, as an empty file
 *   `timestamps/<device>/<ms>` created with O_EXCL: a second process of the CLI on the same
 *   state directory (or a second client object) that picked the same millisecond finds the file
 *   and takes the next one. So no two processes ever send one timestamp for one device; between
 *   processes running at once the order is not defined (the server asks for unique, not ordered);
 * - a process that starts continues after the newest claim it finds, so a restart within the
 *   server's window does not go back; claims older than twice the clock window (2 minutes) can no
 *   longer pass the server's check and are removed;
 * - without a state directory (a library user who keeps no state) only the first rule holds.
 */
import { mkdir, open, readdir, rm, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../../../platform/clock.ts';
import { type AppResult, clientError, ok } from './appErrors.ts';

/** The server accepts ±60 s; a claim older than twice that is of no use to anyone. */
export const CLAIM_LIFETIME_MS = 120_000;

interface DeviceCounter {
  last: number;
  ready: Promise<void>;
  purgedAt: number;
}

export class DeviceTimestamps {
  readonly #dir: string | undefined;
  readonly #clock: Clock;
  readonly #devices = new Map<string, DeviceCounter>();

  /** `stateDir`: the app's state directory; the claims live in its `timestamps/` folder. */
  constructor(stateDir: string | undefined, clock: Clock) {
    this.#dir = stateDir === undefined ? undefined : path.join(path.resolve(stateDir), 'timestamps');
    this.#clock = clock;
  }

  /** The next timestamp (epoch ms) for this device, never given out before for it. */
  async next(deviceId: string): Promise<AppResult<number>> {
    const counter = this.#counter(deviceId);
    try {
      await counter.ready;
      for (;;) {
        // Taken synchronously, before any await: concurrent calls in this process never meet.
        const candidate = Math.max(this.#clock.now().getTime(), counter.last + 1);
        counter.last = candidate;
        if (!this.#dir) return ok(candidate);
        if (await this.#claim(deviceId, candidate)) {
          if (candidate - counter.purgedAt > CLAIM_LIFETIME_MS / 2) void this.#purge(deviceId, counter);
          return ok(candidate);
        }
      }
    } catch (e) {
      return clientError('state_error', `Timestamps for ${deviceId}: ${(e as Error).message}`);
    }
  }

  /** A removed device's claims go with it. */
  async forget(deviceId: string): Promise<void> {
    this.#devices.delete(deviceId);
    if (this.#dir)
      await rm(this.#deviceDir(deviceId), { recursive: true, force: true }).catch(() => undefined);
  }

  #counter(deviceId: string): DeviceCounter {
    let counter = this.#devices.get(deviceId);
    if (!counter) {
      const c: DeviceCounter = { last: 0, purgedAt: 0, ready: Promise.resolve() };
      c.ready = this.#load(deviceId, c);
      this.#devices.set(deviceId, c);
      counter = c;
    }
    return counter;
  }

  /** Continue after the newest claim left by an earlier process; drop the stale ones. */
  async #load(deviceId: string, counter: DeviceCounter): Promise<void> {
    if (!this.#dir) return;
    await mkdir(this.#deviceDir(deviceId), { recursive: true, mode: 0o700 });
    for (const name of await readdir(this.#deviceDir(deviceId))) {
      const ms = Number(name);
      if (/^\d{1,16}$/.test(name) && ms > counter.last) counter.last = ms;
    }
    await this.#purge(deviceId, counter);
  }

  async #claim(deviceId: string, ms: number): Promise<boolean> {
    try {
      const handle = await open(path.join(this.#deviceDir(deviceId), String(ms)), 'wx', 0o600);
      await handle.close();
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    }
  }

  async #purge(deviceId: string, counter: DeviceCounter): Promise<void> {
    const now = this.#clock.now().getTime();
    counter.purgedAt = Math.max(now, counter.last);
    const dir = this.#deviceDir(deviceId);
    try {
      for (const name of await readdir(dir)) {
        if (/^\d{1,16}$/.test(name) && Number(name) < now - CLAIM_LIFETIME_MS) {
          await unlink(path.join(dir, name)).catch(() => undefined);
        }
      }
    } catch {
      // Housekeeping only: a claim left behind costs a file, never a refused call.
    }
  }

  #deviceDir(deviceId: string): string {
    const safe = /^[A-Za-z0-9_-]{1,100}$/.test(deviceId)
      ? deviceId
      : Buffer.from(deviceId).toString('base64url');
    return path.join(this.#dir as string, safe);
  }
}
