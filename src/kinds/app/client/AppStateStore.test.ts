import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { AppStateStore, type AppUser } from './AppStateStore.ts';
import { generateDeviceKey } from './deviceKey.ts';

const root = mkdtempSync(path.join(tmpdir(), 'app-state-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = (): string => path.join(root, `app${++n}`);

const jonas: AppUser = {
  userId: 'J()nas Jen5en',
  deviceId: 'dev-1',
  serverUrl: 'http://localhost:1',
  deviceName: 'CLI',
  activatedAt: 1,
};

test('an app that was never used has no users', async () => {
  assert.deepEqual(await new AppStateStore(freshDir()).users(), { ok: true, value: [] });
});

test('several users, each with a key file only the owner can read, and no PIN anywhere', async () => {
  const dir = freshDir();
  const store = new AppStateStore(dir);
  const k1 = generateDeviceKey();
  const k2 = generateDeviceKey();
  await store.add(jonas, k1);
  await store.add({ ...jonas, userId: 'mettemus', deviceId: 'dev-2' }, k2);
  const users = await store.users();
  assert.ok(users.ok);
  assert.deepEqual(
    users.value.map((u) => u.userId),
    ['J()nas Jen5en', 'mettemus'],
  );
  assert.equal(statSync(dir).mode & 0o777, 0o700);
  assert.equal(statSync(path.join(dir, 'app.json')).mode & 0o777, 0o600);
  for (const f of readdirSync(path.join(dir, 'keys'))) {
    assert.equal(statSync(path.join(dir, 'keys', f)).mode & 0o777, 0o600, f);
  }
  const k = await store.key({ ...jonas });
  assert.ok(k.ok);
  assert.deepEqual(k.value.publicJwk, k1.publicJwk);
  assert.deepEqual(
    Object.keys(JSON.parse(readFileSync(path.join(dir, 'app.json'), 'utf8')).users[0]).sort(),
    ['activatedAt', 'deviceId', 'deviceName', 'serverUrl', 'userId'],
  );
});

test('a user is found regardless of case; an unknown one is a typed error', async () => {
  const store = new AppStateStore(freshDir());
  await store.add(jonas, generateDeviceKey());
  const found = await store.user('j()NAS jen5en');
  assert.ok(found.ok);
  assert.equal(found.value.deviceId, 'dev-1');
  const missing = await store.user('nobody');
  assert.equal(missing.ok ? 'found' : missing.error.code, 'unknown_user');
});

test('activating the same user again replaces the entry and removes the old key', async () => {
  const dir = freshDir();
  const store = new AppStateStore(dir);
  await store.add(jonas, generateDeviceKey());
  await store.add({ ...jonas, deviceId: 'dev-3' }, generateDeviceKey());
  const users = await store.users();
  assert.ok(users.ok);
  assert.deepEqual(
    users.value.map((u) => u.deviceId),
    ['dev-3'],
  );
  assert.deepEqual(readdirSync(path.join(dir, 'keys')), ['dev-3.pem']);
});

test('a key file readable by others is refused', async () => {
  const dir = freshDir();
  const store = new AppStateStore(dir);
  await store.add(jonas, generateDeviceKey());
  chmodSync(path.join(dir, 'keys', 'dev-1.pem'), 0o644);
  const k = await store.key(jonas);
  assert.equal(k.ok ? 'read' : k.error.code, 'state_error');
  assert.match(k.ok ? '' : k.error.message, /must be 600/);
});

test('a device id that is not a safe file name still gets its own file inside keys/', async () => {
  const dir = freshDir();
  const store = new AppStateStore(dir);
  await store.add({ ...jonas, deviceId: '../../etc/passwd' }, generateDeviceKey());
  const [file] = readdirSync(path.join(dir, 'keys'));
  assert.ok(file && !file.includes('/') && !file.startsWith('.'));
});

test('a damaged app.json is a typed error, not a crash', async () => {
  const dir = freshDir();
  const store = new AppStateStore(dir);
  await store.add(jonas, generateDeviceKey());
  writeFileSync(path.join(dir, 'app.json'), '{"version":1,"users":[{"userId":1}]}');
  const users = await store.users();
  assert.equal(users.ok ? 'read' : users.error.code, 'state_error');
});

test('removing a user removes their key', async () => {
  const dir = freshDir();
  const store = new AppStateStore(dir);
  await store.add(jonas, generateDeviceKey());
  await store.remove(jonas);
  assert.deepEqual(readdirSync(path.join(dir, 'keys')), []);
  assert.deepEqual(await store.users(), { ok: true, value: [] });
});
