/**
 * Encryption at rest of the key store's material: AES-256-GCM under the key-encryption key (KEK),
 * a fresh 96-bit IV per row, and the row's purpose and version as associated data, so a row's
 * ciphertext copied into another row (another purpose, another version) does not open.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION_PREFIX = 'k1.';

const aad = (purpose: string, version: number): Buffer =>
  Buffer.from(`open-mitid key\n${purpose}\n${version}`, 'utf8');

export function encryptKey(kek: Buffer, purpose: string, version: number, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv).setAAD(aad(purpose, version));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return VERSION_PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

/** The plaintext, or undefined when the KEK (or the row's purpose and version) is not the one it was sealed with. */
export function decryptKey(
  kek: Buffer,
  purpose: string,
  version: number,
  sealed: string,
): string | undefined {
  if (!sealed.startsWith(VERSION_PREFIX)) return undefined;
  try {
    const raw = Buffer.from(sealed.slice(VERSION_PREFIX.length), 'base64url');
    if (raw.length < 12 + 16) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', kek, raw.subarray(0, 12));
    decipher.setAAD(aad(purpose, version));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    return undefined;
  }
}
