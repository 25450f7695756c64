/**
 * Random event sequences, forged and out of order, never bring the flow into a state that breaks
 * the invariant, never change a state in place, never go back from activation (something has been
 * ordered or issued), and reach every step of both routes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  type EnrollmentRoute,
  type EnrollmentState,
  isConsistentState,
  isOutcome,
  next,
  routeSteps,
  startEnrollment,
} from './flowStates.ts';
import { journey } from './flowStatesArbitraries.ts';
import { enrollmentKinds } from './testing/index.ts';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

test('random event sequences never reach an invalid state, and refusals change nothing', () => {
  fc.assert(
    fc.property(journey, ([r, events]) => {
      let state: EnrollmentState = deepFreeze(startEnrollment(r));
      for (const e of events) {
        const before = structuredClone(state);
        const result = next(state, deepFreeze(e), enrollmentKinds);
        assert.deepEqual(state, before, 'next never mutates its input');
        if (!result.ok) {
          if (isOutcome(state.step)) assert.equal(result.reason, 'finished');
          continue;
        }
        assert.ok(!isOutcome(state.step), 'a finished flow accepts nothing');
        if (state.step === 'activation') {
          assert.ok(
            ['activation', 'done', 'cancelled', 'expired'].includes(result.state.step),
            'no way back',
          );
        }
        state = deepFreeze(result.state);
        assert.equal(state.route, r);
        assert.ok(isConsistentState(state, enrollmentKinds), JSON.stringify(state));
      }
    }),
    { numRuns: 2000 },
  );
});

test('random journeys reach every step of both routes and their end', () => {
  const seen: Record<EnrollmentRoute, Set<string>> = { bank: new Set(), mitid: new Set() };
  for (const [r, events] of fc.sample(journey, { numRuns: 3000, seed: 42 })) {
    let state = startEnrollment(r);
    seen[r].add(state.step);
    for (const e of events) {
      const result = next(state, e, enrollmentKinds);
      if (result.ok) state = result.state;
      seen[r].add(state.step);
    }
  }
  for (const r of ['bank', 'mitid'] as const) {
    for (const step of [...routeSteps[r], 'done', 'cancelled', 'expired'])
      assert.ok(seen[r].has(step), `${r}: ${step}`);
  }
  assert.ok(seen.bank.has('postponed'));
});

test('isConsistentState refuses states the machine cannot produce', () => {
  const s = startEnrollment('mitid');
  assert.equal(
    isConsistentState({ ...s, step: 'contact' }, enrollmentKinds),
    false,
    'contact before choosing',
  );
  assert.equal(
    isConsistentState({ ...s, step: 'start' }, enrollmentKinds),
    false,
    'the MitID.dk route has no start step',
  );
  assert.equal(
    isConsistentState(
      {
        ...s,
        step: 'done',
        accepted: { terms: '2026-1', privacy: '2026-1' },
        authenticator: 'app',
        emailConfirmed: true,
        userIdChosen: true,
        delivery: 'appStore',
      },
      enrollmentKinds,
    ),
    false,
    'done with the app but no mobile number',
  );
});
