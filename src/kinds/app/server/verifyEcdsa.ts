/**
 * ECDSA P-256 with SHA-256 over a UTF-8 string, the signature in IEEE P1363 form (r‖s, 64
 * bytes) as WebCrypto makes it. False for anything that does not verify, never a throw.
 * The imported keys are kept (bounded, least recently used dropped first), keyed by the key's
 * own coordinates: a device signs every request, and importing its JWK each time was a good part
 * of checking the signature. A key can never be found under another key's coordinates.
 * The signature is turned into DER here and the KeyObject passed bare: node:crypto's verify with
 * `{ key, dsaEncoding: 'ieee-p1363' }` cost about 1.7 times as much CPU as with the same key and a
 * DER signature (measured with `npm run bench -- parts`; decision 0009). The two accept exactly the
 * same signatures: OpenSSL reads r and s from either, and refuses r or s of 0 or not below n.
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

/** One DER INTEGER of a 32-byte unsigned big-endian value: no leading zeros, 0x00 before a high bit. */
function derInteger(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const pad = ((bytes[start] as number) & 0x80) !== 0 ? 1 : 0;
  const out = Buffer.alloc(2 + pad + bytes.length - start);
  out[0] = 0x02;
  out[1] = pad + bytes.length - start;
  bytes.copy(out, 2 + pad, start);
  return out;
}

/** An IEEE P1363 signature (r‖s, 32 bytes each) as DER: SEQUENCE { INTEGER r, INTEGER s }. */
export function p1363ToDer(signature: Buffer): Buffer {
  if (signature.length !== 64) throw new RangeError('a P-256 signature in P1363 form has 64 bytes');
  const r = derInteger(signature.subarray(0, 32));
  const s = derInteger(signature.subarray(32));
  // At most 2 × 35 bytes: the length fits one byte.
  return Buffer.concat([Buffer.from([0x30, r.length + s.length]), r, s]);
}

export function verifyEcdsa(publicJwk: PublicJwk, message: string, signatureB64u: string): boolean {
  try {
    const signature = Buffer.from(signatureB64u, 'base64url');
    if (signature.length !== 64) return false;
    return verify('sha256', Buffer.from(message, 'utf8'), keys.import(publicJwk), p1363ToDer(signature));
  } catch {
    return false;
  }
}
