/**
 * `npm run verify-token` as a person runs it: a child process, a saved JWKS file (offline), a
 * token as an argument or in a file. Each check fails on its own with its name and exit 1; bad
 * usage is exit 2.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

const cli = fileURLToPath(new URL('./verifyTransactionToken.ts', import.meta.url));
const ISS = 'http://localhost:3000/op';
const TEXT = 'Overfør 1.250,00 kr. til 9999 0087654321';

function run(args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', cli, ...args], {
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run verify-token', () => {
  let dir: string;
  let jwksFile: string;
  let rsa: CryptoKey;
  let ec: CryptoKey;
  let stranger: CryptoKey;
  const claims = (over: Record<string, unknown> = {}) => ({
    iss: ISS,
    aud: 'minbank',
    sub: '6f1c1b5e-0000-8000-8000-000000000000',
    iat: 1_780_000_000,
    jti: '0b7e3f5e-4d0a-4c1e-9d55-0f4f2c3b2a10',
    spec_ver: '0.9',
    transaction_actions: ['mitid.transaction_signing'],
    'mitid.transaction_text': TEXT,
    'mitid.transaction_text_sha256': createHash('sha256').update(TEXT).digest('hex'),
    'mitid.transaction_text_type': 'text',
    ...over,
  });
  const sign = (key: CryptoKey, kid: string, alg = 'RS256', over = {}, typ = 'JWT') =>
    new SignJWT(claims(over)).setProtectedHeader({ alg, kid, typ }).sign(key);

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mitid-verify-token-'));
    const r = await generateKeyPair('RS256', { extractable: true });
    const e = await generateKeyPair('ES256', { extractable: true });
    const s = await generateKeyPair('RS256', { extractable: true });
    rsa = r.privateKey;
    ec = e.privateKey;
    stranger = s.privateKey;
    const pub = async (k: CryptoKey, kid: string, alg: string): Promise<JWK> => ({
      ...(await exportJWK(k)),
      kid,
      alg,
      use: 'sig',
    });
    // An older version's keys after the current one's: every key of the set is tried by kid.
    const keys = [await pub(e.publicKey, 'es-now', 'ES256'), await pub(r.publicKey, 'rs-old', 'RS256')];
    jwksFile = path.join(dir, 'jwks.json');
    writeFileSync(jwksFile, JSON.stringify({ keys }));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a valid token: its claims as JSON, exit 0, by any key of the set (argument or file)', async () => {
    const token = await sign(rsa, 'rs-old');
    const r = run([token, '--jwks', jwksFile, '--issuer', ISS, '--audience', 'minbank']);
    assert.equal(r.code, 0, r.err);
    assert.equal(JSON.parse(r.out)['mitid.transaction_text'], TEXT);
    const file = path.join(dir, 'token.jwt');
    writeFileSync(file, `${await sign(ec, 'es-now', 'ES256')}\n`);
    const f = run([file, '--jwks', jwksFile]);
    assert.equal(f.code, 0, f.err);
    assert.equal(JSON.parse(f.out).aud, 'minbank');
  });

  test('each failure is named, exit 1', async () => {
    const cases: [string, string[], RegExp][] = [
      [await sign(stranger, 'rs-old'), [], /signature: does not verify/],
      [await sign(stranger, 'unknown-kid'), [], /no key in the JWKS has the token's kid/],
      [await sign(rsa, 'rs-old'), ['--issuer', 'http://other/op'], /claim iss/],
      [await sign(rsa, 'rs-old'), ['--audience', 'borger'], /claim aud/],
      [
        await sign(rsa, 'rs-old', 'RS256', { 'mitid.transaction_text': `${TEXT}0` }),
        [],
        /transaction_text_sha256/,
      ],
      [
        await sign(rsa, 'rs-old', 'RS256', { transaction_actions: ['mitid.login'] }),
        [],
        /transaction_actions/,
      ],
      [await sign(rsa, 'rs-old', 'RS256', { spec_ver: '1.0' }), [], /spec_ver/],
      [await sign(rsa, 'rs-old', 'RS256', {}, 'at+jwt'), [], /header typ/],
      ['not-a-token', [], /not a signed JWT|Invalid/],
    ];
    for (const [token, extra, expected] of cases) {
      const r = run([token, '--jwks', jwksFile, ...extra]);
      assert.equal(r.code, 1, `${expected}: ${r.out}${r.err}`);
      assert.match(r.err, expected);
      assert.equal(r.out, '', 'no claims are printed for an invalid token');
    }
    // A signature made over other claims: one changed character of the payload.
    const [h, p, s] = (await sign(rsa, 'rs-old')).split('.');
    const payload = Buffer.from(p as string, 'base64url')
      .toString()
      .replace('minbank', 'minbanK');
    const tampered = `${h}.${Buffer.from(payload).toString('base64url')}.${s}`;
    const r = run([tampered, '--jwks', jwksFile]);
    assert.equal(r.code, 1);
    assert.match(r.err, /signature/);
  });

  test('bad usage: exit 2 with the usage', () => {
    for (const args of [
      [],
      ['token'],
      ['a', 'b', '--jwks', jwksFile],
      ['t', '--jwks', path.join(dir, 'none.json')],
      ['t', '--jwks', jwksFile, '--nope'],
    ]) {
      const r = run(args);
      assert.equal(r.code, 2, JSON.stringify(args));
      assert.match(r.err, /usage: npm run verify-token|no such file/);
    }
    const notJwks = path.join(dir, 'not.json');
    writeFileSync(notJwks, '{"kty":"RSA"}');
    const r = run(['t', '--jwks', notJwks]);
    assert.equal(r.code, 2);
    assert.match(r.err, /not a JWKS/);
  });
});
