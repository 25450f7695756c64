/**
 * The chip as an authenticator kind (decision 0014 §4): a WebAuthn assertion of a discoverable
 * credential with user verification → possession, amr chip (with the password: high).
 *   begin     options with EMPTY allowCredentials (they tell nothing of the person, and are the
 *             same for a decoy), userVerification required, and `state`: the challenge sealed to
 *             the authentication and authenticator, which the box keeps as the step state
 *             (Authentications.startStep) and consumes with the proof (addProof's stepState)
 *   complete  { response } → the sealed step opened (none, another's, or past 5 minutes:
 *             chip_expired), then the credential the response names, only if it is `a`'s and
 *             both `a` and the person are active (one joined SELECT: another person's chip, an
 *             unknown one and a decoy `a` read alike: chip_wrong), the library's checks
 *             (challenge, origin, RP id, UV flag, counter), the user handle, and the counter
 *             moved compare-and-set (of two posts of one answer, one moves it)
 * The chip has no lock of its own: nothing can be guessed, and the password counts its own tries.
 */
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
} from '@simplewebauthn/server';
import type { Authentication } from '../../core/authentications/index.ts';
import type { Authenticator, Kind, KindContext, StepOutcome } from '../../core/authenticators/index.ts';
import type { Sealer } from '../../core/codes/index.ts';
import type { Random } from '../../platform/random.ts';
import { openAssertion, sealAssertion } from './assertionState.ts';
import { ChipCredentials } from './ChipCredentials.ts';
import { chipDescriptor } from './chipDescriptor.ts';
import { CEREMONY_TIMEOUT_MS, REGISTRATION_TTL_MS } from './registration.ts';
import type { RelyingParty } from './relyingParty.ts';
import type { UserHandles } from './userHandle.ts';

/** What the login box posts: the assertion JSON of navigator.credentials.get (as @simplewebauthn/browser gives it). */
export interface ChipAnswer {
  response: unknown;
}

export interface ChipKindDeps {
  rp: RelyingParty;
  sealer: Sealer;
  handles: UserHandles;
  random: Random;
}

/** How long a begun step may be answered (the browser's own wait is CEREMONY_TIMEOUT_MS). */
export const ASSERTION_TTL_MS = REGISTRATION_TTL_MS;

const wrong: StepOutcome = { ok: false, code: 'chip_wrong' };
const expired: StepOutcome = { ok: false, code: 'chip_expired' };

export function createChipKind(d: ChipKindDeps): Kind<ChipAnswer> {
  return {
    ...chipDescriptor,
    async begin(ctx: KindContext, a: Authenticator, auth: Authentication) {
      const challenge = d.random.token(32);
      const options = await generateAuthenticationOptions({
        rpID: d.rp.id,
        challenge: new Uint8Array(Buffer.from(challenge, 'base64url')),
        allowCredentials: [],
        userVerification: 'required',
        timeout: CEREMONY_TIMEOUT_MS,
      });
      const sealed = sealAssertion(
        d.sealer,
        { challenge: options.challenge, expiresAt: ctx.now() + ASSERTION_TTL_MS },
        auth.id,
        a.id,
      );
      return { type: 'webauthn', options: { ...options }, state: sealed };
    },

    async complete(ctx, a, auth, answer): Promise<StepOutcome> {
      const now = ctx.now();
      const sealed = auth.step?.authenticatorId === a.id ? auth.step.state : undefined;
      const state = sealed === undefined ? undefined : openAssertion(d.sealer, sealed, auth.id, a.id);
      if (state === undefined || state.expiresAt <= now) return expired;
      const response = answer?.response;
      if (!isAssertion(response)) return wrong;
      const credentials = new ChipCredentials(ctx.db);
      const credential = await credentials.forUse(response.id, a.id);
      if (!credential?.usable || credential.identityId !== auth.identityId) return wrong;
      if (response.response.userHandle !== d.handles(credential.identityId)) return wrong;
      let newCounter: number;
      try {
        const result = await verifyAuthenticationResponse({
          response,
          expectedChallenge: state.challenge,
          expectedOrigin: d.rp.origin,
          expectedRPID: d.rp.id,
          credential: {
            id: credential.credentialId,
            publicKey: new Uint8Array(Buffer.from(credential.publicKey, 'base64url')),
            counter: credential.counter,
          },
          requireUserVerification: true,
        });
        if (!result.verified || !result.authenticationInfo.userVerified) return wrong;
        newCounter = result.authenticationInfo.newCounter;
      } catch {
        // A bad signature, another origin or RP, no UV flag, a counter that went back.
        return wrong;
      }
      if (!(await credentials.advance(a.id, credential.counter, newCounter, now))) return wrong;
      return {
        ok: true,
        proof: { authenticatorId: a.id, kind: 'chip', factors: ['possession'], methods: ['chip'], at: now },
      };
    },

    async lockState() {
      return { locked: false };
    },
  };
}

/** The outer shape of an assertion; the library checks the rest. */
function isAssertion(r: unknown): r is AuthenticationResponseJSON {
  if (typeof r !== 'object' || r === null) return false;
  const o = r as Record<string, unknown>;
  if (typeof o.id !== 'string' || o.id.length === 0 || o.id.length > 1023 || o.rawId !== o.id) return false;
  if (o.type !== 'public-key' || typeof o.response !== 'object' || o.response === null) return false;
  const res = o.response as Record<string, unknown>;
  return ['clientDataJSON', 'authenticatorData', 'signature', 'userHandle'].every(
    (k) => typeof res[k] === 'string',
  );
}
