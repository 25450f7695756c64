/**
 * POST /devices/:id/channel: the app proves the login box's QR or typed code (issue 9 items 3 and 6).
 * A browser-bound authentication is made as the box makes it (Authentications.create with the
 * channel secret); the device sees nothing until it sends the proof, then approves as today.
 * On SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  type ChannelCandidate,
  QR_PAST_S,
  qrPayload,
  typedCode,
} from '../../../core/authentications/index.ts';
import { dialectsUnderTest } from '../../../platform/db/testDb.ts';
import { CHANNEL_MAX_WRONG, CHANNEL_WINDOW_MS } from './routes/channel.ts';
import { type AppHarness, startAppHarness, type TestPerson } from './testing/appHarness.ts';
import type { TestDevice } from './testing/TestDevice.ts';

let boxes = 0;

for (const dialect of await dialectsUnderTest()) {
  describe(`the login box's channel proved by the app (${dialect})`, () => {
    let h: AppHarness;
    before(async () => {
      h = await startAppHarness({ dialect });
    });
    after(() => h.close());

    const now = (): number => h.clock.now().getTime();

    /** What the box does at FORTSÆT: a browser-bound login of the person, awaiting its channel. */
    async function boxLogin(
      person: TestPerson,
      level: 'substantial' | 'high' = 'high',
    ): Promise<ChannelCandidate> {
      const id = `box-${dialect}-${++boxes}`;
      const secret = randomBytes(32).toString('base64url');
      const a = await h.core.authentications.create({
        id,
        clientId: 'minbank',
        serviceName: 'Min Bank',
        action: 'login',
        text: 'Log på hos Min Bank',
        requestedLevel: level,
        requiresUv: level === 'high',
        kinds: ['app'],
        challenge: randomBytes(32).toString('base64url'),
        who: { identityId: person.identityId },
        channel: { browserHash: `browser-${id}`, interactionId: `uid-${id}`, secret },
      });
      assert.equal(a.status, 'awaiting_channel');
      return { id, secret };
    }

    const prove = (device: TestDevice, body: unknown) => device.signed('POST', '/channel', body);
    const statusOf = async (id: string) => (await h.core.authentications.get(id))?.status;

    test('a scanned QR: nothing in the app before, the login after; approved with the PIN', async () => {
      const { person, device } = await h.activatedPerson();
      const box = await boxLogin(person);
      assert.deepEqual(await device.pending(), [], 'the app shows nothing until the proof');
      const res = await prove(device, { qr: qrPayload(box, now()) });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), { transactionId: box.id });
      assert.equal(res.headers['cache-control'], 'no-store');
      const [tx, ...more] = await device.pending();
      assert.equal(more.length, 0);
      assert.equal(tx?.id, box.id);
      assert.equal(tx.serviceName, 'Min Bank');
      assert.equal(tx.action, 'login');
      assert.equal(tx.text, 'Log på hos Min Bank');
      assert.equal(tx.requiresPin, true);
      const decided = await device.decide(tx, 'approve');
      assert.equal(decided.statusCode, 200, decided.body);
      assert.equal(await statusOf(box.id), 'approved');
    });

    test('the typed code, with spaces as a person types it; a QR a few seconds old', async () => {
      const { person, device } = await h.activatedPerson();
      const box = await boxLogin(person, 'substantial');
      const code = typedCode(box);
      const res = await prove(device, { code: ` ${code.slice(0, 3)} ${code.slice(3)} ` });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal((await device.pending())[0]?.id, box.id);

      const second = await boxLogin(person);
      const drawn = now();
      h.clock.advance((QR_PAST_S - 1) * 1000);
      const late = await prove(device, { qr: qrPayload(second, drawn) });
      assert.equal(late.statusCode, 200, late.body);
      assert.deepEqual(
        (await device.pending()).map((t) => t.id),
        [box.id, second.id],
      );
    });

    test('a QR older than the tolerance is refused and changes nothing', async () => {
      const { person, device } = await h.activatedPerson();
      const box = await boxLogin(person);
      const drawn = now();
      h.clock.advance((QR_PAST_S + 1) * 1000);
      const res = await prove(device, { qr: qrPayload(box, drawn) });
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error, 'wrong_channel_proof');
      assert.equal(res.json().attemptsLeft, CHANNEL_MAX_WRONG - 1);
      assert.equal(await statusOf(box.id), 'awaiting_channel');
      assert.deepEqual(await device.pending(), []);
      // A QR from the future beyond the tolerance, a malformed one, a wrong code: refused alike.
      for (const body of [
        { qr: qrPayload(box, now() + 10_000) },
        { qr: `${qrPayload(box, now()).slice(0, -2)}AA` },
        { code: typedCode(box) === '000000' ? '111111' : '000000' },
      ]) {
        const r = await prove(device, body);
        assert.equal(r.statusCode, 400, r.body);
        assert.equal(r.json().error, 'wrong_channel_proof');
      }
      assert.equal(await statusOf(box.id), 'awaiting_channel');
    });

    test("another person's QR or code opens nothing: their login stays hidden from both", async () => {
      const mine = await h.activatedPerson();
      const theirs = await h.activatedPerson();
      const box = await boxLogin(theirs.person);
      for (const body of [{ qr: qrPayload(box, now()) }, { code: typedCode(box) }]) {
        const res = await prove(mine.device, body);
        assert.equal(res.statusCode, 400, res.body);
        assert.equal(res.json().error, 'wrong_channel_proof');
      }
      assert.equal(await statusOf(box.id), 'awaiting_channel');
      assert.deepEqual(await mine.device.pending(), []);
      assert.deepEqual(await theirs.device.pending(), []);
      // The owner's own proof still works.
      assert.equal((await prove(theirs.device, { code: typedCode(box) })).statusCode, 200);
    });

    test('a proof replayed after the verification is a wrong proof; an expired login cannot be opened', async () => {
      const { person, device } = await h.activatedPerson();
      const box = await boxLogin(person);
      const qr = qrPayload(box, now());
      assert.equal((await prove(device, { qr })).statusCode, 200);
      const again = await prove(device, { qr });
      assert.equal(again.statusCode, 400, again.body);
      assert.equal(again.json().error, 'wrong_channel_proof');
      const code = await prove(device, { code: typedCode(box) });
      assert.equal(code.statusCode, 400);

      const old = await boxLogin(person);
      h.clock.advance(5 * 60_000 + 1);
      const expired = await prove(device, { code: typedCode(old) });
      assert.equal(expired.statusCode, 400, expired.body);
      assert.equal(await statusOf(old.id), 'expired');
    });

    test('after 5 wrong proofs in 10 minutes the device is refused (429) until the window passes; others are not', async () => {
      // At the start of a window, so the whole test stays in it.
      h.clock.advance(CHANNEL_WINDOW_MS - (now() % CHANNEL_WINDOW_MS));
      const { person, device } = await h.activatedPerson();
      const stranger = await h.activatedPerson();
      const box = await boxLogin(person);
      const wrong = typedCode(box) === '000000' ? '111111' : '000000';
      // A right proof is not counted.
      const warm = await boxLogin(person);
      assert.equal((await prove(device, { code: typedCode(warm) })).statusCode, 200);
      for (let i = 1; i <= CHANNEL_MAX_WRONG; i++) {
        const res = await prove(device, { code: wrong });
        assert.equal(res.statusCode, 400, res.body);
        assert.equal(res.json().attemptsLeft, CHANNEL_MAX_WRONG - i);
        // The stranger's own wrong tries count only against the stranger's device.
        assert.equal((await prove(stranger.device, { code: typedCode(box) })).statusCode, 400);
      }
      const refused = await prove(device, { code: typedCode(box) });
      assert.equal(refused.statusCode, 429, refused.body);
      assert.equal(refused.json().error, 'rate_limited');
      assert.ok(Number(refused.headers['retry-after']) > 0);
      assert.equal(await statusOf(box.id), 'awaiting_channel', 'refused: nothing changed');
      // Another device of the same person is not refused.
      const second = h.device();
      await second.activate(person, await h.activationCode(person));
      assert.equal((await prove(second, { code: typedCode(box) })).statusCode, 200);

      h.clock.advance(CHANNEL_WINDOW_MS);
      const next = await boxLogin(person);
      const after = await prove(device, { code: typedCode(next) });
      assert.equal(after.statusCode, 200, after.body);
    });

    test('two proofs at once verify once', async () => {
      const { person, device } = await h.activatedPerson();
      const second = h.device();
      await second.activate(person, await h.activationCode(person));
      const box = await boxLogin(person);
      const answers = await Promise.all([
        prove(device, { qr: qrPayload(box, now()) }),
        prove(device, { code: typedCode(box) }),
        prove(second, { code: typedCode(box) }),
      ]);
      const codes = answers.map((r) => r.statusCode).sort();
      assert.equal(codes.filter((c) => c === 200).length, 1, JSON.stringify(answers.map((r) => r.body)));
      for (const r of answers.filter((x) => x.statusCode !== 200))
        assert.ok(['transaction_not_pending', 'wrong_channel_proof'].includes(r.json().error), r.body);
      assert.equal(await statusOf(box.id), 'pending');
      assert.equal((await device.pending()).length, 1);
    });

    test('unsigned, forged, badly formed and blocked: refused, nothing changed, nothing counted', async () => {
      const { person, device } = await h.activatedPerson();
      const box = await boxLogin(person);
      const url = `/api/app/v1/devices/${device.deviceId}/channel`;
      const body = { code: typedCode(box) };
      const unsigned = await device.call('POST', url, body);
      assert.equal(unsigned.statusCode, 401);
      assert.equal(unsigned.json().error, 'invalid_device_signature');
      const other = h.device();
      const forgedHeaders = {
        ...device.signHeaders('POST', url, JSON.stringify(body)),
        'x-mitid-signature': other.signHeaders('POST', url, JSON.stringify(body))['x-mitid-signature'] ?? '',
      };
      const forged = await device.call('POST', url, body, forgedHeaders);
      assert.equal(forged.statusCode, 401);
      // A signature over another body.
      const swapped = await device.call(
        'POST',
        url,
        body,
        device.signHeaders('POST', url, JSON.stringify({ code: '999999' })),
      );
      assert.equal(swapped.statusCode, 401);
      for (const bad of [{}, { qr: 1 }, { code: '' }, { qr: 'x'.repeat(201) }, { code: '1', qr: 'y' }]) {
        const res = await prove(device, bad);
        assert.equal(res.statusCode, 400, JSON.stringify(bad));
        assert.equal(res.json().error, 'invalid_request');
      }
      assert.equal(await statusOf(box.id), 'awaiting_channel');
      const counted = await prove(device, { code: typedCode(box) === '000000' ? '111111' : '000000' });
      assert.equal(counted.json().attemptsLeft, CHANNEL_MAX_WRONG - 1, 'none of the above was counted');

      assert.ok(
        await h.core.authenticators.block({ authenticatorId: device.deviceId }, 'support-1', 'support'),
      );
      const blocked = await prove(device, body);
      assert.equal(blocked.statusCode, 401, blocked.body);
      assert.equal(blocked.json().error, 'invalid_device_signature');
      assert.notEqual(await statusOf(box.id), 'pending');

      // A blocked MitID: its other device is refused alike, and the login it waited for is gone.
      const other2 = await h.activatedPerson();
      const waiting = await boxLogin(other2.person);
      assert.ok(
        await h.core.authenticators.block(
          { identityId: other2.person.identityId, all: true },
          'support-1',
          'support',
        ),
      );
      const refused = await prove(other2.device, { code: typedCode(waiting) });
      assert.equal(refused.statusCode, 401, refused.body);
      assert.equal(refused.json().error, 'invalid_device_signature');
      assert.notEqual(await statusOf(waiting.id), 'pending');
    });
  });
}
