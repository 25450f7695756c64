import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HOUR, MINUTE } from '../../platform/clock.ts';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import {
  activationCodeLetter,
  activationCodeSms,
  emailValidationCode,
  mobileValidationCode,
} from './codePolicies.ts';
import { withCodes } from './oneTimeCodeTestKit.ts';

const SECOND = 1000;
const mobile = mobileValidationCode;
const phone = '+4512345678';

for (const dialect of await dialectsUnderTest()) {
  describe(`one-time codes on ${dialect}`, () => {
    test('the right code proves its subject once; a second use is refused', () =>
      withCodes(dialect, ['123456'], async ({ codes }) => {
        const sent = await codes.issue('flow-1', mobile, phone);
        assert.deepEqual(sent, {
          ok: true,
          code: '123456',
          expiresAt: sent.ok ? sent.expiresAt : 0,
          sendsLeft: 4,
        });
        assert.deepEqual(await codes.verify('flow-1', mobile, '123 456'), { ok: true, subject: phone });
        assert.deepEqual(await codes.verify('flow-1', mobile, '123456'), { ok: false, reason: 'used' });
      }));

    test('expiry to the second: valid one second before, refused at 15 minutes', () =>
      withCodes(dialect, ['111111', '222222'], async ({ codes, clock }) => {
        await codes.issue('early', mobile, phone);
        await codes.issue('late', mobile, phone);
        clock.advance(mobile.ttlMs - SECOND);
        assert.equal((await codes.verify('early', mobile, '111111')).ok, true);
        clock.advance(SECOND);
        assert.deepEqual(await codes.verify('late', mobile, '222222'), { ok: false, reason: 'expired' });
      }));

    test('activation codes: 30 minutes by SMS, 48 hours by letter', () =>
      withCodes(dialect, ['12345678', '87654321'], async ({ codes, clock }) => {
        await codes.issue('sms', activationCodeSms, 'app-1');
        await codes.issue('letter', activationCodeLetter, 'device-1');
        clock.advance(30 * MINUTE);
        assert.deepEqual(await codes.verify('sms', activationCodeSms, '12345678'), {
          ok: false,
          reason: 'expired',
        });
        clock.advance(48 * 60 * MINUTE - 30 * MINUTE - SECOND);
        assert.deepEqual(await codes.verify('letter', activationCodeLetter, '87654321'), {
          ok: true,
          subject: 'device-1',
        });
      }));

    test('three wrong tries block the code, even for the right code afterwards', () =>
      withCodes(dialect, ['123456'], async ({ codes }) => {
        await codes.issue('flow', mobile, phone);
        assert.deepEqual(await codes.verify('flow', mobile, '000000'), {
          ok: false,
          reason: 'wrong',
          attemptsLeft: 2,
        });
        assert.deepEqual(await codes.verify('flow', mobile, '000001'), {
          ok: false,
          reason: 'wrong',
          attemptsLeft: 1,
        });
        assert.deepEqual(await codes.verify('flow', mobile, '000002'), { ok: false, reason: 'blocked' });
        assert.deepEqual(await codes.verify('flow', mobile, '123456'), { ok: false, reason: 'blocked' });
        assert.equal((await codes.status('flow', mobile))?.attemptsLeft, 0);
      }));

    test('a malformed entry costs no attempt; an unknown flow has no code', () =>
      withCodes(dialect, ['123456'], async ({ codes }) => {
        await codes.issue('flow', mobile, phone);
        for (const bad of ['', '12345', '1234567', 'abcdef', '１２３４５６']) {
          assert.deepEqual(await codes.verify('flow', mobile, bad), { ok: false, reason: 'malformed' });
        }
        assert.equal((await codes.status('flow', mobile))?.attemptsLeft, 3);
        assert.deepEqual(await codes.verify('other', mobile, '123456'), { ok: false, reason: 'notFound' });
      }));

    test('a resend replaces the code: the old one is wrong, the new one works, attempts start again', () =>
      withCodes(dialect, ['111111', '222222'], async ({ codes }) => {
        await codes.issue('flow', mobile, phone);
        await codes.verify('flow', mobile, '999999');
        const again = await codes.issue('flow', mobile, phone);
        assert.equal(again.ok && again.sendsLeft, 3);
        assert.deepEqual(await codes.verify('flow', mobile, '111111'), {
          ok: false,
          reason: 'wrong',
          attemptsLeft: 2,
        });
        assert.deepEqual(await codes.verify('flow', mobile, '222222'), { ok: true, subject: phone });
      }));

    test('a corrected number gets a new code bound to the new number', () =>
      withCodes(dialect, ['111111', '222222'], async ({ codes }) => {
        await codes.issue('flow', mobile, '+4511111111');
        await codes.issue('flow', mobile, '+4522222222');
        assert.deepEqual(await codes.verify('flow', mobile, '222222'), { ok: true, subject: '+4522222222' });
      }));

    test('the send limit: 5 validation codes per flow, then none', () =>
      withCodes(dialect, [], async ({ codes }) => {
        for (let i = 0; i < 5; i++) assert.equal((await codes.issue('flow', mobile, phone)).ok, true);
        assert.deepEqual(await codes.issue('flow', mobile, phone), { ok: false, reason: 'sendLimit' });
        assert.equal((await codes.status('flow', mobile))?.sendsLeft, 0);
      }));

    test('purposes are separate: the mobile code does not confirm the e-mail', () =>
      withCodes(dialect, ['111111', '222222'], async ({ codes }) => {
        await codes.issue('flow', mobile, phone);
        await codes.issue('flow', emailValidationCode, 'a@example.dk');
        assert.deepEqual(await codes.verify('flow', emailValidationCode, '111111'), {
          ok: false,
          reason: 'wrong',
          attemptsLeft: 2,
        });
        assert.deepEqual(await codes.verify('flow', mobile, '111111'), { ok: true, subject: phone });
      }));

    test('the database holds an HMAC, never the code', () =>
      withCodes(dialect, ['424242'], async ({ codes, database }) => {
        await codes.issue('flow', mobile, phone);
        const row = await database.db.selectFrom('one_time_codes').selectAll().executeTakeFirstOrThrow();
        assert.ok(!JSON.stringify(row).includes('424242'));
        assert.match(row.code_hash, /^[A-Za-z0-9_-]{43}$/);
      }));

    test('activation codes: 5 an hour, each replacing the last at once (used or blocked), then 5 more after the hour', () =>
      withCodes(dialect, ['11111111'], async ({ codes, clock }) => {
        await codes.issue('identity', activationCodeSms, 'identity');
        assert.equal((await codes.verify('identity', activationCodeSms, '11111111')).ok, true);
        for (let i = 1; i < 5; i++) {
          clock.advance(10 * MINUTE);
          const again = await codes.issue('identity', activationCodeSms, 'identity');
          assert.equal(again.ok && again.sendsLeft, 4 - i);
        }
        assert.deepEqual(await codes.issue('identity', activationCodeSms, 'identity'), {
          ok: false,
          reason: 'sendLimit',
        });
        // The window began at the first send, 40 minutes ago: 20 minutes more and it is over.
        clock.advance(20 * MINUTE - 1);
        assert.equal((await codes.issue('identity', activationCodeSms, 'identity')).ok, false);
        assert.equal((await codes.status('identity', activationCodeSms))?.sendsLeft, 0);
        clock.advance(1);
        assert.equal((await codes.status('identity', activationCodeSms))?.sendsLeft, 5);
        const next = await codes.issue('identity', activationCodeSms, 'identity');
        assert.equal(next.ok && next.sendsLeft, 4);
        clock.advance(HOUR - 1);
        for (let i = 0; i < 4; i++)
          assert.equal((await codes.issue('identity', activationCodeSms, 'identity')).ok, true);
        assert.equal((await codes.issue('identity', activationCodeSms, 'identity')).ok, false);
      }));

    test('an activation code takes 15 tries in all, then it is blocked', () =>
      withCodes(dialect, ['12345678'], async ({ codes }) => {
        await codes.issue('identity', activationCodeSms, 'identity');
        for (let i = 1; i < 15; i++) {
          assert.deepEqual(await codes.verify('identity', activationCodeSms, String(i).padStart(8, '0')), {
            ok: false,
            reason: 'wrong',
            attemptsLeft: 15 - i,
          });
        }
        assert.deepEqual(await codes.verify('identity', activationCodeSms, '00000015'), {
          ok: false,
          reason: 'blocked',
        });
        assert.deepEqual(await codes.verify('identity', activationCodeSms, '12345678'), {
          ok: false,
          reason: 'blocked',
        });
      }));

    test('verifyLive: the live code if there is one, else the decoy, which no code matches', () =>
      withCodes(dialect, ['12345678'], async ({ codes, clock, database }) => {
        const policy = activationCodeSms;
        const until = clock.now().getTime() + 15 * MINUTE;
        await codes.plantDecoy('decoy-a', policy, until);
        await codes.plantDecoy('decoy-b', policy, until);
        // No code yet: the decoy counts the try.
        assert.deepEqual(await codes.verifyLive('identity', 'decoy-a', policy, '12345678'), {
          ok: false,
          reason: 'wrong',
          attemptsLeft: 14,
          checked: 'decoy',
        });
        // A flow with no identity passes its decoy as both: it is the decoy.
        assert.deepEqual(await codes.verifyLive('decoy-a', 'decoy-a', policy, '12345678'), {
          ok: false,
          reason: 'wrong',
          attemptsLeft: 13,
          checked: 'decoy',
        });
        await codes.issue('identity', policy, 'identity');
        assert.deepEqual(await codes.verifyLive('identity', 'decoy-b', policy, '87654321'), {
          ok: false,
          reason: 'wrong',
          attemptsLeft: 14,
          checked: 'code',
        });
        assert.deepEqual(await codes.verifyLive('identity', 'decoy-b', policy, '1234 5678'), {
          ok: true,
          subject: 'identity',
          checked: 'code',
        });
        // Used: back to the decoy, and the code's row is untouched.
        assert.deepEqual(await codes.verifyLive('identity', 'decoy-b', policy, '12345678'), {
          ok: false,
          reason: 'wrong',
          attemptsLeft: 14,
          checked: 'decoy',
        });
        const rows = await database.db
          .selectFrom('one_time_codes')
          .select(['flow_id', 'attempts', 'subject'])
          .orderBy('flow_id')
          .execute();
        assert.deepEqual(
          rows.map((r) => [r.flow_id, r.attempts, r.subject]),
          [
            ['decoy-a', 2, ''],
            ['decoy-b', 1, ''],
            ['identity', 2, 'identity'],
          ],
        );
        assert.deepEqual(await codes.verifyLive('identity', 'decoy-b', policy, '1234'), {
          ok: false,
          reason: 'malformed',
        });
        // Neither live (the decoy expired): no row counts, nothing matches.
        clock.advance(15 * MINUTE);
        assert.deepEqual(await codes.verifyLive('nobody', 'decoy-a', policy, '12345678'), {
          ok: false,
          reason: 'notFound',
        });
      }));

    test('deleteFlow and purgeExpired remove codes', () =>
      withCodes(dialect, [], async ({ codes, clock }) => {
        await codes.issue('a', mobile, phone);
        await codes.issue('b', mobile, phone);
        await codes.deleteFlow('a');
        assert.equal(await codes.status('a', mobile), undefined);
        clock.advance(mobile.ttlMs + SECOND);
        assert.equal(await codes.purgeExpired(clock.now().getTime()), 1);
      }));
  });
}
