import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DialectClient, LoginFacts, PersonFacts } from './Dialect.ts';
import { dialectOf, idura } from './index.ts';

const client: DialectClient = { id: 'borger', mayCpr: false, testClient: false };
const cprClient: DialectClient = { ...client, mayCpr: true };
const testClient: DialectClient = { ...client, testClient: true };
const off = { simulationEnabled: false };
const on = { simulationEnabled: true };
const UUID = '7d2c1e0a-3b4f-4c5d-9e8f-0a1b2c3d4e5f';
const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
const b64url = (s: string): string => Buffer.from(s, 'utf8').toString('base64url');

const parse = (params: Record<string, unknown>, c = client, settings = off) =>
  idura.parseRequest({ scope: 'openid', ...params }, c, settings);
const ok = (params: Record<string, unknown>, c = client, settings = off) => {
  const r = parse(params, c, settings);
  assert.ok(r.ok, r.ok ? '' : `refused: ${r.refusal.description}`);
  return r.request;
};
const refused = (params: Record<string, unknown>, c = client, settings = off) => {
  const r = parse(params, c, settings);
  assert.ok(!r.ok, 'expected a refusal');
  return r.refusal;
};

describe('idura: the request', () => {
  test('a bare request: substantial, log in, nothing else', () => {
    assert.deepEqual(ok({}), {
      level: 'substantial',
      action: 'login',
      referenceText: null,
      uuidHint: null,
      language: null,
      simulation: null,
    });
    assert.equal(dialectOf('idura'), idura);
  });

  test('acr_values: the three MitID levels; business and other eIDs refused', () => {
    for (const l of ['low', 'substantial', 'high'] as const) {
      assert.equal(ok({ acr_values: `urn:grn:authn:dk:mitid:${l}` }).level, l);
    }
    assert.equal(ok({ acr_values: 'urn:grn:authn:dk:mitid:high urn:grn:authn:dk:mitid:low' }).level, 'high');
    assert.deepEqual(refused({ acr_values: 'urn:grn:authn:dk:mitid:business' }), {
      error: 'invalid_request',
      description: 'MitID Erhverv (urn:grn:authn:dk:mitid:business) is not offered',
    });
    for (const bad of [
      'urn:grn:authn:dk:mitid:medium',
      'urn:grn:authn:se:bankid',
      'substantial',
      'urn:grn:authn:dk:mitid:',
    ]) {
      assert.match(refused({ acr_values: bad }).description, /is not offered/);
    }
    assert.match(
      refused({ acr_values: 'urn:grn:authn:dk:mitid:low urn:grn:authn:dk:mitid:business' }).description,
      /MitID Erhverv/,
    );
  });

  test('login_hint message: standard and url-safe base64, at most 130 characters before base64', () => {
    // "ÆØÅ?>" makes '+' and '/' in standard base64 and '-' and '_' in the url-safe alphabet.
    const text = 'Log på Borger ÆØÅ ?>?';
    assert.ok(b64(text).includes('/') || b64(text).includes('+'));
    assert.equal(ok({ login_hint: `message:${b64(text)}` }).referenceText, text);
    assert.equal(ok({ login_hint: `message:${b64url(text)}` }).referenceText, text);
    assert.equal(ok({ login_hint: `message:${b64('x'.repeat(130))}` }).referenceText, 'x'.repeat(130));
    assert.match(refused({ login_hint: `message:${b64('x'.repeat(131))}` }).description, /longer than 130/);
    assert.match(
      refused({ login_hint: 'message:@@@@' }).description,
      /login_hint message is not valid base64/,
    );
    assert.match(refused({ login_hint: 'message:QUJD=' }).description, /not valid base64/);
    assert.match(refused({ login_hint: 'message:' }).description, /is empty/);
    assert.match(refused({ login_hint: `message:${b64('a\u200bb')}` }).description, /formatting/);
    assert.match(
      refused({ login_hint: `message:${b64('a')} message:${b64('b')}` }).description,
      /more than once/,
    );
  });

  test('login_hint action: the five actions; others refused', () => {
    for (const a of ['login', 'approve', 'confirm', 'accept', 'sign'] as const) {
      assert.equal(ok({ login_hint: `action:${a}` }).action, a);
    }
    for (const bad of ['LOGIN', 'pay', '']) {
      assert.match(refused({ login_hint: `action:${bad}` }).description, /login_hint action must be one of/);
    }
  });

  test('login_hint uuid: a uuid; anything else refused', () => {
    assert.equal(ok({ login_hint: `uuid:${UUID}` }).uuidHint, UUID);
    assert.match(refused({ login_hint: 'uuid:1234' }).description, /login_hint uuid must be a uuid/);
  });

  test('login_hint: tokens together, unknown ones ignored, business refused, acr_values quirks mode', () => {
    const r = ok({
      login_hint: `sub:0101701234 action:sign  appswitch:ios message:${b64('Underskriv aftalen')} uuid:${UUID} business_optional`,
    });
    assert.deepEqual([r.action, r.referenceText, r.uuidHint], ['sign', 'Underskriv aftalen', UUID]);
    assert.match(refused({ login_hint: 'business' }).description, /MitID Erhverv/);
    assert.equal(ok({ login_hint: 'acr_values:urn:grn:authn:dk:mitid:high' }).level, 'high');
    assert.equal(
      ok({ acr_values: 'urn:grn:authn:dk:mitid:low', login_hint: 'acr_values:urn:grn:authn:dk:mitid:high' })
        .level,
      'low',
    );
    assert.match(
      refused({ login_hint: 'acr_values:urn:grn:authn:dk:mitid:business' }).description,
      /MitID Erhverv/,
    );
  });

  test('ui_locales: the first supported wins', () => {
    assert.equal(ok({ ui_locales: 'da' }).language, 'da');
    assert.equal(ok({ ui_locales: 'en-US' }).language, 'en');
    assert.equal(ok({ ui_locales: 'de-DE da-DK en' }).language, 'da');
    assert.equal(ok({ ui_locales: 'EN da' }).language, 'en');
    assert.equal(ok({ ui_locales: 'sv fi' }).language, null);
    assert.equal(ok({ language: 'en' }).language, null);
  });

  test('scopes: openid needed; ssn only for a client that may have the CPR; others ignored', () => {
    assert.ok(parse({ scope: 'openid ssn' }, cprClient).ok);
    assert.deepEqual(refused({ scope: 'openid ssn' }), {
      error: 'invalid_scope',
      description: 'The client may not request scope ssn',
    });
    assert.equal(refused({ scope: 'ssn' }, cprClient).error, 'invalid_scope');
    assert.ok(parse({ scope: 'openid address' }).ok);
  });

  test('simulation: as in the other dialect, test clients only, when enabled', () => {
    assert.deepEqual(ok({ simulation: `no-ui uuid:${UUID}` }, testClient, on).simulation, { uuid: UUID });
    assert.equal(
      refused({ simulation: `no-ui uuid:${UUID}` }, testClient, off).description,
      'Simulation is not enabled',
    );
    assert.equal(refused({ simulation: `no-ui uuid:${UUID}` }, client, on).error, 'unauthorized_client');
  });
});

const person: PersonFacts = {
  uuid: UUID,
  name: 'Ditlev Testesen',
  dateOfBirth: '2000-02-29',
  cpr: '2902001234',
  identityType: 'private',
};
const NOW = Date.UTC(2026, 1, 28, 12) / 1000; // 28 February 2026: not yet 26
const login: LoginFacts = {
  authenticationId: 'auth-2',
  authTime: NOW - 30,
  loa: 'high',
  ial: 'high',
  aal: 'high',
  amr: ['app', 'biometrics'],
  sessionId: 'sid-2',
  sessionExpiry: NOW + 3600,
};

describe('idura: the claims', () => {
  test('openid: the person and the level; the same in the ID token and at userinfo', () => {
    const expected = {
      identityscheme: 'dkmitid',
      authenticationtype: 'urn:grn:authn:dk:mitid:high',
      authenticationinstant: new Date((NOW - 30) * 1000).toISOString(),
      uuid: UUID,
      name: 'Ditlev Testesen',
      birthdate: '2000-02-29',
      age: '25',
      country: 'DK',
    };
    assert.deepEqual(idura.claims('id_token', new Set(['openid']), person, login, NOW), expected);
    assert.deepEqual(idura.claims('userinfo', new Set(['openid']), person, login, NOW), expected);
  });

  test('ssn adds cprNumberIdentifier', () => {
    const c = idura.claims('id_token', new Set(['openid', 'ssn']), person, login, NOW);
    assert.equal(c.cprNumberIdentifier, '2902001234');
    assert.equal(
      idura.claims('userinfo', new Set(['openid', 'ssn']), person, login, NOW).cprNumberIdentifier,
      '2902001234',
    );
  });

  test('a leap-day birthday counts from 1 March in other years', () => {
    assert.equal(idura.claims('id_token', new Set(['openid']), person, login, NOW + 86_400).age, '26');
  });

  test('acr, cancel and a malformed request as Idura gives them', () => {
    assert.equal(idura.acr('low'), 'urn:grn:authn:dk:mitid:low');
    assert.equal(idura.acr('substantial'), 'urn:grn:authn:dk:mitid:substantial');
    assert.deepEqual(idura.cancelled, { error: 'access_denied', error_description: 'user cancelled' });
    assert.equal(idura.malformedRequest, 'redirect');
    assert.deepEqual(idura.scopes, ['openid', 'ssn']);
  });
});
