/** The users of this app (from IndexedDB) and which of them is chosen in the user picker. */
import { listUsers } from './deviceStore.js';

const ACTIVE = 'mitid-app-active-user';

export const state = {
  users: [],
  /** The install prompt, kept until the person asks to install. */
  installPrompt: null,
};

export async function reloadUsers() {
  state.users = await listUsers();
  const header = document.querySelector('[data-action="open-settings"]');
  if (header) header.hidden = state.users.length === 0;
  return state.users;
}

/** The user chosen in the picker (the first one when none is chosen). */
export function activeUser() {
  const chosen = localStorage.getItem(ACTIVE);
  return state.users.find((u) => u.deviceId === chosen) ?? state.users[0];
}

export function chooseUser(deviceId) {
  localStorage.setItem(ACTIVE, deviceId);
}

export const userByDevice = (deviceId) => state.users.find((u) => u.deviceId === deviceId);
