/**
 * The app's users on this device, in IndexedDB: one record per user with their device id, their
 * non-extractable private key (a CryptoKey, stored as such) and whether biometrics are on.
 * Nothing secret about the PIN is ever stored.
 */
import { forgetTimestamps } from './deviceTimestamps.js';

const DB_NAME = 'mitid-app';
const STORE = 'users';

function open() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'deviceId' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function run(mode, work) {
  const db = await open();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req?.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** Every user of this app, oldest first. */
export async function listUsers() {
  const users = await run('readonly', (store) => store.getAll());
  return (users ?? []).sort((a, b) => a.addedAt - b.addedAt);
}

export async function saveUser(user) {
  await run('readwrite', (store) => store.put(user));
}

export async function removeUser(deviceId) {
  await run('readwrite', (store) => store.delete(deviceId));
  forgetTimestamps(deviceId);
}
