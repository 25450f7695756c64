/**
 * Rate limits that protect without capping real traffic (issue 7, item 6):
 * - 1,001 devices behind one address (a carrier's NAT, a proxy) each do a full approval in the
 *   same minute, and none is refused: the per-address throttle of device calls is high
 *   (RATE_LIMIT_DEVICE) and each device has a budget of its own;
 * - one device that hammers is refused once its own budget (RATE_LIMIT_PER_DEVICE, counted in
 *   the database) is spent, and only that device;
 * - a stranger with forged signatures spends no device's budget.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../../../config/config.ts';
import type { MitidDb } from '../../../core/db/index.ts';
import { dialectsUnderTest } from '../../../platform/db/testDb.ts';
import { CLOCK_SKEW_MS } from './routes/signedDevice.ts';
import { type AppHarness, startAppHarness } from './testing/appHarness.ts';
import type { TestDevice } from './testing/TestDevice.ts';

const login = { serviceName: 'Min Bank', action: 'login', text: 'Log på Min Bank' };

/** `n` active identities with one device each, written straight to the tables (cheap). */
interface Holder {
  userId: string;
  device: TestDevice;
}

async function manyDevices(h: AppHarness, n: number): Promise<Holder[]> {
  const now = h.clock.now().getTime();
  const out: Holder[] = [];
  for (let from = 0; from < n; from += 250) {
    const batch = Array.from({ length: Math.min(250, n - from) }, (_, j) => from + j);
    const rows = batch.map((i) => {
      const device = h.device();
      device.deviceId = `many-device-${i}`;
      return { i, device, cpr: `29${String(i).padStart(8, '0')}`, userId: `many-user-${i}` };
    });
    const db = h.database.db;
    await db
      .insertInto('people')
      .values(
        rows.map((r) => ({
          cpr: r.cpr,
          given_name: 'Anna',
          family_name: `Berg ${r.i}`,
          birth_date: '1990-01-29',
          street: 'Vestergade 1',
          postal_code: '1456',
          city: 'København K',
          municipality_code: '101',
          created_at: now,
        })),
      )
      .execute();
    await db
      .insertInto('identities')
      .values(
        rows.map((r) => ({
          id: `many-identity-${r.i}`,
          cpr: r.cpr,
          user_id: r.userId,
          user_id_norm: r.userId,
          status: 'active' as const,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
    await db
      .insertInto('authenticators')
      .values(
        rows.map((r) => ({
          id: r.device.deviceId,
          identity_id: `many-identity-${r.i}`,
          kind: 'app' as const,
          status: 'active' as const,
          label: `Phone ${r.i}`,
          factors: '["possession","knowledge","inherence"]',
          max_level: 'high' as const,
          blocked_reason: null,
          blocked_by: null,
          created_at: now,
          activated_at: now,
          blocked_at: null,
          revoked_at: null,
          updated_at: now,
        })),
      )
      .execute();
    await db
      .insertInto('app_devices')
      .values(
        rows.map((r) => ({
          authenticator_id: r.device.deviceId,
          public_key: JSON.stringify(r.device.publicJwk),
          users_in_app: 1,
          webauthn_counter: 0,
        })),
      )
      .execute();
    await db
      .insertInto('app_pins')
      .values(
        rows.map((r) => ({
          authenticator_id: r.device.deviceId,
          opaque_record: 'not-used-by-a-login',
          failures: 0,
          registered_at: now,
        })),
      )
      .execute();
    for (const r of rows) out.push({ userId: r.userId, device: r.device });
  }
  return out;
}

/** The default per-device budget (RATE_LIMIT_PER_DEVICE). */
const DEVICE_CALLS_PER_MINUTE = loadConfig({}).rateLimitPerDevice;

const deviceHits = async (h: AppHarness, deviceId: string): Promise<number> => {
  const db = h.database.db as unknown as import('kysely').Kysely<MitidDb>;
  // The device's signed calls of the last minute: its replay records that are that young.
  const row = await db
    .selectFrom('app_signed_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('device_id', '=', deviceId)
    .where('expires_at', '>', h.clock.now().getTime() + CLOCK_SKEW_MS)
    .executeTakeFirstOrThrow();
  return Number(row.n);
};

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: 1,001 devices behind one address each approve a login in one minute; none is refused`, async () => {
    const h = await startAppHarness({ dialect });
    try {
      const people = await manyDevices(h, 1002);
      const approve = async (i: number): Promise<void> => {
        const { userId, device } = people[i] as Holder;
        const created = await h.createTransaction({ userId, ...login });
        assert.equal(created.statusCode, 201, `transaction ${i}`);
        const listed = await device.signed('GET', '/transactions');
        assert.equal(listed.statusCode, 200, `device ${i}: ${listed.body}`);
        // The per-address throttle is on this route, at RATE_LIMIT_DEVICE.
        assert.equal(Number(listed.headers['x-ratelimit-limit']), h.config.rateLimitDevice);
        const [tx] = listed.json().transactions;
        const decided = await device.decide(tx, 'approve');
        assert.equal(decided.statusCode, 200, `device ${i}: ${decided.body}`);
        assert.equal(decided.json().status, 'approved');
      };
      // Four at a time, all from the one address (inject's 127.0.0.1).
      for (let i = 0; i < 1001; i += 4) {
        await Promise.all([i, i + 1, i + 2, i + 3].filter((j) => j < 1001).map(approve));
      }
      assert.equal(await deviceHits(h, 'many-device-1000'), 2, 'the 1,001st device spent 2 of its own calls');
      // Under the old limit of 60 a minute per address, people behind it would be refused. (The
      // throttle's window is the node's wall clock: within 61 calls one is refused however the
      // window falls.)
      h.app.perAddressLimits.device = 60;
      const next = people[1001] as Holder;
      const statuses: number[] = [];
      for (let i = 0; i < 61 && !statuses.includes(429); i++)
        statuses.push((await next.device.signed('GET', '/transactions')).statusCode);
      assert.equal(statuses.at(-1), 429);
    } finally {
      await h.close();
    }
  });

  test(`${dialect}: one device that hammers is refused after ${DEVICE_CALLS_PER_MINUTE} calls a minute; others are not`, async () => {
    const h = await startAppHarness({ dialect });
    try {
      const [hammer, neighbour] = (await manyDevices(h, 2)) as [Holder, Holder];
      for (let i = 0; i < DEVICE_CALLS_PER_MINUTE; i++) {
        const res = await hammer.device.signed('GET', '/transactions');
        assert.equal(res.statusCode, 200, `call ${i + 1} is accepted`);
      }
      assert.equal(await deviceHits(h, hammer.device.deviceId), DEVICE_CALLS_PER_MINUTE, 'and counted');
      const refused = await hammer.device.signed('GET', '/transactions');
      assert.equal(refused.statusCode, 429);
      assert.equal(refused.json().error, 'rate_limited');
      assert.equal(refused.headers['retry-after'], '60');
      await h.createTransaction({ userId: hammer.userId, ...login });
      const pin = await hammer.device.signed('POST', '/transactions/x/pin', { startLoginRequest: 'AAAA' });
      assert.equal(pin.statusCode, 429, 'the PIN and decision routes share the device budget');
      // The neighbour, at the same address, is not affected.
      assert.equal((await neighbour.device.signed('GET', '/transactions')).statusCode, 200);
      // The next minute the device has its budget back.
      h.clock.advance(60_000);
      assert.equal((await hammer.device.signed('GET', '/transactions')).statusCode, 200);
    } finally {
      await h.close();
    }
  });

  test(`${dialect}: forged signatures for a device spend none of its budget`, async () => {
    const h = await startAppHarness({ dialect });
    try {
      const [victim, stranger] = (await manyDevices(h, 2)) as [Holder, Holder];
      const url = `/api/app/v1/devices/${victim.device.deviceId}/transactions`;
      for (let i = 0; i < DEVICE_CALLS_PER_MINUTE + 10; i++) {
        // The stranger signs with its own key but names the victim's device.
        const headers = {
          ...stranger.device.signHeaders('GET', url, ''),
          'x-mitid-device': victim.device.deviceId,
        };
        const res = await h.app.inject({ method: 'GET', url, headers });
        assert.equal(res.statusCode, 401, `forged call ${i + 1} is refused`);
      }
      assert.equal(await deviceHits(h, victim.device.deviceId), 0);
      assert.equal((await victim.device.signed('GET', '/transactions')).statusCode, 200);
    } finally {
      await h.close();
    }
  });
}
