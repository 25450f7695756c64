/**
 * The OpenID Connect provider's signing keys (key-store purpose `oidc-signing`): one version is a
 * JSON object `{ "keys": [<RS256 private JWK>, <ES256 private JWK>] }`, RSA 2048 bits and P-256,
 * each with `alg`, `use: "sig"` and a random `kid`. RS256 is the OpenID default every client
 * accepts; ES256 is for the clients that ask for it. A rotation makes a new version: the JWKS
 * lists the public halves of every version the ring accepts, the current one signs.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';

export type SigningJwk = Record<string, unknown> & { kty: string; kid: string; alg: 'RS256' | 'ES256' };

/** A new version's secret: two fresh private keys, as JSON. */
export function newOidcSigningKey(): string {
  const kid = (alg: string): string => `${alg.toLowerCase()}-${randomBytes(12).toString('base64url')}`;
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  return JSON.stringify({
    keys: [
      { ...rsa, alg: 'RS256', use: 'sig', kid: kid('RS256') },
      { ...ec, alg: 'ES256', use: 'sig', kid: kid('ES256') },
    ],
  });
}

/** The private JWKs of one version; throws on a version that is not such a JSON object. */
export function oidcSigningJwks(secret: string): SigningJwk[] {
  const parsed = JSON.parse(secret) as { keys?: unknown };
  const keys = Array.isArray(parsed.keys) ? parsed.keys : [];
  const ok = keys.filter(
    (k): k is SigningJwk =>
      !!k &&
      typeof k === 'object' &&
      typeof (k as SigningJwk).kid === 'string' &&
      ((k as SigningJwk).alg === 'RS256' || (k as SigningJwk).alg === 'ES256'),
  );
  if (ok.length === 0) throw new Error('An oidc-signing key version holds no RS256 or ES256 key');
  return ok;
}
