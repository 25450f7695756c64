/**
 * Serial numbers as printed on the back of a device (and in flows/orders): `KV-` for a kodeviser,
 * `KO-` for a kodeoplæser, then 9 digits. What a person types is read leniently (case, spaces and
 * a missing dash), what is stored is always the canonical form.
 */
import type { CodeDeviceKind } from './tables.ts';

export const SERIAL_PREFIX: Record<CodeDeviceKind, string> = { codeDisplay: 'KV-', codeReader: 'KO-' };
export const SERIAL_PATTERN = /^(KV|KO)-\d{9}$/;

/** The canonical serial of what was typed, or undefined when it is not one. */
export function normaliseSerial(typed: string): string | undefined {
  const compact = typed.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
  const m = /^(KV|KO)(\d{9})$/.exec(compact);
  return m ? `${m[1]}-${m[2]}` : undefined;
}

/** The kind a canonical serial's prefix names. */
export function kindOfSerial(serial: string): CodeDeviceKind | undefined {
  if (!SERIAL_PATTERN.test(serial)) return undefined;
  return serial.startsWith('KV-') ? 'codeDisplay' : 'codeReader';
}
