/**
 * The device's public key as the finish step receives it. Rules: a JSON object with kty "EC",
 * crv "P-256", x and y of 32 bytes each (base64url), a point on the curve (node:crypto imports
 * it), and no private part (`d`). Only kty, crv, x and y are kept.
 */
import { createPublicKey } from 'node:crypto';
import { isBase64url } from './base64url.ts';

export interface PublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

export function parsePublicJwk(value: unknown): PublicJwk | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const jwk = value as Record<string, unknown>;
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || 'd' in jwk) return undefined;
  const { x, y } = jwk;
  if (!isBase64url(x, 43) || !isBase64url(y, 43)) return undefined;
  if (Buffer.from(x, 'base64url').length !== 32 || Buffer.from(y, 'base64url').length !== 32)
    return undefined;
  const key: PublicJwk = { kty: 'EC', crv: 'P-256', x, y };
  try {
    createPublicKey({ key: { ...key }, format: 'jwk' });
  } catch {
    return undefined;
  }
  return key;
}
