/**
 * Blocking through the core (Authenticators.block / unblock / revoke, as support and self-service
 * will in issue 12), seen through the app protocol's routes: the service's transaction reads
 * cancelled, the device's signed requests and decisions are refused with the protocol's answer for
 * a device or MitID that is not active (401 invalid_device_signature, docs/protocols/app.md), and
 * an unblock makes a new approval work again. One device, the whole MitID, a revoke (final), a
 * second person (untouched), and a second device of the same person (still answers).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dialectsUnderTest } from '../../../platform/db/testDb.ts';
import { type AppHarness, startAppHarness, type TestPerson } from './testing/appHarness.ts';
import type { TestDevice } from './testing/TestDevice.ts';

const login = { serviceName: 'Min Bank', action: 'login', text: 'Log på hos Min Bank' };
const payment = {
  serviceName: 'Min Bank',
  action: 'approve',
  text: 'Overfør 1.250,00 kr. til 9999 0087654321',
  level: 'high',
};

for (const dialect of await dialectsUnderTest()) {
  describe(`blocking seen by the app and the service (${dialect})`, () => {
    let h: AppHarness;
    before(async () => {
      h = await startAppHarness({ dialect });
    });
    after(() => h.close());

    const create = async (person: TestPerson, body: Record<string, unknown> = login): Promise<string> => {
      const res = await h.createTransaction({ userId: person.userId, ...body });
      assert.equal(res.statusCode, 201, res.body);
      return res.json().transactionId;
    };
    const statusOf = async (id: string): Promise<unknown> => (await h.transactionStatus(id)).status;

    /** Every signed call of the device is answered as the protocol answers a device that is not active. */
    async function refusesEverything(device: TestDevice, txId: string): Promise<void> {
      const answers = [
        await device.signed('GET', '/transactions'),
        await device.signed('GET', ''),
        await device.signed('POST', `/transactions/${txId}/pin`, { startLoginRequest: 'AAAA' }),
        await device.signed('POST', `/transactions/${txId}/decision`, {
          decision: 'approve',
          signature: 'A'.repeat(86),
        }),
      ];
      for (const res of answers) {
        assert.equal(res.statusCode, 401, res.body);
        assert.equal(res.json().error, 'invalid_device_signature');
      }
    }

    /** A new approval, with the PIN, from the device's list to the service's `approved`. */
    async function approvesWithPin(person: TestPerson, device: TestDevice): Promise<void> {
      const id = await create(person, payment);
      const [tx, ...more] = await device.pending();
      assert.equal(tx?.id, id);
      assert.equal(more.length, 0);
      const res = await device.decide(tx, 'approve');
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(await statusOf(id), 'approved');
    }

    test('one device blocked: its approvals cancelled, every call and decision refused; unblocked it approves again', async () => {
      const { person, device } = await h.activatedPerson();
      const swipe = await create(person);
      const withPin = await create(person, payment);
      const listed = await device.pending();
      assert.deepEqual(listed.map((t) => t.id).sort(), [swipe, withPin].sort());
      const swipeTx = listed.find((t) => t.id === swipe);
      const pinTx = listed.find((t) => t.id === withPin);
      assert.ok(swipeTx && pinTx);
      // The payment's PIN step is under way when the block comes.
      const login = await device.pinLogin(withPin);
      assert.equal(login.res.statusCode, 200, login.res.body);

      const { authenticators } = h.core;
      assert.equal(
        await authenticators.block({ authenticatorId: device.deviceId }, 'support-1', 'support'),
        true,
      );
      assert.equal((await authenticators.get(device.deviceId))?.status, 'blocked');
      assert.equal(await statusOf(swipe), 'cancelled', 'nobody else can answer it');
      assert.equal(await statusOf(withPin), 'cancelled');

      await refusesEverything(device, swipe);
      // The decisions the device had ready (a swipe; the PIN step's finish) are refused too.
      const swiped = await device.decide(swipeTx, 'approve');
      assert.equal(swiped.statusCode, 401, swiped.body);
      assert.equal(swiped.json().error, 'invalid_device_signature');
      assert.ok(login.finishLoginRequest && login.sessionKey);
      const finished = await device.decide(pinTx, 'approve');
      assert.equal(finished.statusCode, 401, finished.body);
      assert.equal(await statusOf(swipe), 'cancelled');
      assert.equal(await statusOf(withPin), 'cancelled');
      // A second block changes nothing.
      assert.equal(
        await authenticators.block({ authenticatorId: device.deviceId }, 'support-1', 'support'),
        false,
      );

      assert.equal(await authenticators.unblock({ authenticatorId: device.deviceId }, 'support-1'), true);
      assert.deepEqual(await device.pending(), [], 'the cancelled approvals do not come back');
      assert.equal(await statusOf(swipe), 'cancelled');
      await approvesWithPin(person, device);
    });

    test('the whole MitID blocked: every device refused, every open approval cancelled; unblocked it works again', async () => {
      const { person, device } = await h.activatedPerson();
      const second = h.device({ deviceName: 'Jonas’ iPad' });
      await second.activate(person, await h.activationCode(person));
      const open = [await create(person), await create(person, payment)];
      assert.equal((await device.pending()).length, 2);
      const [tx] = await second.pending();
      assert.ok(tx);

      const { authenticators } = h.core;
      const target = { identityId: person.identityId, all: true } as const;
      assert.equal(await authenticators.block(target, 'support-1', 'support'), true);
      for (const id of open) assert.equal(await statusOf(id), 'cancelled', id);
      await refusesEverything(device, open[0] as string);
      await refusesEverything(second, open[0] as string);
      const swiped = await second.decide(tx, 'approve', { withPin: false });
      assert.equal(swiped.statusCode, 401, swiped.body);
      // The authenticators themselves stay active: the MitID is what is blocked.
      assert.equal((await authenticators.get(device.deviceId))?.status, 'active');
      assert.equal(await authenticators.block(target, 'support-1', 'support'), false);

      assert.equal(await authenticators.unblock(target, 'support-1'), true);
      assert.deepEqual(await device.pending(), []);
      assert.deepEqual(await second.pending(), []);
      for (const id of open) assert.equal(await statusOf(id), 'cancelled', id);
      await approvesWithPin(person, second);
    });

    test('unblocking the whole MitID leaves a device blocked on its own blocked', async () => {
      const { person, device } = await h.activatedPerson();
      const { authenticators } = h.core;
      await authenticators.block({ authenticatorId: device.deviceId }, 'person', 'lost');
      await authenticators.block({ identityId: person.identityId, all: true }, 'support-1', 'support');
      await authenticators.unblock({ identityId: person.identityId, all: true }, 'support-1');
      const id = await create(person);
      await refusesEverything(device, id);
      assert.equal(await statusOf(id), 'pending');
    });

    test('a revoke is final: cancelled, refused, and neither unblock nor block brings the device back', async () => {
      const { person, device } = await h.activatedPerson();
      const id = await create(person, payment);
      const [tx] = await device.pending();
      assert.ok(tx);
      const { authenticators } = h.core;
      assert.equal(await authenticators.revoke(device.deviceId, 'support-1'), true);
      assert.equal(await statusOf(id), 'cancelled');
      await refusesEverything(device, id);
      assert.equal((await device.decide(tx, 'approve')).statusCode, 401);
      assert.equal(await authenticators.unblock({ authenticatorId: device.deviceId }, 'support-1'), false);
      assert.equal(
        await authenticators.block({ authenticatorId: device.deviceId }, 'support-1', 'support'),
        false,
      );
      assert.equal(await authenticators.revoke(device.deviceId, 'support-1'), false);
      assert.equal((await authenticators.get(device.deviceId))?.status, 'revoked');
      await refusesEverything(device, await create(person));
    });

    test('a blocked device of person A leaves person B alone', async () => {
      const a = await h.activatedPerson();
      const b = await h.activatedPerson();
      const ofA = await create(a.person);
      const ofB = await create(b.person, payment);
      await h.core.authenticators.block({ authenticatorId: a.device.deviceId }, 'support-1', 'support');
      assert.equal(await statusOf(ofA), 'cancelled');
      assert.equal(await statusOf(ofB), 'pending');
      const [tx, ...more] = await b.device.pending();
      assert.equal(tx?.id, ofB);
      assert.equal(more.length, 0);
      const res = await b.device.decide(tx, 'approve');
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(await statusOf(ofB), 'approved');
      await h.core.authenticators.block(
        { identityId: a.person.identityId, all: true },
        'support-1',
        'support',
      );
      await approvesWithPin(b.person, b.device);
    });

    test('one of two devices blocked: what the other can answer stays pending, what the blocked one was in is cancelled', async () => {
      const { person, device } = await h.activatedPerson();
      const other = h.device({ deviceName: 'Jonas’ iPad' });
      await other.activate(person, await h.activationCode(person));
      const waiting = await create(person, payment);
      const inStep = await create(person, payment);
      assert.equal((await device.pinLogin(inStep)).res.statusCode, 200);

      await h.core.authenticators.block({ authenticatorId: device.deviceId }, 'person', 'lost');
      assert.equal(await statusOf(inStep), 'cancelled', 'the blocked device was in its PIN step');
      assert.equal(await statusOf(waiting), 'pending', 'the other device can still answer it');
      const [tx, ...more] = await other.pending();
      assert.equal(tx?.id, waiting);
      assert.equal(more.length, 0);
      const res = await other.decide(tx, 'approve');
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(await statusOf(waiting), 'approved');
    });
  });
}
