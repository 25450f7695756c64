/**
 * The X-MitID-Timestamp of a device's signed requests. The server refuses the same signed content
 * twice (docs/protocols/app.md, "Signed device requests"), so two calls at once for one device (the
 * overview fetching every user's requests while a decision is sent, or two tabs of the app) must
 * never share a timestamp. Rules:
 * - per device: the next timestamp is max(now, last + 1), so a device's timestamps strictly increase;
 * - `last` is kept in the app's state (localStorage, `mitid-app-ts-<deviceId>`, shared by every tab
 *   of the app), so a reload does not go back, and it is read and written under a Web Lock per
 *   device, so two tabs take turns; without Web Locks (an old browser) the read and the write are
 *   one synchronous step, which is enough within one tab.
 */
const PREFIX = 'mitid-app-ts-';
/** This tab's last timestamp per device, for when storage cannot be used. */
const inTab = new Map();

/** The next timestamp after `last` at `now` (both epoch ms). */
export function nextTimestamp(now, last) {
  return Math.max(now, (Number.isSafeInteger(last) ? last : 0) + 1);
}

/**
 * Takes the device's next timestamp. `env` is for tests: `now()`, `storage` (getItem/setItem) and
 * `locks` (the Web Locks API's `request(name, callback)`); the browser's by default.
 */
export async function takeTimestamp(deviceId, env = {}) {
  const now = env.now ?? Date.now;
  const storage = env.storage ?? globalThis.localStorage;
  const locks = env.locks === undefined ? globalThis.navigator?.locks : env.locks;
  const key = PREFIX + deviceId;
  const take = () => {
    let stored = Number.NaN;
    try {
      stored = Number(storage.getItem(key));
    } catch {
      // Storage refused (a private window's quota): this tab's own counter still holds.
    }
    const ts = nextTimestamp(now(), Math.max(Number.isSafeInteger(stored) ? stored : 0, inTab.get(key) ?? 0));
    inTab.set(key, ts);
    try {
      storage.setItem(key, String(ts));
    } catch {
      // As above.
    }
    return ts;
  };
  return locks?.request ? locks.request(key, take) : take();
}

/** A removed device's counter goes with it. */
export function forgetTimestamps(deviceId, storage = globalThis.localStorage) {
  inTab.delete(PREFIX + deviceId);
  try {
    storage.removeItem(PREFIX + deviceId);
  } catch {
    // Nothing kept, nothing to drop.
  }
}
