/**
 * The devices' TOTP seeds at rest: AES-256-GCM under a key derived from the MitID server secret
 * (HKDF, label "open-mitid code device secret v1"), the serial as associated data. A copy of the
 * stock table alone gives no code, and a seed moved to another serial does not open.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { deriveSubkey } from '../../platform/keys/deriveSubkey.ts';

export const DEVICE_SECRET_LABEL = 'open-mitid code device secret v1';

export interface DeviceSecretSealer {
  seal(secret: Buffer, serial: string): string;
  /** The seed, or undefined when the sealed value was not made for this serial under this key. */
  open(sealed: string, serial: string): Buffer | undefined;
}

export function createDeviceSecretSealer(serverSecret: string): DeviceSecretSealer {
  const key = deriveSubkey(serverSecret, DEVICE_SECRET_LABEL);
  return {
    seal(secret, serial) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(serial, 'utf8'));
      const body = Buffer.concat([cipher.update(secret), cipher.final()]);
      return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
    },
    open(sealed, serial) {
      try {
        const raw = Buffer.from(sealed, 'base64url');
        if (raw.length < 12 + 16) return undefined;
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
        decipher.setAAD(Buffer.from(serial, 'utf8'));
        decipher.setAuthTag(raw.subarray(raw.length - 16));
        return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]);
      } catch {
        return undefined;
      }
    },
  };
}
