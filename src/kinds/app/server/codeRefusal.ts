/**
 * The answer to a code that did not verify (OneTimeCodes.verify): wrong with the tries left;
 * blocked; anything else (used, expired, replaced, never issued) is "can no longer be used".
 * A malformed code is not counted and is a bad request.
 */
import type { VerifyResult } from '../../../core/codes/index.ts';
import { type AppProtocolError, refuse } from './appErrors.ts';

export function codeRefusal(
  result: Exclude<VerifyResult, { ok: true }>,
  wrong: 'wrong_code' | 'wrong_temporary_pin',
): AppProtocolError {
  switch (result.reason) {
    case 'wrong':
      return refuse(wrong, { attemptsLeft: result.attemptsLeft });
    case 'blocked':
      return refuse('code_blocked');
    case 'malformed':
      return refuse('invalid_request');
    default:
      return refuse('code_expired');
  }
}
