/**
 * Sealing of the OPAQUE server login state kept between the PIN step and the decision: AES-256-GCM
 * with a key derived from the service secret (HKDF, own label) and the row it belongs to as
 * associated data. A copy of the table then holds nothing that finishes a login, and a state
 * moved to another transaction or device does not open.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { deriveSubkey } from '../../platform/keys/deriveSubkey.ts';

export interface Sealer {
  seal(plain: string, boundTo: string): string;
  open(sealed: string, boundTo: string): string | undefined;
}

export function createSealer(secret: string): Sealer {
  const key = deriveSubkey(secret, 'open-mitid app login state v1');
  return {
    seal(plain, boundTo) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(boundTo, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
    },
    open(sealed, boundTo) {
      try {
        const raw = Buffer.from(sealed, 'base64url');
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
        decipher.setAAD(Buffer.from(boundTo, 'utf8'));
        decipher.setAuthTag(raw.subarray(raw.length - 16));
        return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        return undefined;
      }
    },
  };
}

/** What the OPAQUE login state of a PIN check is sealed to: its transaction and device. */
export const loginStateBinding = (transactionId: string, deviceId: string): string =>
  `pin-login\n${transactionId}\n${deviceId}`;
