/**
 * The MitID service's error catalogue (catalogue.ts) and the one way a feature refuses:
 * `throw refuse('ERR_PIN_WRONG', { attemptsLeft })`. The wire shapes, the scope helper and the
 * type of an entry are the platform's (src/platform/http/errorWire.ts, errors.ts).
 */
import {
  type ErrorCatalogue,
  type ErrorDetails,
  MitidError,
  type RefusalMapper,
} from '../../platform/http/errors.ts';
import { type ErrorCode, errors, type Vocabulary, vocabularies } from './catalogue.ts';

export { type ErrorDetails, MitidError } from '../../platform/http/errors.ts';
export { type ErrorCode, errors, type Vocabulary, vocabularies } from './catalogue.ts';

/** A refusal with one of the catalogue's codes. */
export const refuse = (code: ErrorCode, details?: ErrorDetails): MitidError => new MitidError(code, details);

/** Whether `err` is a refusal with this code (tests, and a route that answers one refusal itself). */
export const isRefusal = (err: unknown, code: ErrorCode): err is MitidError =>
  err instanceof MitidError && err.code === code;

/** The canonical code of `name` in a vocabulary (the app protocol's `wrong_pin` → ERR_PIN_WRONG). */
export function codeOfWire(vocabulary: Vocabulary, name: string): ErrorCode | undefined {
  for (const [code, def] of Object.entries(errors) as [
    ErrorCode,
    { wire?: Partial<Record<Vocabulary, string>> },
  ][]) {
    if (def.wire?.[vocabulary] === name) return code;
  }
  return undefined;
}

/** What the composition root hands to createApp: the entries, the vocabularies, the features' mappers. */
export const mitidErrorCatalogue = (refusals: readonly RefusalMapper[] = []): ErrorCatalogue => ({
  entries: errors,
  vocabularies,
  refusals,
});
