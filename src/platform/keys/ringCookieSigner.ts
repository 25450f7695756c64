/**
 * A cookie signer for @fastify/cookie (its `secret` option takes any { sign, unsign }) backed by
 * a key ring: it signs with the ring's current key and verifies with every key the ring accepts,
 * so a key rotation logs nobody out. The signature format is @fastify/cookie's own (HMAC-SHA-256).
 */
import { Signer, type UnsignResult } from '@fastify/cookie';
import type { KeyRing } from './KeyRing.ts';

/** The { sign, unsign } pair @fastify/cookie accepts as its secret. */
export interface CookieSigner {
  sign(value: string): string;
  unsign(signed: string): UnsignResult;
  /** The keys it accepts, the signing one first (oidc-provider signs its own cookies with them). */
  keys?(): string[];
}

/** What signs a service's cookies: one fixed key (tests) or a ring's signer. */
export type CookieKey = string | CookieSigner;

export function ringCookieSigner(ring: KeyRing): CookieSigner {
  let cached: { keys: string; signer: Signer } | undefined;
  const signer = (): Signer => {
    const secrets = ring.accepted().map((v) => v.secret);
    const keys = secrets.join('\n');
    if (cached?.keys !== keys) cached = { keys, signer: new Signer(secrets) };
    return cached.signer;
  };
  return {
    sign: (value) => signer().sign(value),
    unsign: (signed) => signer().unsign(signed),
    keys: () => ring.accepted().map((v) => v.secret),
  };
}
