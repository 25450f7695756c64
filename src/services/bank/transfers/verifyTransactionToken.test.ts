/**
 * The verifier's every refusal, with tokens signed here by jose (MitID's own token is tested end
 * to end in test/browser/bank-transfer.test.ts): each test changes one thing of a good token.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { createLocalJWKSet, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { paymentDetails, transferText } from './paymentDetails.ts';
import { type ExpectedApproval, sha256Hex, verifyTransactionToken } from './verifyTransactionToken.ts';

const ISSUER = 'http://localhost:3000/op';
const details = paymentDetails({
  amountOre: 125_000,
  debtor: { regNo: '9999', accountNo: '0012345678' },
  creditor: { regNo: '9999', accountNo: '0087654321' },
  message: 'Husleje december',
});
const text = transferText(details, 'da');
const SUB = '8f1c2a4e-3b5d-8c7e-9f01-23456789abcd';

const rs = await generateKeyPair('RS256');
const es = await generateKeyPair('ES256');
const stranger = await generateKeyPair('RS256');
const jwks = createLocalJWKSet({
  keys: [
    { ...(await exportJWK(rs.publicKey)), kid: 'rs-1', alg: 'RS256', use: 'sig' },
    { ...(await exportJWK(es.publicKey)), kid: 'es-1', alg: 'ES256', use: 'sig' },
  ],
});

const goodClaims = (): JWTPayload => ({
  iss: ISSUER,
  aud: 'minbank',
  iat: 1_760_000_000,
  jti: randomUUID(),
  sub: SUB,
  spec_ver: '0.9',
  transaction_actions: ['mitid.transaction_signing'],
  'mitid.transaction_id': randomUUID(),
  'mitid.transaction_text': text,
  'mitid.transaction_text_sha256': sha256Hex(text),
  'mitid.transaction_text_type': 'text',
  action: 'APPROVE',
  acr: 'https://data.gov.dk/concept/core/nsis/Substantial',
  loa: 'https://data.gov.dk/concept/core/nsis/Substantial',
  amr: 'code_app',
  auth_time: 1_759_999_990,
  authorization_details: JSON.parse(JSON.stringify(details)),
});

async function sign(
  claims: JWTPayload,
  opts: { key?: CryptoKey; alg?: string; kid?: string; typ?: string } = {},
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: opts.alg ?? 'RS256', kid: opts.kid ?? 'rs-1', typ: opts.typ ?? 'JWT' })
    .sign(opts.key ?? rs.privateKey);
}

const expected = (over: Partial<ExpectedApproval> = {}): ExpectedApproval => ({
  issuer: ISSUER,
  audience: 'minbank',
  authorizationDetails: JSON.parse(JSON.stringify(details)),
  text,
  sub: SUB,
  isJtiUsed: async () => false,
  ...over,
});

describe('verifyTransactionToken', () => {
  test('a good token: its jti, level and approval time', async () => {
    const claims = goodClaims();
    const r = await verifyTransactionToken(await sign(claims), jwks, expected());
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.jti, claims.jti);
    assert.equal(r.value.loa, 'substantial');
    assert.equal(r.value.approvedAt, 1_759_999_990_000);
  });

  test('ES256, level High, details in another key order, a single transaction_actions string: good', async () => {
    const [d] = details;
    assert.ok(d);
    const reordered = [
      {
        remittanceInformationUnstructured: d.remittanceInformationUnstructured,
        creditorAccount: { accountNo: d.creditorAccount.accountNo, regNo: d.creditorAccount.regNo },
        debtorAccount: d.debtorAccount,
        instructedAmount: { amount: d.instructedAmount.amount, currency: 'DKK' },
        type: d.type,
      },
    ];
    const token = await sign(
      {
        ...goodClaims(),
        loa: 'https://data.gov.dk/concept/core/nsis/High',
        transaction_actions: 'mitid.transaction_signing',
        authorization_details: reordered,
      },
      { key: es.privateKey, alg: 'ES256', kid: 'es-1' },
    );
    const r = await verifyTransactionToken(token, jwks, expected());
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.loa, 'high');
  });

  const refusals: [string, () => Promise<unknown>, string, Partial<ExpectedApproval>?][] = [
    ['not a string', async () => 42, 'signature'],
    ['not a JWS', async () => 'a.b.c', 'signature'],
    [
      'signed by another key under a known kid',
      () => sign(goodClaims(), { key: stranger.privateKey }),
      'signature',
    ],
    ['an unknown kid', () => sign(goodClaims(), { kid: 'nope' }), 'signature'],
    ['a typ other than JWT', () => sign(goodClaims(), { typ: 'logout+jwt' }), 'signature'],
    [
      'alg none',
      async () =>
        `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(goodClaims())).toString('base64url')}.`,
      'signature',
    ],
    [
      'a changed payload',
      async () => {
        const [h, , s] = (await sign(goodClaims())).split('.');
        const p = Buffer.from(JSON.stringify({ ...goodClaims(), sub: 'x' })).toString('base64url');
        return `${h}.${p}.${s}`;
      },
      'signature',
    ],
    ['another issuer', () => sign({ ...goodClaims(), iss: 'http://localhost:3000/idura' }), 'issuer'],
    ['another audience', () => sign({ ...goodClaims(), aud: 'borger' }), 'audience'],
    [
      'an audience list with another client too',
      () => sign({ ...goodClaims(), aud: ['minbank', 'borger'] }),
      'audience',
    ],
    [
      'no transaction_actions',
      () => sign({ ...goodClaims(), transaction_actions: undefined }),
      'transaction_actions',
    ],
    [
      'a login, not a signing',
      () => sign({ ...goodClaims(), transaction_actions: ['mitid.login'] }),
      'transaction_actions',
    ],
    [
      'another amount in the details',
      () => {
        const c = goodClaims();
        const [d] = c.authorization_details as { instructedAmount: { amount: string } }[];
        if (d) d.instructedAmount.amount = '9250.00';
        return sign(c);
      },
      'authorization_details',
    ],
    [
      'an extra member in the details',
      () => {
        const c = goodClaims();
        const [d] = c.authorization_details as Record<string, unknown>[];
        if (d) d.ultimateCreditor = 'Mallory';
        return sign(c);
      },
      'authorization_details',
    ],
    [
      'no details',
      () => sign({ ...goodClaims(), authorization_details: undefined }),
      'authorization_details',
    ],
    [
      'the stored transfer differs',
      () => sign(goodClaims()),
      'authorization_details',
      { authorizationDetails: [] },
    ],
    [
      "a text digest not of the bank's rendering",
      () => sign({ ...goodClaims(), 'mitid.transaction_text_sha256': sha256Hex(`${text} `) }),
      'text',
    ],
    [
      'an uppercase digest',
      () => sign({ ...goodClaims(), 'mitid.transaction_text_sha256': sha256Hex(text).toUpperCase() }),
      'text',
    ],
    [
      'another shown text',
      () => sign({ ...goodClaims(), 'mitid.transaction_text': 'Overfør 1,00 kr.' }),
      'text',
    ],
    [
      'the English text when the bank rendered Danish',
      () => sign(goodClaims()),
      'text',
      { text: transferText(details, 'en') },
    ],
    ['level Low', () => sign({ ...goodClaims(), loa: 'https://data.gov.dk/concept/core/nsis/Low' }), 'level'],
    [
      'the /loa/ form of the URI',
      () => sign({ ...goodClaims(), loa: 'https://data.gov.dk/concept/core/nsis/loa/Substantial' }),
      'level',
    ],
    ['no loa', () => sign({ ...goodClaims(), loa: undefined }), 'level'],
    ['another person', () => sign({ ...goodClaims(), sub: randomUUID() }), 'subject'],
    ['no jti', () => sign({ ...goodClaims(), jti: undefined }), 'jti'],
    ['a jti already booked', () => sign(goodClaims()), 'jti', { isJtiUsed: async () => true }],
  ];
  for (const [name, token, problem, over] of refusals) {
    test(`refused: ${name} (${problem})`, async () => {
      const r = await verifyTransactionToken(await token(), jwks, expected(over));
      assert.equal(r.ok, false, JSON.stringify(r));
      assert.equal(!r.ok && r.problem, problem, JSON.stringify(r));
    });
  }

  test('the jti is asked about only once every other check passed', async () => {
    const asked: string[] = [];
    const isJtiUsed = async (jti: string) => {
      asked.push(jti);
      return false;
    };
    await verifyTransactionToken(
      await sign({ ...goodClaims(), sub: 'other' }),
      jwks,
      expected({ isJtiUsed }),
    );
    assert.deepEqual(asked, []);
    const claims = goodClaims();
    await verifyTransactionToken(await sign(claims), jwks, expected({ isJtiUsed }));
    assert.deepEqual(asked, [claims.jti]);
  });
});
