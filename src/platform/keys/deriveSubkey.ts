/**
 * A 32-byte key for one purpose, derived from a service secret: HKDF-SHA-256 with an empty salt and
 * the purpose as `info`. Each purpose names itself (and its version) in `info`, so no two share
 * a key; the same secret and purpose always give the same key, on every node.
 */
import { hkdfSync } from 'node:crypto';

export function deriveSubkey(secret: string, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, '', info, 32));
}
