/**
 * The activation of a kodeviser with the real code devices (kinds/code-device as the root wires
 * it): a demo batch imported into the stock, a device reserved for Anna's order by fulfilment
 * at "shipped", the device's current code typed: the stock row becomes activated,
 * code_devices holds the step just used, the device and the password are active, the identity
 * is active. A serial in stock that is not hers and a wrong code change nothing first.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { walkToDeviceActivation } from '../../flows/enrollment/testing/index.ts';
import { ANNA, startHarness } from '../../flows/nemid/testing/index.ts';

const PW = 'Sommer-i-Skagen-2026';

test('Anna activates her kodeviser with the code it shows: stock, code_devices, authenticators, identity', async () => {
  const h = await startHarness();
  try {
    const db = h.database.db;
    const now = () => h.clock.now().getTime();
    // The walk imports a demo batch and ships Anna's order with a device of the stock.
    const flow = await walkToDeviceActivation(h);
    const { serial, devices, otherSerial: other } = flow;
    const reserved = await db
      .selectFrom('code_device_stock')
      .select(['status', 'order_id'])
      .where('serial', '=', serial)
      .executeTakeFirstOrThrow();
    assert.deepEqual({ ...reserved }, { status: 'reserved', order_id: flow.orderId });

    const code = (await devices.currentCode(serial, now())) ?? '';
    const wrongCode = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const answer = { password: PW, passwordAgain: PW, serial, code };
    const notMine = await flow.activate({ ...answer, serial: other });
    assert.match(notMine.body, /Serienummeret passer ikke/);
    const wrong = await flow.activate({ ...answer, code: wrongCode });
    assert.match(wrong.body, /Koden er forkert/);
    assert.equal(
      (await db.selectFrom('authenticators').selectAll().execute()).length,
      0,
      'nothing activated',
    );

    const done = await flow.activate(answer);
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /Din MitID er klar/);

    const identity = await db
      .selectFrom('identities')
      .selectAll()
      .where('cpr', '=', ANNA.cpr)
      .executeTakeFirstOrThrow();
    assert.equal(identity.status, 'active');
    const active = await db
      .selectFrom('authenticators')
      .select(['id', 'kind', 'label', 'status'])
      .where('identity_id', '=', identity.id)
      .orderBy('kind')
      .execute();
    assert.deepEqual(
      active.map((a) => [a.kind, a.label, a.status]),
      [
        ['codeDisplay', serial, 'active'],
        ['password', 'Adgangskode', 'active'],
      ],
    );
    const stock = await db
      .selectFrom('code_device_stock')
      .select(['status', 'order_id'])
      .where('serial', '=', serial)
      .executeTakeFirstOrThrow();
    assert.deepEqual({ ...stock }, { status: 'activated', order_id: flow.orderId });
    const bound = await db.selectFrom('code_devices').selectAll().executeTakeFirstOrThrow();
    assert.equal(bound.authenticator_id, active[0]?.id);
    assert.equal(bound.serial, serial);
    assert.equal((await db.selectFrom('passwords').selectAll().execute()).length, 1);
    const enrollment = await db
      .selectFrom('enrollments')
      .select('open')
      .where('cpr', '=', ANNA.cpr)
      .executeTakeFirstOrThrow();
    assert.equal(Number(enrollment.open), 0);
  } finally {
    await h.close();
  }
});
