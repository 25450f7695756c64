/**
 * The app's own single-use codes, kept by OneTimeCodes (src/core/codes/oneTimeCode.ts: HMAC only,
 * counted before compared, single use, expiry by the injected clock).
 *
 * Both use the purpose `activation` (they activate an authenticator; CodePurpose has no other
 * fitting member) and are kept apart from the bank's activation codes by their flow ids, which
 * are never an identity id: `app-activation:<activationId>` and `app-transfer:<identityId>`.
 * An activation flow's decoy (`app-decoy:<activationId>`, OneTimeCodes.plantDecoy) stands in for
 * the net bank's activation code when the user-ID has no live one (redeemActivationCode.ts).
 */
import type { CodePolicy } from '../../../core/codes/index.ts';
import { MINUTE } from '../../../platform/clock.ts';

/** Temporary PIN: 8 digits, 15 minutes, 3 tries, sent once per activation (domain-facts.md). */
export const temporaryPinPolicy: CodePolicy = {
  purpose: 'activation',
  digits: 8,
  ttlMs: 15 * MINUTE,
  maxAttempts: 3,
  maxSends: 1,
};

/**
 * Transfer code shown by an existing app: 8 digits ("1234-5678"), 5 minutes, single use, 3 tries.
 * Each new code replaces the person's previous one.
 */
export const transferCodePolicy: CodePolicy = {
  purpose: 'activation',
  digits: 8,
  ttlMs: 5 * MINUTE,
  maxAttempts: 3,
  maxSends: 1,
};

export const temporaryPinFlow = (activationId: string): string => `app-activation:${activationId}`;
/** The decoy an activation flow's codes are checked against when there is no live code. */
export const decoyFlow = (activationId: string): string => `app-decoy:${activationId}`;
export const transferFlow = (identityId: string): string => `app-transfer:${identityId}`;

/** "12345678" → "1234-5678", as the app shows a transfer code. */
export const formatTransferCode = (code: string): string => `${code.slice(0, 4)}-${code.slice(4)}`;
