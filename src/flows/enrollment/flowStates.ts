/**
 * Getting MitID as a state machine (diagram in README.md). The guide's seven steps come in two
 * orders: through the net bank (start → terms → choose → …) and on MitID.dk after a NemID login
 * (choose → terms → …). `next` is pure: it returns the new state for an allowed event and refuses
 * everything else, so a replayed, doubled or forged form post cannot skip a step.
 *
 * Rules enforced:
 * - An event is only accepted on its own step; terminal states accept nothing.
 * - Moving on needs the current step done: terms accepted (with their versions), a kind chosen
 *   that the kind registry offers at enrollment, one of the contacts its offer needs confirmed
 *   (the app: a mobile number; a code display or code reader: a mobile number or an e-mail), a
 *   user-ID chosen, the authenticator obtained by one of its offer's deliveries (the app from the
 *   store; a device by post or at a Borgerservice).
 * - What a kind needs is read from the registry (`kinds`, core/authenticators' KindRegistry,
 *   passed in by the root), never from a list of kinds here.
 * - Back goes to the previous step of the route, except from the first step and from activation
 *   (a device has been ordered or an activation code issued: that is not undone by Back).
 * - Invariant (isConsistentState): every step before the current one is done. Only the current
 *   step's own data changes, so going back and forth never breaks it.
 */

import type {
  ContactChannel,
  Delivery,
  EnrollmentOffer,
  KindName,
  KindRegistry,
} from '../../core/authenticators/index.ts';

export type { ContactChannel, Delivery };
export type EnrollmentRoute = 'bank' | 'mitid';
/** The chosen kind: one the registry offers at enrollment. */
export type AuthenticatorChoice = KindName;
/** What the machine reads of the kinds: the registry (a test may hand in its own). */
export type KindOffers = Pick<KindRegistry, 'offer' | 'choosableAtEnrollment'>;

export type Step = 'start' | 'terms' | 'choose' | 'contact' | 'userId' | 'getAuthenticator' | 'activation';
export type Outcome = 'done' | 'postponed' | 'cancelled' | 'expired';

export const routeSteps: Readonly<Record<EnrollmentRoute, readonly Step[]>> = {
  bank: ['start', 'terms', 'choose', 'contact', 'userId', 'getAuthenticator', 'activation'],
  mitid: ['choose', 'terms', 'contact', 'userId', 'getAuthenticator', 'activation'],
};
export const outcomes: readonly Outcome[] = ['done', 'postponed', 'cancelled', 'expired'];

export interface EnrollmentState {
  route: EnrollmentRoute;
  step: Step | Outcome;
  accepted: { terms: string; privacy: string } | null;
  authenticator: AuthenticatorChoice | null;
  mobileConfirmed: boolean;
  emailConfirmed: boolean;
  userIdChosen: boolean;
  delivery: Delivery | null;
}

export type EnrollmentEvent =
  | { type: 'start' } // FÅ MITID NU
  | { type: 'postpone' } // JEG GØR DET SENERE
  | { type: 'acceptTerms'; terms: string; privacy: string }
  | { type: 'choose'; authenticator: AuthenticatorChoice }
  | { type: 'contactConfirmed'; channel: ContactChannel }
  | { type: 'contactChanged'; channel: ContactChannel } // "Ret mobilnummer": confirm again
  | { type: 'continue' }
  | { type: 'userIdChosen' }
  | { type: 'authenticatorObtained'; delivery: Delivery }
  | { type: 'activated' }
  | { type: 'back' }
  | { type: 'cancel' }
  | { type: 'expire' };

export type Refusal = 'finished' | 'wrongStep' | 'incomplete' | 'noWayBack';
export type Transition = { ok: true; state: EnrollmentState } | { ok: false; reason: Refusal };

export function startEnrollment(route: EnrollmentRoute): EnrollmentState {
  return {
    route,
    step: routeSteps[route][0] as Step,
    accepted: null,
    authenticator: null,
    mobileConfirmed: false,
    emailConfirmed: false,
    userIdChosen: false,
    delivery: null,
  };
}

export function isOutcome(step: EnrollmentState['step']): step is Outcome {
  return (outcomes as readonly string[]).includes(step);
}

/** The offer of the chosen kind, if one is chosen and the registry offers it at enrollment. */
export function chosenOffer(s: EnrollmentState, kinds: KindOffers): EnrollmentOffer | undefined {
  if (s.authenticator === null || !kinds.choosableAtEnrollment(s.authenticator)) return undefined;
  return kinds.offer(s.authenticator);
}

export function deliveryFits(offer: EnrollmentOffer | undefined, delivery: Delivery | null): boolean {
  return offer !== undefined && delivery !== null && offer.deliveries.includes(delivery);
}

/** Whether the contact the chosen kind needs is confirmed (any one of its offer's channels). */
export function contactEnough(s: EnrollmentState, kinds: KindOffers): boolean {
  const offer = chosenOffer(s, kinds);
  if (!offer) return false;
  return offer.contact.some((c) => (c === 'mobile' ? s.mobileConfirmed : s.emailConfirmed));
}

/** Whether `step` is done in `s`, so the person may move past it. */
export function stepDone(step: Step, s: EnrollmentState, kinds: KindOffers): boolean {
  switch (step) {
    case 'start':
      return true;
    case 'terms':
      return s.accepted !== null;
    case 'choose':
      return chosenOffer(s, kinds) !== undefined;
    case 'contact':
      return contactEnough(s, kinds);
    case 'userId':
      return s.userIdChosen;
    case 'getAuthenticator':
      return deliveryFits(chosenOffer(s, kinds), s.delivery);
    case 'activation':
      return false; // done only by the `activated` event, which ends the flow
  }
}

/** The invariant: a known step of the route, and every step before it done. */
export function isConsistentState(s: EnrollmentState, kinds: KindOffers): boolean {
  const steps = routeSteps[s.route];
  if (!steps) return false;
  if (s.step === 'done') return steps.slice(0, -1).every((step) => stepDone(step, s, kinds));
  if (isOutcome(s.step)) return true;
  const at = steps.indexOf(s.step);
  if (at < 0) return false;
  if (s.delivery !== null && !deliveryFits(chosenOffer(s, kinds), s.delivery)) return false;
  return steps.slice(0, at).every((step) => stepDone(step, s, kinds));
}

const refuse = (reason: Refusal): Transition => ({ ok: false, reason });

/**
 * The state after `event`, or why the event is not allowed now (a kind the registry does not offer
 * at enrollment: `incomplete`). Never mutates `state`.
 */
export function next(state: EnrollmentState, event: EnrollmentEvent, kinds: KindOffers): Transition {
  if (isOutcome(state.step)) return refuse('finished');
  const step = state.step;
  const steps = routeSteps[state.route];
  const at = steps.indexOf(step);
  const forward = (changes: Partial<EnrollmentState>): Transition => {
    const moved = { ...state, ...changes };
    if (!stepDone(step, moved, kinds)) return refuse('incomplete');
    return { ok: true, state: { ...moved, step: steps[at + 1] ?? 'done' } };
  };
  const stay = (changes: Partial<EnrollmentState>): Transition => ({
    ok: true,
    state: { ...state, ...changes },
  });
  const on = (wanted: Step, then: () => Transition): Transition =>
    step === wanted ? then() : refuse('wrongStep');

  switch (event.type) {
    case 'cancel':
      return { ok: true, state: { ...state, step: 'cancelled' } };
    case 'expire':
      return { ok: true, state: { ...state, step: 'expired' } };
    case 'back':
      if (at <= 0 || step === 'activation') return refuse('noWayBack');
      return { ok: true, state: { ...state, step: steps[at - 1] as Step } };
    case 'start':
      return on('start', () => forward({}));
    case 'postpone':
      return on('start', () => ({ ok: true, state: { ...state, step: 'postponed' } }));
    case 'acceptTerms':
      return on('terms', () =>
        event.terms && event.privacy
          ? forward({ accepted: { terms: event.terms, privacy: event.privacy } })
          : refuse('incomplete'),
      );
    case 'choose':
      return on('choose', () => forward({ authenticator: event.authenticator }));
    case 'contactConfirmed':
      return on('contact', () =>
        stay(event.channel === 'mobile' ? { mobileConfirmed: true } : { emailConfirmed: true }),
      );
    case 'contactChanged':
      return on('contact', () =>
        stay(event.channel === 'mobile' ? { mobileConfirmed: false } : { emailConfirmed: false }),
      );
    case 'continue':
      return on('contact', () => forward({}));
    case 'userIdChosen':
      return on('userId', () => forward({ userIdChosen: true }));
    case 'authenticatorObtained':
      return on('getAuthenticator', () => forward({ delivery: event.delivery }));
    case 'activated':
      return on('activation', () => ({ ok: true, state: { ...state, step: 'done' } }));
  }
}
