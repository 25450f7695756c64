import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { IdentityStore } from '../../../core/identity/index.ts';
import { deviceRequestString } from './deviceRequestString.ts';
import { type AppHarness, startAppHarness } from './testing/appHarness.ts';
import { signP1363, type TestDevice } from './testing/TestDevice.ts';

let h: AppHarness;
let device: TestDevice;
let identityId: string;
before(async () => {
  h = await startAppHarness();
  ({
    device,
    person: { identityId },
  } = await h.activatedPerson());
});
after(() => h.close());

const refused = (res: LightMyRequestResponse): void => {
  assert.equal(res.statusCode, 401, res.body);
  assert.equal(res.json().error, 'invalid_device_signature');
};

const url = () => `/api/app/v1/devices/${device.deviceId}/users-in-app`;
const send = (headers: Record<string, string>, payload = '{"count":1}', target = url()) =>
  h.app.inject({
    method: 'POST',
    url: target,
    headers: { 'content-type': 'application/json', ...headers },
    payload,
  });

test('a correctly signed call passes (the baseline of the cases below)', async () => {
  const res = await send(device.signHeaders('POST', url(), '{"count":1}'));
  assert.equal(res.statusCode, 200);
});

test('the same signed request twice within its window: the second is a replay and refused', async () => {
  const headers = device.signHeaders('POST', url(), '{"count":1}');
  assert.equal((await send(headers)).statusCode, 200);
  refused(await send(headers));
  // Another request signed at the same moment is not a replay.
  assert.equal((await send(device.signHeaders('POST', url(), '{"count":1}'))).statusCode, 200);
});

test('no headers, a body changed after signing, another path, another method', async () => {
  refused(await send({}));
  refused(await send(device.signHeaders('POST', url(), '{"count":1}'), '{"count":2}'));
  refused(await send(device.signHeaders('POST', url(), '{"count":1}'), '{"count":1} '));
  refused(
    await send(
      device.signHeaders('POST', `/api/app/v1/devices/${device.deviceId}/transfer-codes`, '{"count":1}'),
    ),
  );
  refused(await send(device.signHeaders('DELETE', url(), '{"count":1}')));
  refused(await send(device.signHeaders('POST', url(), '{"count":1}'), '{"count":1}', `${url()}?x=1`));
});

test('a timestamp more than 60 s away from the server clock', async () => {
  const now = h.clock.now().getTime();
  assert.equal((await send(device.signHeaders('POST', url(), '{"count":1}', now - 60_000))).statusCode, 200);
  refused(await send(device.signHeaders('POST', url(), '{"count":1}', now - 60_001)));
  refused(await send(device.signHeaders('POST', url(), '{"count":1}', now + 60_001)));
  // The timestamp is signed: changing it afterwards breaks the signature.
  const headers = device.signHeaders('POST', url(), '{"count":1}', now - 60_001);
  refused(await send({ ...headers, 'x-mitid-timestamp': String(now) }));
});

test("another key, another device's id, an unknown device", async () => {
  const { device: other } = await h.activatedPerson();
  const forged = { ...device.signHeaders('POST', url(), '{"count":1}') };
  forged['x-mitid-signature'] = signP1363(
    other.privateKey,
    deviceRequestString('POST', url(), forged['x-mitid-timestamp'] ?? '', Buffer.from('{"count":1}')),
  );
  refused(await send(forged));
  refused(await send({ ...other.signHeaders('POST', url(), '{"count":1}') }));
  const ghost = `/api/app/v1/devices/no-such-device/users-in-app`;
  refused(
    await send(
      { ...device.signHeaders('POST', ghost, '{"count":1}'), 'x-mitid-device': 'no-such-device' },
      '{"count":1}',
      ghost,
    ),
  );
  refused(
    await send({ ...device.signHeaders('POST', url(), '{"count":1}'), 'x-mitid-signature': 'A'.repeat(86) }),
  );
  refused(
    await send({
      ...device.signHeaders('POST', url(), '{"count":1}'),
      'x-mitid-signature': 'not base64url!',
    }),
  );
});

test('a blocked device, a blocked identity, a removed device', async () => {
  const db = h.database.db;
  await db
    .updateTable('authenticators')
    .set({ status: 'blocked' })
    .where('id', '=', device.deviceId)
    .execute();
  refused(await send(device.signHeaders('POST', url(), '{"count":1}')));
  await db
    .updateTable('authenticators')
    .set({ status: 'active' })
    .where('id', '=', device.deviceId)
    .execute();

  const identities = new IdentityStore(db);
  await identities.setStatus(identityId, 'blocked', h.clock.now().getTime());
  refused(await send(device.signHeaders('POST', url(), '{"count":1}')));
  await identities.setStatus(identityId, 'active', h.clock.now().getTime());
  assert.equal((await send(device.signHeaders('POST', url(), '{"count":1}'))).statusCode, 200);

  assert.equal((await device.signed('DELETE', '')).statusCode, 200);
  refused(await send(device.signHeaders('POST', url(), '{"count":1}')));
  refused(await device.signed('GET', '/transactions'));
});
