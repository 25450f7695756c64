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
    const ts = nextTimestamp(now(), Number(storage.getItem(key)));
    storage.setItem(key, String(ts));
    return ts;
  };
  return locks?.request ? locks.request(key, take) : take();
}

/** A removed device's counter goes with it. */
export function forgetTimestamps(deviceId, storage = globalThis.localStorage) {
  storage.removeItem(PREFIX + deviceId);
}
