/** fast-check generators of enrollment events and journeys (test support, not shipped code). */
import fc from 'fast-check';
import type { AuthenticatorChoice, EnrollmentEvent, EnrollmentRoute } from './flowStates.ts';

export const routes = fc.constantFrom<EnrollmentRoute>('bank', 'mitid');
export const authenticators = fc.constantFrom<AuthenticatorChoice>('app', 'codeDisplay', 'codeReader');

const channel = fc.constantFrom('mobile' as const, 'email' as const);
export const anyEvent: fc.Arbitrary<EnrollmentEvent> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ type: 'start' as const }) },
  { weight: 1, arbitrary: fc.constant({ type: 'postpone' as const }) },
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('acceptTerms' as const),
      terms: fc.constantFrom('2026-1', '2026-1', ''),
      privacy: fc.constantFrom('2026-1', '2026-1', ''),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('choose' as const),
      // Also kinds the registry does not offer at enrollment (a forged post): always refused.
      authenticator: fc.constantFrom<AuthenticatorChoice>(
        'app',
        'codeDisplay',
        'codeReader',
        'chip',
        'password',
      ),
    }),
  },
  { weight: 4, arbitrary: fc.record({ type: fc.constant('contactConfirmed' as const), channel }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('contactChanged' as const), channel }) },
  { weight: 4, arbitrary: fc.constant({ type: 'continue' as const }) },
  { weight: 4, arbitrary: fc.constant({ type: 'userIdChosen' as const }) },
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('authenticatorObtained' as const),
      delivery: fc.constantFrom('appStore' as const, 'post' as const, 'pickup' as const),
    }),
  },
  { weight: 3, arbitrary: fc.constant({ type: 'activated' as const }) },
  { weight: 2, arbitrary: fc.constant({ type: 'back' as const }) },
  { weight: 1, arbitrary: fc.constant({ type: 'cancel' as const }) },
  { weight: 1, arbitrary: fc.constant({ type: 'expire' as const }) },
);

/** The guide's steps for `route` with `a`, as events, from the first page to activation. */
export function happyPath(route: EnrollmentRoute, a: AuthenticatorChoice): EnrollmentEvent[] {
  const accept: EnrollmentEvent = { type: 'acceptTerms', terms: '2026-1', privacy: '2026-1' };
  const choose: EnrollmentEvent = { type: 'choose', authenticator: a };
  return [
    ...(route === 'bank' ? [{ type: 'start' } as const, accept, choose] : [choose, accept]),
    { type: 'contactConfirmed', channel: a === 'app' ? 'mobile' : 'email' },
    { type: 'continue' },
    { type: 'userIdChosen' },
    { type: 'authenticatorObtained', delivery: a === 'app' ? 'appStore' : 'post' },
    { type: 'activated' },
  ];
}

/** The happy path with up to two random events (double posts, back, forgeries) before each step. */
const noisyHappyPath = fc
  .tuple(
    routes,
    authenticators,
    fc.array(fc.array(anyEvent, { maxLength: 2 }), { minLength: 9, maxLength: 9 }),
  )
  .map(([r, a, noise]) => [r, happyPath(r, a).flatMap((e, i) => [...(noise[i] ?? []), e])] as const);

/** A route and events: pure noise, or a journey along the guide with noise in it. */
export const journey: fc.Arbitrary<readonly [EnrollmentRoute, EnrollmentEvent[]]> = fc.oneof(
  fc.tuple(routes, fc.array(anyEvent, { maxLength: 60 })),
  noisyHappyPath,
);
