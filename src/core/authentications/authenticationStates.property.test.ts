/**
 * Random event sequences at random times: an approval exists only through a proof that reached
 * the level, final states stay final, nothing is accepted after expiry (but the one consume of an
 * approved result), a result is consumed at most once, and a refused event changes nothing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  AUTHENTICATION_TTL_MS,
  type AuthenticationEvent,
  CONSUME_TTL_MS,
  type Facts,
  next,
  statusAt,
} from './authenticationStates.ts';

const event: fc.Arbitrary<AuthenticationEvent> = fc.oneof(
  fc.constantFrom<AuthenticationEvent>(
    { type: 'verifyChannel' },
    { type: 'startStep' },
    { type: 'dropStep' },
    { type: 'reject' },
    { type: 'cancel' },
    { type: 'consume' },
  ),
  fc.boolean().map((reachesLevel): AuthenticationEvent => ({ type: 'addProof', reachesLevel })),
);
const steps = fc.array(fc.tuple(event, fc.integer({ min: 0, max: 90_000 })), { maxLength: 25 });
const start = fc.constantFrom<Facts['status']>('awaiting_channel', 'pending');

test('random sequences keep the rules of §2.4', () => {
  fc.assert(
    fc.property(start, steps, (status, seq) => {
      let now = 0;
      let f: Facts = { status, expiresAt: AUTHENTICATION_TTL_MS, decidedAt: null, consumedAt: null };
      let consumes = 0;
      for (const [e, dt] of seq) {
        now += dt;
        const before = Object.freeze({ ...f });
        const after = next(before, e, now);
        if (after === undefined) continue;
        if (after.status === 'approved' && before.status !== 'approved') {
          assert.ok(e.type === 'addProof' && e.reachesLevel, 'approved only by a proof reaching the level');
        }
        if (before.status === 'rejected' || before.status === 'cancelled')
          assert.fail('final states accept nothing');
        if (e.type !== 'consume') assert.ok(now < before.expiresAt, 'nothing after expiry');
        if (e.type === 'consume') {
          consumes++;
          assert.ok(before.decidedAt !== null && now < before.decidedAt + CONSUME_TTL_MS);
        }
        if (before.status === 'approved') assert.equal(after.status, 'approved');
        f = after;
      }
      assert.ok(consumes <= 1, 'consumed at most once');
      if (statusAt(f, now) === 'expired')
        assert.ok(f.status === 'pending' || f.status === 'awaiting_channel');
    }),
  );
});

test('awaiting_channel takes no step or proof before its channel is verified', () => {
  const f: Facts = { status: 'awaiting_channel', expiresAt: 10, decidedAt: null, consumedAt: null };
  for (const type of ['startStep', 'dropStep', 'reject', 'consume'] as const) {
    assert.equal(next(f, { type }, 1), undefined);
  }
  assert.equal(next(f, { type: 'addProof', reachesLevel: true }, 1), undefined);
  assert.equal(next(f, { type: 'verifyChannel' }, 1)?.status, 'pending');
  assert.equal(next(f, { type: 'verifyChannel' }, 10), undefined);
});
