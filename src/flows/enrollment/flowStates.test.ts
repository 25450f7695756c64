import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type EnrollmentOffer, kindRegistry } from '../../core/authenticators/index.ts';
import {
  type EnrollmentEvent,
  type EnrollmentRoute,
  type EnrollmentState,
  isConsistentState,
  next,
  routeSteps,
  startEnrollment,
} from './flowStates.ts';
import { happyPath } from './flowStatesArbitraries.ts';
import { enrollmentKinds } from './testing/index.ts';

/** Applies events that must all be accepted; returns the steps visited. */
function run(
  state: EnrollmentState,
  events: EnrollmentEvent[],
): { state: EnrollmentState; visited: string[] } {
  const visited = [state.step as string];
  for (const e of events) {
    const r = next(state, e, enrollmentKinds);
    assert.ok(r.ok, `${e.type} refused at ${state.step}: ${r.ok ? '' : r.reason}`);
    state = r.state;
    if (visited.at(-1) !== state.step) visited.push(state.step);
  }
  return { state, visited };
}

const accept: EnrollmentEvent = { type: 'acceptTerms', terms: '2026-1', privacy: '2026-1' };
for (const route of ['bank', 'mitid'] as const) {
  for (const a of ['app', 'codeDisplay', 'codeReader'] as const) {
    test(`${route} route with ${a}: the guide's steps in the route's order, then done`, () => {
      const { state, visited } = run(startEnrollment(route), happyPath(route, a));
      assert.deepEqual(visited, [...routeSteps[route], 'done']);
      assert.equal(state.authenticator, a);
      assert.deepEqual(state.accepted, { terms: '2026-1', privacy: '2026-1' });
    });
  }
}

const at = (route: EnrollmentRoute, events: EnrollmentEvent[]): EnrollmentState =>
  run(startEnrollment(route), events).state;

test('the app needs a confirmed mobile number; an e-mail alone is not enough', () => {
  const s = at('bank', [{ type: 'start' }, accept, { type: 'choose', authenticator: 'app' }]);
  const withEmail = at('bank', [
    { type: 'start' },
    accept,
    { type: 'choose', authenticator: 'app' },
    { type: 'contactConfirmed', channel: 'email' },
  ]);
  assert.deepEqual(next(s, { type: 'continue' }, enrollmentKinds), { ok: false, reason: 'incomplete' });
  assert.deepEqual(next(withEmail, { type: 'continue' }, enrollmentKinds), {
    ok: false,
    reason: 'incomplete',
  });
});

test('"Ret mobilnummer" takes the confirmation back until the new number is confirmed', () => {
  const s = at('mitid', [
    { type: 'choose', authenticator: 'app' },
    accept,
    { type: 'contactConfirmed', channel: 'mobile' },
    { type: 'contactChanged', channel: 'mobile' },
  ]);
  assert.deepEqual(next(s, { type: 'continue' }, enrollmentKinds), { ok: false, reason: 'incomplete' });
});

test('events out of turn are refused: no skipping, no forged steps', () => {
  const s = startEnrollment('bank');
  assert.deepEqual(next(s, { type: 'userIdChosen' }, enrollmentKinds), { ok: false, reason: 'wrongStep' });
  assert.deepEqual(next(s, { type: 'activated' }, enrollmentKinds), { ok: false, reason: 'wrongStep' });
  const terms = at('bank', [{ type: 'start' }]);
  assert.deepEqual(next(terms, { type: 'acceptTerms', terms: '', privacy: '2026-1' }, enrollmentKinds), {
    ok: false,
    reason: 'incomplete',
  });
  assert.deepEqual(next(at('mitid', []), { type: 'postpone' }, enrollmentKinds), {
    ok: false,
    reason: 'wrongStep',
  });
});

test('back goes one step back, but not from the first step nor from activation', () => {
  assert.deepEqual(next(startEnrollment('bank'), { type: 'back' }, enrollmentKinds), {
    ok: false,
    reason: 'noWayBack',
  });
  assert.deepEqual(next(startEnrollment('mitid'), { type: 'back' }, enrollmentKinds), {
    ok: false,
    reason: 'noWayBack',
  });
  const terms = next(at('bank', [{ type: 'start' }]), { type: 'back' }, enrollmentKinds);
  assert.ok(terms.ok && terms.state.step === 'start');
  const activation = at('bank', happyPath('bank', 'app').slice(0, -1));
  assert.equal(activation.step, 'activation');
  assert.deepEqual(next(activation, { type: 'back' }, enrollmentKinds), { ok: false, reason: 'noWayBack' });
});

test('JEG GØR DET SENERE ends the flow as postponed; cancel and expiry end it from any step', () => {
  assert.equal(at('bank', [{ type: 'postpone' }]).step, 'postponed');
  const ended = at('mitid', [{ type: 'choose', authenticator: 'codeReader' }, { type: 'expire' }]);
  assert.equal(ended.step, 'expired');
  assert.deepEqual(next(ended, { type: 'back' }, enrollmentKinds), { ok: false, reason: 'finished' });
  assert.equal(at('bank', [{ type: 'start' }, { type: 'cancel' }]).step, 'cancelled');
});

test('a device cannot be fetched from the app store, nor the app sent by post', () => {
  const device = at('bank', happyPath('bank', 'codeDisplay').slice(0, 6));
  assert.equal(device.step, 'getAuthenticator');
  assert.deepEqual(next(device, { type: 'authenticatorObtained', delivery: 'appStore' }, enrollmentKinds), {
    ok: false,
    reason: 'incomplete',
  });
  const app = at('bank', happyPath('bank', 'app').slice(0, 6));
  assert.deepEqual(next(app, { type: 'authenticatorObtained', delivery: 'pickup' }, enrollmentKinds), {
    ok: false,
    reason: 'incomplete',
  });
});

test('what a choice needs comes from the kind registry: a kind it does not offer is refused', () => {
  const bank = at('bank', [{ type: 'start' }, accept]);
  assert.equal(bank.step, 'choose');
  for (const kind of ['chip', 'password'] as const) {
    assert.deepEqual(next(bank, { type: 'choose', authenticator: kind }, enrollmentKinds), {
      ok: false,
      reason: 'incomplete',
    });
  }
  // A registry in which the app alone is offered, and the code display only once MitID is in use.
  const offerOf = (name: string): EnrollmentOffer => {
    const offer = enrollmentKinds.offer(name);
    assert.ok(offer, `${name} is offered`);
    return offer;
  };
  const display = enrollmentKinds.require('codeDisplay');
  const onlyApp = kindRegistry([
    enrollmentKinds.require('app'),
    { ...display, excludes: [], enrollment: { ...offerOf('codeDisplay'), when: 'inUse' } },
  ]);
  assert.deepEqual(next(bank, { type: 'choose', authenticator: 'codeDisplay' }, onlyApp), {
    ok: false,
    reason: 'incomplete',
  });
  assert.deepEqual(next(bank, { type: 'choose', authenticator: 'codeReader' }, onlyApp), {
    ok: false,
    reason: 'incomplete',
  });
  // A registry whose app could also be used with an e-mail alone: the contact step follows it.
  const app = enrollmentKinds.require('app');
  const emailApp = kindRegistry([
    { ...app, enrollment: { ...offerOf('app'), contact: ['mobile', 'email'] } },
  ]);
  const chosen = next(bank, { type: 'choose', authenticator: 'app' }, emailApp);
  assert.ok(chosen.ok);
  const confirmed = next(chosen.state, { type: 'contactConfirmed', channel: 'email' }, emailApp);
  assert.ok(confirmed.ok);
  assert.equal(next(confirmed.state, { type: 'continue' }, emailApp).ok, true);
  assert.deepEqual(next(confirmed.state, { type: 'continue' }, enrollmentKinds), {
    ok: false,
    reason: 'incomplete',
  });
  // A stored flow is checked against the registry it is read with.
  const device = at('bank', happyPath('bank', 'codeDisplay').slice(0, 6));
  assert.equal(isConsistentState(device, enrollmentKinds), true);
  assert.equal(isConsistentState(device, onlyApp), false);
});
