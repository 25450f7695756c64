/**
 * The serial number as the person types it from the back of the device: "KV-123 456 789",
 * "kv123456789" and "KV-123456789" are the same serial (spaces and the hyphen are dropped, letters
 * upper-cased), and a code display's is KV-, a code reader's KO- (flows/orders' format).
 */
import type { CodeDeviceKindName } from '../deviceActivation.ts';

export const SERIAL_PREFIX: Record<CodeDeviceKindName, string> = { codeDisplay: 'KV-', codeReader: 'KO-' };
export const SERIAL_EXAMPLE: Record<CodeDeviceKindName, string> = {
  codeDisplay: 'KV-123456789',
  codeReader: 'KO-123456789',
};

/** The serial in its printed form, or undefined when it is not one of `kind`'s. */
export function normaliseSerial(typed: string, kind: CodeDeviceKindName): string | undefined {
  const compact = typed.replace(/[\s-]/g, '').toUpperCase();
  const prefix = SERIAL_PREFIX[kind].slice(0, 2);
  const m = /^([A-Z]{2})(\d{9})$/.exec(compact);
  return m && m[1] === prefix ? `${prefix}-${m[2]}` : undefined;
}

/** The code as typed, without spaces: 6 digits or not. */
export const typedCode = (typed: string): string => typed.replace(/\s/g, '');
export const isSixDigits = (code: string): boolean => /^\d{6}$/.test(code);
