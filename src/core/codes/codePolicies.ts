/**
 * How each kind of single-use code behaves (domain-facts.md). One live code per flow and purpose:
 * an SMS activation code and a letter activation code share the purpose `activation`, so ordering
 * one invalidates the other ("valid for one authenticator").
 *
 * A resend gives fresh attempts, so a flow allows at most maxAttempts × maxSends guesses in all:
 * 3 × 5 = 15 of 10^6 validation codes. The net bank's activation code is typed into the app by
 * anyone who names the user-ID, so its tries are also counted per app activation flow (3 each,
 * src/kinds/app/server/redeemActivationCode.ts) and it allows 15 in all before it is blocked; it can be
 * replaced 5 times an hour: at most 15 × 5 = 75 guesses of 10^8 an hour per person
 * (docs/security.md has the arithmetic).
 */
import { HOUR, MINUTE } from '../../platform/clock.ts';

export type CodePurpose = 'mobile' | 'email' | 'activation';

export interface CodePolicy {
  purpose: CodePurpose;
  /** Length of the code in decimal digits. */
  digits: number;
  /** The code is valid while now < sent time + ttlMs. */
  ttlMs: number;
  /** Tries per code, the right one included: the last one, if wrong, blocks the code. */
  maxAttempts: number;
  /** Codes per flow and purpose, the first send included (a resend or a corrected number counts). */
  maxSends: number;
  /**
   * maxSends counts within a window of this length that starts at its first send; without it
   * the count lasts as long as the row (until housekeeping forgets it).
   */
  sendWindowMs?: number;
}

/** Validation code for a mobile number, by SMS: 6 digits, 15 minutes (the guide, step 4). */
export const mobileValidationCode: CodePolicy = {
  purpose: 'mobile',
  digits: 6,
  ttlMs: 15 * MINUTE,
  maxAttempts: 3,
  maxSends: 5,
};

/** Validation code for an e-mail address: as the SMS one. */
export const emailValidationCode: CodePolicy = { ...mobileValidationCode, purpose: 'email' };

/**
 * Activation code sent by SMS or shown in the net bank: 30 minutes, 8 digits (our choice: the
 * length is not public) because it binds an authenticator to a person. The person sees "blocked
 * after 3 wrong tries" per activation in the app; the code itself takes 15 tries from all
 * activations together, so a stranger's wrong tries do not block the owner's code at once. A
 * blocked or used code is replaced at once: 5 codes an hour.
 */
export const activationCodeSms: CodePolicy = {
  purpose: 'activation',
  digits: 8,
  ttlMs: 30 * MINUTE,
  maxAttempts: 15,
  maxSends: 5,
  sendWindowMs: HOUR,
};

/** Activation code in a letter: 48 hours, otherwise as by SMS. */
export const activationCodeLetter: CodePolicy = { ...activationCodeSms, ttlMs: 48 * HOUR };
