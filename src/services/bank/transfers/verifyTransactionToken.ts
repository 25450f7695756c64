/**
 * The bank's check of MitID's transaction token (decision 0013 §2) before it books anything: the
 * verifier is pure, the keys and what is expected come in, storage stays with the caller.
 *
 * Rules, in this order, the first broken one answered by its code:
 * - `signature`: a compact JWS (`typ: JWT`, RS256 or ES256) that verifies against the provider's
 *   JWKS (the key named by `kid`);
 * - `issuer`, `audience`: `iss` is the provider's issuer, `aud` this client;
 * - `transaction_actions`: includes `mitid.transaction_signing`;
 * - `authorization_details`: deep-equal to the stored transfer's (key order aside);
 * - `text`: `mitid.transaction_text_sha256` is the SHA-256 (lowercase hex) of the bank's own
 *   rendering, and `mitid.transaction_text`, when present, is that rendering;
 * - `level`: `loa` is NSIS Substantial or High;
 * - `subject`: `sub` is the subject of the customer's MitID login in this bank session;
 * - `jti`: a `jti` is present and was never booked before (`isJtiUsed`; bookings.jti is unique too).
 */
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { type JWTPayload, type JWTVerifyGetKey, errors as joseErrors, jwtVerify } from 'jose';

export type TransactionTokenProblem =
  | 'signature'
  | 'issuer'
  | 'audience'
  | 'transaction_actions'
  | 'authorization_details'
  | 'text'
  | 'level'
  | 'subject'
  | 'jti';

export interface ExpectedApproval {
  issuer: string;
  audience: string;
  authorizationDetails: unknown;
  /** The bank's own rendering of the details (the text the person was to approve). */
  text: string;
  /** The `sub` of the MitID login of the bank session. */
  sub: string;
  isJtiUsed: (jti: string) => Promise<boolean>;
}

export interface VerifiedApproval {
  jti: string;
  loa: 'substantial' | 'high';
  /** auth_time (epoch ms), or iat when absent. */
  approvedAt: number;
  claims: JWTPayload;
}

export type TransactionTokenResult =
  | { ok: true; value: VerifiedApproval }
  | { ok: false; problem: TransactionTokenProblem; detail?: string };

const NSIS = 'https://data.gov.dk/concept/core/nsis/';
const LEVELS: Record<string, 'substantial' | 'high'> = {
  [`${NSIS}Substantial`]: 'substantial',
  [`${NSIS}High`]: 'high',
};

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export async function verifyTransactionToken(
  token: unknown,
  keys: JWTVerifyGetKey,
  expected: ExpectedApproval,
): Promise<TransactionTokenResult> {
  const refuse = (problem: TransactionTokenProblem, detail?: string): TransactionTokenResult => ({
    ok: false,
    problem,
    ...(detail !== undefined ? { detail } : {}),
  });
  if (typeof token !== 'string' || token.length > 20_000) return refuse('signature', 'not a compact JWS');
  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(token, keys, { algorithms: ['RS256', 'ES256'], typ: 'JWT' }));
  } catch (err) {
    return refuse('signature', err instanceof joseErrors.JOSEError ? err.code : 'invalid');
  }
  if (claims.iss !== expected.issuer) return refuse('issuer', String(claims.iss));
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!aud.includes(expected.audience) || aud.length !== 1) return refuse('audience', String(claims.aud));
  const actions = claims.transaction_actions;
  const actionList = Array.isArray(actions) ? actions : [actions];
  if (!actionList.includes('mitid.transaction_signing')) return refuse('transaction_actions');
  if (!isDeepStrictEqual(claims.authorization_details, expected.authorizationDetails)) {
    return refuse('authorization_details');
  }
  if (claims['mitid.transaction_text_sha256'] !== sha256Hex(expected.text)) return refuse('text', 'sha256');
  const shown = claims['mitid.transaction_text'];
  if (shown !== undefined && shown !== expected.text) return refuse('text', 'transaction_text');
  const loa = LEVELS[String(claims.loa)];
  if (!loa) return refuse('level', String(claims.loa));
  if (typeof claims.sub !== 'string' || claims.sub !== expected.sub) return refuse('subject');
  const jti = claims.jti;
  if (typeof jti !== 'string' || jti === '' || jti.length > 200) return refuse('jti', 'missing');
  if (await expected.isJtiUsed(jti)) return refuse('jti', 'used');
  const seconds = typeof claims.auth_time === 'number' ? claims.auth_time : (claims.iat ?? 0);
  return { ok: true, value: { jti, loa, approvedAt: seconds * 1000, claims } };
}
