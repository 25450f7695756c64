import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ageAt, decodeReferenceText, Refused } from './common.ts';
import { CLAIMS_BY_SCOPE, DIALECTS, dialectOf } from './index.ts';

const refusal = (value: unknown): string => {
  try {
    decodeReferenceText(value, 'text');
  } catch (e) {
    if (e instanceof Refused) return e.refusal.description;
    throw e;
  }
  assert.fail(`${String(value)} was accepted`);
};

describe('decodeReferenceText', () => {
  test('both alphabets, padded or not', () => {
    // "ÿþ?" is 0xC3 0xBF 0xC3 0xBE 0x3F: "w7/Dvj8=" in standard base64, "w7_Dvj8" url-safe.
    for (const v of ['w7/Dvj8=', 'w7/Dvj8', 'w7_Dvj8=', 'w7_Dvj8'])
      assert.equal(decodeReferenceText(v, 'text'), 'ÿþ?');
  });

  test('what no base64 encoder makes is refused', () => {
    for (const v of ['w7/Dvj_8', 'QUJ', 'Q===', 'QUJDRA=', 'QUJDRA===', 'QU JD', 'QUJDRB==', 'QUJDRE==']) {
      assert.match(refusal(v), /text is not valid base64/, v);
    }
    assert.equal(decodeReferenceText('QUJDRA==', 'text'), 'ABCD');
  });

  test('the decoded text is checked as a person reads it', () => {
    assert.match(refusal(Buffer.from([0xc3]).toString('base64')), /not UTF-8/);
    assert.match(refusal(Buffer.from('\u0007bell').toString('base64')), /control character \(U\+0007\)/);
    // Combining marks count once after NFC: 130 "å" written as a + U+030A pass.
    assert.equal(
      decodeReferenceText(Buffer.from('a\u030a'.repeat(130)).toString('base64'), 'text'),
      'å'.repeat(130),
    );
    assert.equal(decodeReferenceText(Buffer.from('  Log på  ').toString('base64'), 'text'), 'Log på');
  });
});

describe('ageAt', () => {
  const at = (iso: string): number => Date.parse(iso) / 1000;
  test('a birthday starts at midnight in Copenhagen, winter and summer', () => {
    assert.equal(ageAt('2000-01-10', at('2026-01-09T22:59:59Z')), 25);
    assert.equal(ageAt('2000-01-10', at('2026-01-09T23:00:00Z')), 26);
    assert.equal(ageAt('2000-07-10', at('2026-07-09T21:59:59Z')), 25);
    assert.equal(ageAt('2000-07-10', at('2026-07-09T22:00:00Z')), 26);
  });
  test('29 February: a year older on 1 March in other years, on the day in leap years', () => {
    assert.equal(ageAt('2004-02-29', at('2027-02-28T12:00:00Z')), 22);
    assert.equal(ageAt('2004-02-29', at('2027-03-01T12:00:00Z')), 23);
    assert.equal(ageAt('2004-02-29', at('2028-02-29T12:00:00Z')), 24);
    assert.equal(ageAt('2004-02-29', at('2028-02-28T12:00:00Z')), 23);
  });
  test('a date that is not YYYY-MM-DD is a programming error', () => {
    assert.throws(() => ageAt('15-06-1990', 0), /not YYYY-MM-DD/);
  });
});

describe('CLAIMS_BY_SCOPE names exactly what claims() gives for the granted scopes', () => {
  const person = {
    uuid: 'u',
    name: 'N',
    dateOfBirth: '1990-01-01',
    cpr: '0101901234',
    identityType: 'private' as const,
  };
  const login = {
    authenticationId: 'a',
    authTime: 1,
    loa: 'low' as const,
    ial: 'low' as const,
    aal: 'low' as const,
    amr: ['password' as const],
    sessionId: 's',
    sessionExpiry: 2,
  };
  for (const name of DIALECTS) {
    test(name, () => {
      const dialect = dialectOf(name);
      const byScope = CLAIMS_BY_SCOPE[name];
      assert.deepEqual(Object.keys(byScope).sort(), [...dialect.scopes].sort());
      for (const scopes of [['openid'], [...dialect.scopes]]) {
        const named = new Set(scopes.flatMap((s) => byScope[s] ?? []));
        for (const use of ['id_token', 'userinfo'] as const) {
          const given = Object.keys(dialect.claims(use, new Set(scopes), person, login, 0));
          for (const claim of given)
            assert.ok(named.has(claim), `${name} ${use} ${claim} is named by no scope`);
        }
        const userinfo = new Set(Object.keys(dialect.claims('userinfo', new Set(scopes), person, login, 0)));
        for (const claim of named)
          if (claim !== 'sub') assert.ok(userinfo.has(claim), `${name} ${claim} never given`);
      }
    });
  }
});
