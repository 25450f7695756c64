/**
 * The app as an authenticator kind (docs/decisions/0010 §3.1). The app's routes verify what the
 * device sends (signed request, OPAQUE PIN login or WebAuthn, the signature over the approval
 * string); `complete` turns what was verified into the proof the core records:
 *   PIN          possession + knowledge   amr app + pin         → high
 *   biometrics   possession + inherence   amr app + biometrics  → high
 *   a swipe      possession               amr app               → substantial
 */

import type { Authentication } from '../../../core/authentications/index.ts';
import type {
  ActivationRules,
  Authenticator,
  EnrollmentOffer,
  Kind,
  KindContext,
  KindDescriptor,
  Lock,
  Proof,
  StepOutcome,
} from '../../../core/authenticators/index.ts';
import { DeviceStore, MAX_ACTIVE_DEVICES } from './DeviceStore.ts';
import { pinGate } from './pinLimits.ts';

export type AppMethod = 'pin' | 'biometrics' | 'none';

export const appActivationRules: ActivationRules = {
  factors: ['possession', 'knowledge', 'inherence'],
  maxLevel: 'high',
  maxActivePerIdentity: MAX_ACTIVE_DEVICES,
  excludes: [],
};

/** What the enrollment wizard offers of the app: from the app store, with a confirmed mobile number. */
export const appEnrollmentOffer: EnrollmentOffer = {
  when: 'enrollment',
  deliveries: ['appStore'],
  contact: ['mobile'],
  label: 'wizard.choose.app',
  hint: 'wizard.choose.appHint',
  name: 'wizard.kind.app',
  contactNote: 'wizard.contact.appNeedsMobile',
  contactMissing: 'wizard.contact.needMobile',
};

/** The app's entry in the kind registry (the root registers it: roots/mitid/kinds.ts). */
export const appDescriptor: KindDescriptor = {
  name: 'app',
  ...appActivationRules,
  needs: [],
  enrollment: appEnrollmentOffer,
};

/** The proof of a decision the app's routes verified. */
export function appProof(authenticatorId: string, method: AppMethod, at: number): Proof {
  return {
    authenticatorId,
    kind: 'app',
    factors:
      method === 'pin'
        ? ['possession', 'knowledge']
        : method === 'biometrics'
          ? ['possession', 'inherence']
          : ['possession'],
    methods: method === 'none' ? ['app'] : ['app', method],
    at,
  };
}

/** What `complete` is given: the method the decision route verified (never a raw device request). */
export interface AppAnswer {
  verified: AppMethod;
}

/** The app kind; its PIN lock is read from the app's own data (`devices`). */
export function createAppKind(devices: DeviceStore): Kind<AppAnswer> {
  return {
    ...appDescriptor,
    async begin(_ctx: KindContext, _a: Authenticator, _auth: Authentication) {
      return { type: 'openApp', qr: true, code: true };
    },
    async complete(ctx, a, auth, answer): Promise<StepOutcome> {
      if (a.status !== 'active' || auth.identityId !== a.identityId) return { ok: false, code: 'not_found' };
      if (auth.requiresUv && answer.verified === 'none') return { ok: false, code: 'invalid_approval' };
      return { ok: true, proof: appProof(a.id, answer.verified, ctx.now()) };
    },
    async lockState(a, now): Promise<Lock> {
      const device = await devices.get(a.id);
      if (!device) return { locked: false };
      const gate = pinGate(device.pin, now);
      if (gate.open) return { locked: false };
      return { locked: true, until: 'until' in gate ? gate.until : null };
    },
    async onBlocked(trx, authenticatorId) {
      await new DeviceStore(trx).dropInFlight(trx, authenticatorId, false);
    },
  };
}
