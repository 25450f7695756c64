/**
 * `npm run verify-token -- <token-or-file> --jwks <file-or-url> [--issuer <iss>] [--audience <aud>]`
 * (decision 0013 §2): verifies a stored transaction token, offline against a saved JWKS (or a
 * JWKS URL), and prints its claims as JSON. Checks, each named when it fails:
 * - the JWS signature, by the header's `kid` among every key of the JWKS (RS256 or ES256);
 * - `iss` and `aud` when given; `typ: "JWT"`;
 * - `transaction_actions` holds `mitid.transaction_signing`, `spec_ver` is "0.9";
 * - `mitid.transaction_text_sha256` is the SHA-256 of `mitid.transaction_text`.
 * No expiry is checked: the token is a record, verified long after (it has no `exp`).
 * Exit 0: valid (the claims on stdout); 1: not valid (what failed on stderr); 2: bad usage.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors,
  type JSONWebKeySet,
  type JWTPayload,
  jwtVerify,
} from 'jose';

const USAGE =
  'usage: npm run verify-token -- <token-or-file> --jwks <file-or-url> [--issuer <iss>] [--audience <aud>]';

export type Verified = { ok: true; claims: JWTPayload } | { ok: false; problem: string };

/** Why a token is not valid, in words (jose's error codes named). */
function problemOf(err: unknown): string {
  if (err instanceof errors.JWSSignatureVerificationFailed)
    return 'signature: does not verify with the key of its kid';
  if (err instanceof errors.JWKSNoMatchingKey)
    return "signature: no key in the JWKS has the token's kid and algorithm";
  if (err instanceof errors.JWTClaimValidationFailed)
    return `claim ${err.claim}: ${err.reason === 'check_failed' ? 'not the expected value' : err.message}`;
  if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid)
    return `not a signed JWT: ${err.message}`;
  if (err instanceof errors.JOSEAlgNotAllowed) return `algorithm: ${err.message}`;
  if (err instanceof errors.JOSEError) return `${err.code}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}

/** Verifies one token against a key set; the transaction's own claims after the signature. */
export async function verifyTransactionToken(
  token: string,
  jwks: Parameters<typeof jwtVerify>[1],
  opts: { issuer?: string; audience?: string } = {},
): Promise<Verified> {
  try {
    const header = decodeProtectedHeader(token);
    if (header.typ !== 'JWT') return { ok: false, problem: `header typ: ${String(header.typ)}, not JWT` };
    if (typeof header.kid !== 'string') return { ok: false, problem: 'header kid: missing' };
    const { payload } = await jwtVerify(token, jwks as never, {
      algorithms: ['RS256', 'ES256'],
      ...(opts.issuer ? { issuer: opts.issuer } : {}),
      ...(opts.audience ? { audience: opts.audience } : {}),
    });
    const actions = payload.transaction_actions;
    if (!Array.isArray(actions) || !actions.includes('mitid.transaction_signing')) {
      return { ok: false, problem: 'claim transaction_actions: no mitid.transaction_signing' };
    }
    if (payload.spec_ver !== '0.9')
      return { ok: false, problem: `claim spec_ver: ${String(payload.spec_ver)}, not 0.9` };
    const text = payload['mitid.transaction_text'];
    if (typeof text !== 'string') return { ok: false, problem: 'claim mitid.transaction_text: missing' };
    const digest = createHash('sha256').update(text, 'utf8').digest('hex');
    if (payload['mitid.transaction_text_sha256'] !== digest) {
      return {
        ok: false,
        problem: 'claim mitid.transaction_text_sha256: not the SHA-256 of mitid.transaction_text',
      };
    }
    return { ok: true, claims: payload };
  } catch (err) {
    return { ok: false, problem: problemOf(err) };
  }
}

/** A file's text when the argument names one, else the argument itself. */
const fileOrValue = (v: string): string => (existsSync(v) ? readFileSync(v, 'utf8').trim() : v.trim());

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<
    typeof parseArgs<{
      options: { jwks: { type: 'string' }; issuer: { type: 'string' }; audience: { type: 'string' } };
      allowPositionals: true;
    }>
  >;
  try {
    parsed = parseArgs({
      args: argv,
      options: { jwks: { type: 'string' }, issuer: { type: 'string' }, audience: { type: 'string' } },
      allowPositionals: true,
    });
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1 || !values.jwks) {
    console.error(USAGE);
    return 2;
  }
  const token = fileOrValue(positionals[0] as string);
  let jwks: Parameters<typeof jwtVerify>[1];
  if (/^https?:\/\//.test(values.jwks)) {
    jwks = createRemoteJWKSet(new URL(values.jwks));
  } else {
    if (!existsSync(values.jwks)) {
      console.error(`--jwks ${values.jwks}: no such file\n${USAGE}`);
      return 2;
    }
    let set: JSONWebKeySet;
    try {
      set = JSON.parse(readFileSync(values.jwks, 'utf8')) as JSONWebKeySet;
      if (!Array.isArray(set.keys)) throw new Error('no "keys" array');
    } catch (err) {
      console.error(`--jwks ${values.jwks}: not a JWKS (${(err as Error).message})`);
      return 2;
    }
    jwks = createLocalJWKSet(set);
  }
  const result = await verifyTransactionToken(token, jwks, {
    ...(values.issuer ? { issuer: values.issuer } : {}),
    ...(values.audience ? { audience: values.audience } : {}),
  });
  if (!result.ok) {
    console.error(`not valid: ${result.problem}`);
    return 1;
  }
  console.log(JSON.stringify(result.claims, null, 2));
  return 0;
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
