/** Reading a request's fields: each either is what the protocol says or the call is invalid_request. */
import { checkPersonText } from '../../../platform/text/checkPersonText.ts';
import { refuse } from './appErrors.ts';
import { isBase64url } from './base64url.ts';

// Control characters and line/paragraph separators: nothing a name or a shown text may hold.
const control = /[\p{Cc}\p{Zl}\p{Zp}]/u;

/** Characters as a person counts them (code points). */
export const textLength = (s: string): number => [...s].length;

/** A one-line text of 1 … max characters (code points), trimmed. */
export function text(body: Record<string, unknown>, name: string, max: number): string {
  const v = body[name];
  if (typeof v !== 'string') throw refuse('invalid_request');
  const s = v.trim();
  if (s === '' || textLength(s) > max || control.test(s)) throw refuse('invalid_request');
  return s;
}

/**
 * A text a person will read that someone else wrote (a service's text, a device's name in the
 * owner's warning): checkPersonText's rule, or 400 invalid_request naming the field and problem.
 */
export function personText(body: Record<string, unknown>, field: string, max: number): string {
  const checked = checkPersonText(body[field], { field, max });
  if (!checked.ok) throw refuse('invalid_request', { field, problem: checked.problem });
  return checked.value;
}

export function b64u(body: Record<string, unknown>, name: string, max: number): string {
  const v = body[name];
  if (!isBase64url(v, max)) throw refuse('invalid_request');
  return v;
}

export function optionalBoolean(body: Record<string, unknown>, name: string, fallback: boolean): boolean {
  const v = body[name];
  if (v === undefined) return fallback;
  if (typeof v !== 'boolean') throw refuse('invalid_request');
  return v;
}

export function oneOf<T extends string>(
  body: Record<string, unknown>,
  name: string,
  values: readonly T[],
  fallback?: T,
): T {
  const v = body[name];
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) throw refuse('invalid_request');
  return v as T;
}

export function intIn(
  body: Record<string, unknown>,
  name: string,
  min: number,
  max: number,
  fallback?: number,
): number {
  const v = body[name];
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw refuse('invalid_request');
  return v;
}

/** A path parameter: an id as this service makes them. */
export function idParam(params: unknown, name: string): string {
  const v = (params as Record<string, unknown>)[name];
  if (typeof v !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(v)) throw refuse('not_found');
  return v;
}
