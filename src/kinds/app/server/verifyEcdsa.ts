/**
 * ECDSA P-256 with SHA-256 over a UTF-8 string, the signature in IEEE P1363 form (r‖s, 64
 * bytes) as WebCrypto makes it. False for anything that does not verify, never a throw.
 * The imported keys are kept (bounded, least recently used dropped first), keyed by the key's
 * own coordinates: a device signs every request, and importing its JWK each time was a good part
 * of checking the signature. A key can never be found under another key's coordinates.
 */
import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import type { PublicJwk } from './parsePublicJwk.ts';

export const KEY_CACHE_SIZE = 10_000;

/** Imported public keys by their coordinates, at most `max`, the least recently used dropped. */
export class KeyCache {
  readonly #max: number;
  readonly #keys = new Map<string, KeyObject>();
  constructor(max: number) {
    this.#max = max;
  }
  get size(): number {
    return this.#keys.size;
  }
  has(jwk: PublicJwk): boolean {
    return this.#keys.has(`${jwk.crv}.${jwk.x}.${jwk.y}`);
  }
  import(jwk: PublicJwk): KeyObject {
    const id = `${jwk.crv}.${jwk.x}.${jwk.y}`;
    const hit = this.#keys.get(id);
    if (hit) {
      this.#keys.delete(id);
      this.#keys.set(id, hit);
      return hit;
    }
    const key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, format: 'jwk' });
    this.#keys.set(id, key);
    if (this.#keys.size > this.#max) {
      const oldest = this.#keys.keys().next().value;
      if (oldest !== undefined) this.#keys.delete(oldest);
    }
    return key;
  }
}

const keys = new KeyCache(KEY_CACHE_SIZE);

export function verifyEcdsa(publicJwk: PublicJwk, message: string, signatureB64u: string): boolean {
  try {
    const signature = Buffer.from(signatureB64u, 'base64url');
    if (signature.length !== 64) return false;
    return verify(
      'sha256',
      Buffer.from(message, 'utf8'),
      { key: keys.import(publicJwk), dsaEncoding: 'ieee-p1363' },
      signature,
    );
  } catch {
    return false;
  }
}
