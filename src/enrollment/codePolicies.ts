/**
 * How each kind of single-use code behaves (domain-facts.md). One live code per flow and purpose:
 * an SMS activation code and a letter activation code share the purpose `activation`, so ordering
 * one invalidates the other ("valid for one authenticator").
 *
 * A resend gives fresh attempts, so a flow allows at most maxAttempts × maxSends guesses in all:
 * 3 × 5 = 15 of 10^6 validation codes, 3 × 3 = 9 of 10^8 activation codes.
 */
import { HOUR, MINUTE } from '../platform/clock.ts';

export type CodePurpose = 'mobile' | 'email' | 'activation';

export interface CodePolicy {
  purpose: CodePurpose;
  /** Length of the code in decimal digits. */
  digits: number;
  /** The code is valid while now < sent time + ttlMs. */
  ttlMs: number;
  /** Tries per code, the right one included: the third wrong try blocks the code. */
  maxAttempts: number;
  /** Codes per flow and purpose, the first send included (a resend or a corrected number counts). */
  maxSends: number;
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
 * Activation code sent by SMS or shown in the net bank: 30 minutes, blocked after 3 wrong tries.
 * 8 digits (our choice: the length is not public) because it binds an authenticator to a person.
 */
export const activationCodeSms: CodePolicy = {
  purpose: 'activation',
  digits: 8,
  ttlMs: 30 * MINUTE,
  maxAttempts: 3,
  maxSends: 3,
};

/** Activation code in a letter: 48 hours, otherwise as by SMS. */
export const activationCodeLetter: CodePolicy = { ...activationCodeSms, ttlMs: 48 * HOUR };
