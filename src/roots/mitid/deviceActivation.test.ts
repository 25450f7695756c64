/**
 * The root's DeviceActivation (deviceActivation.ts) through the wizard, on the whole MitID app,
 * with a stand-in of the code devices (kinds/code-device is wired here once it is merged): the
 * activation makes the device and the password active, the identity active and ends the
 * enrollment, in one transaction; a refusal on the way (bind, Authenticators.activate, the
 * password's rules) writes nothing; two parallel right answers activate once.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { walkToDeviceActivation } from '../../flows/enrollment/testing/index.ts';
import { ANNA, type Harness, startHarness } from '../../flows/nemid/testing/index.ts';
import { type CodeDeviceActivation, createDeviceActivation } from './deviceActivation.ts';

const PW = 'Sommer-i-Skagen-2026';

interface Stand {
  codeDevices: CodeDeviceActivation;
  verified: number;
  bound: string[];
  refuseBind: boolean;
}

/** Accepts the serial of Anna's order with code 123456; bind records the serial once. */
function standIn(h: () => Harness): Stand {
  const s: Stand = {
    verified: 0,
    bound: [],
    refuseBind: false,
    codeDevices: {
      async verifyForActivation(input) {
        s.verified++;
        const order = await h()
          .database.db.selectFrom('device_orders')
          .select('serial_number')
          .where('cpr', '=', input.cpr)
          .executeTakeFirst();
        if (!order || order.serial_number !== input.serial) return { ok: false, code: 'serialNotYours' };
        if (input.code !== '123456') return { ok: false, code: 'codeWrong', left: 2 };
        return { ok: true, serial: input.serial, step: 1000, driftSteps: 0 };
      },
      async bind(_trx, input) {
        if (s.refuseBind || s.bound.includes(input.serial)) return { ok: false, code: 'alreadyActivated' };
        s.bound.push(input.serial);
        return { ok: true };
      },
    },
  };
  return s;
}

async function withApp(fn: (h: Harness, s: Stand) => Promise<void>): Promise<void> {
  let h: Harness | undefined;
  const s = standIn(() => h as Harness);
  h = await startHarness({
    app: {
      deviceActivation: (core, deps) =>
        createDeviceActivation({
          db: deps.db,
          authenticators: core.authenticators,
          codeDevices: s.codeDevices,
          now: () => deps.clock.now().getTime(),
        }),
    },
  });
  try {
    await fn(h, s);
  } finally {
    await h.close();
  }
}

const stateOf = async (h: Harness) => {
  const db = h.database.db;
  const identity = await db
    .selectFrom('identities')
    .selectAll()
    .where('cpr', '=', ANNA.cpr)
    .executeTakeFirstOrThrow();
  const authenticators = await db
    .selectFrom('authenticators')
    .select(['kind', 'status', 'label'])
    .where('identity_id', '=', identity.id)
    .orderBy('kind')
    .execute();
  const passwords = await db.selectFrom('passwords').selectAll().execute();
  const enrollment = await db
    .selectFrom('enrollments')
    .select(['open', 'state'])
    .where('cpr', '=', ANNA.cpr)
    .executeTakeFirstOrThrow();
  return {
    identity: identity.status,
    authenticators: authenticators.map((a) => ({ ...a })),
    passwords: passwords.length,
    open: Number(enrollment.open),
  };
};

test('the activation: device and password active, identity active, the enrollment ended', async () => {
  await withApp(async (h) => {
    const flow = await walkToDeviceActivation(h);
    assert.deepEqual(await stateOf(h), {
      identity: 'pending_activation',
      authenticators: [],
      passwords: 0,
      open: 1,
    });
    const done = await flow.activate({
      password: PW,
      passwordAgain: PW,
      serial: flow.serial,
      code: '123456',
    });
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /Din MitID er klar/);
    assert.deepEqual(await stateOf(h), {
      identity: 'active',
      authenticators: [
        { kind: 'codeDisplay', status: 'active', label: flow.serial },
        { kind: 'password', status: 'active', label: 'Adgangskode' },
      ],
      passwords: 1,
      open: 0,
    });
  });
});

test('a refusal on the way writes nothing: bind refused, the identity blocked, a wrong code', async () => {
  await withApp(async (h, s) => {
    const flow = await walkToDeviceActivation(h);
    const answer = { password: PW, passwordAgain: PW, serial: flow.serial, code: '123456' };
    const before = await stateOf(h);

    s.refuseBind = true;
    const bind = await flow.activate(answer);
    assert.equal(bind.statusCode, 400);
    assert.match(bind.body, /Serienummeret passer ikke/);
    assert.deepEqual(await stateOf(h), before);
    s.refuseBind = false;

    const wrong = await flow.activate({ ...answer, code: '654321' });
    assert.match(wrong.body, /Koden er forkert/);
    assert.deepEqual(await stateOf(h), before);

    await h.database.db
      .updateTable('identities')
      .set({ status: 'blocked' })
      .where('cpr', '=', ANNA.cpr)
      .execute();
    const blocked = await flow.activate(answer);
    assert.match(blocked.body, /kan ikke aktiveres med denne enhed/);
    assert.deepEqual(await stateOf(h), { ...before, identity: 'blocked' });
    assert.deepEqual(s.bound, [], 'bind was never reached or was rolled back');
  });
});

test('two parallel right answers activate once', async () => {
  await withApp(async (h) => {
    const flow = await walkToDeviceActivation(h);
    const answer = { password: PW, passwordAgain: PW, serial: flow.serial, code: '123456' };
    const [a, b] = await Promise.all([flow.activate(answer), flow.activate(answer)]);
    assert.equal([a, b].filter((r) => r.statusCode === 200 && /Din MitID er klar/.test(r.body)).length, 1);
    const state = await stateOf(h);
    assert.equal(state.authenticators.length, 2);
    assert.equal(state.passwords, 1);
    assert.equal(state.identity, 'active');
  });
});
