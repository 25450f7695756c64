/**
 * The cryptography of a PSKC file with a pre-shared transport key (RFC 6030 §6.1): AES-128-CBC
 * with the IV prepended to the cipher value (xmlenc), PKCS#7 padding, and a MAC over each
 * EncryptedValue's cipher value (IV included) with a MAC key that is itself encrypted under the
 * transport key. HMAC-SHA1 and HMAC-SHA256 (RFC 6030 §6.1.1).
 */
import { createCipheriv, createDecipheriv, createHmac, timingSafeEqual } from 'node:crypto';

export const AES128_CBC = 'http://www.w3.org/2001/04/xmlenc#aes128-cbc';
export const MAC_ALGORITHMS = {
  'http://www.w3.org/2000/09/xmldsig#hmac-sha1': 'sha1',
  'http://www.w3.org/2001/04/xmldsig-more#hmac-sha256': 'sha256',
} as const;
export type MacUri = keyof typeof MAC_ALGORITHMS;
export const isMacUri = (uri: string): uri is MacUri => Object.hasOwn(MAC_ALGORITHMS, uri);

/** IV ‖ AES-128-CBC(key, iv, plain): the xenc CipherValue's bytes. */
export function encryptValue(key: Buffer, iv: Buffer, plain: Buffer): Buffer {
  const cipher = createCipheriv('aes-128-cbc', key, iv);
  return Buffer.concat([iv, cipher.update(plain), cipher.final()]);
}

/** The plain value of IV ‖ ciphertext, or undefined (wrong key: bad padding; bad length). */
export function decryptValue(key: Buffer, value: Buffer): Buffer | undefined {
  if (value.length < 32 || value.length % 16 !== 0) return undefined;
  try {
    const decipher = createDecipheriv('aes-128-cbc', key, value.subarray(0, 16));
    return Buffer.concat([decipher.update(value.subarray(16)), decipher.final()]);
  } catch {
    return undefined;
  }
}

export const valueMac = (uri: MacUri, macKey: Buffer, cipherValue: Buffer): Buffer =>
  createHmac(MAC_ALGORITHMS[uri], macKey).update(cipherValue).digest();

export function macMatches(uri: MacUri, macKey: Buffer, cipherValue: Buffer, mac: Buffer): boolean {
  const expected = valueMac(uri, macKey, cipherValue);
  return expected.length === mac.length && timingSafeEqual(expected, mac);
}

/** A transport key as its file holds it: 32 hex digits (AES-128). */
export function parseTransportKey(text: string): Buffer | undefined {
  const hex = text.trim();
  return /^[0-9a-fA-F]{32}$/.test(hex) ? Buffer.from(hex, 'hex') : undefined;
}
