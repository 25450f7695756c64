/**
 * Changes to the app's set of users that the server must hear about: every device is told how
 * many users its app holds (more than one: no biometrics), and a user dropped from the app is
 * removed on the server too, freeing one of the person's 3 places.
 */
import { signedCall } from './api.js';
import { reloadUsers, state } from './appState.js';
import { removeUser } from './deviceStore.js';

/** Tells every device but `except` how many users the app now has (best effort: offline is fine). */
export async function reportUsersInApp(except) {
  const count = { count: Math.max(1, state.users.length) };
  for (const user of state.users.filter((u) => u.deviceId !== except)) {
    await signedCall(user, 'POST', `/devices/${user.deviceId}/users-in-app`, count).catch(() => undefined);
  }
}

/** Removes `user` from the server and from this app. */
export async function dropUser(user) {
  try {
    await signedCall(user, 'DELETE', `/devices/${user.deviceId}`);
  } catch (err) {
    // Already removed or unknown on the server: it only has to go from this app.
    if (err?.code !== 'invalid_device_signature') throw err;
  }
  await removeUser(user.deviceId);
  await reloadUsers();
  await reportUsersInApp();
}
