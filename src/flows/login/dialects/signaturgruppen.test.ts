import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DialectClient, LoginFacts, PersonFacts } from './Dialect.ts';
import { dialectOf, signaturgruppen } from './index.ts';

const client: DialectClient = { id: 'bank', mayCpr: false, testClient: false };
const cprClient: DialectClient = { ...client, mayCpr: true };
const testClient: DialectClient = { ...client, testClient: true };
const off = { simulationEnabled: false };
const on = { simulationEnabled: true };
const UUID = '7d2c1e0a-3b4f-4c5d-9e8f-0a1b2c3d4e5f';
const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

const parse = (params: Record<string, unknown>, c = client, settings = off) =>
  signaturgruppen.parseRequest({ scope: 'openid mitid', ...params }, c, settings);
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
const mitid = (m: Record<string, unknown>) => ({ idp_params: JSON.stringify({ mitid: m }) });

describe('signaturgruppen: the request', () => {
  test('a bare request: substantial, log on, nothing else', () => {
    assert.deepEqual(ok({}), {
      level: 'substantial',
      action: 'login',
      referenceText: null,
      uuidHint: null,
      language: null,
      simulation: null,
    });
    assert.equal(dialectOf('signaturgruppen'), signaturgruppen);
  });

  test('idp_values: absent or containing mitid; anything else is the broker’s refusal', () => {
    assert.equal(ok({ idp_values: 'mitid' }).level, 'substantial');
    assert.equal(ok({ idp_values: 'mitid_erhverv mitid' }).level, 'substantial');
    for (const v of ['mitid_erhverv', 'passkeyid', 'MitID', 'mitidx']) {
      assert.deepEqual(refused({ idp_values: v }), {
        error: 'invalid_request',
        description: 'Requested IDP is not enabled for this client',
      });
    }
  });

  test('idp_params: JSON object (as a string, or the object a request object holds)', () => {
    assert.equal(ok({ idp_params: '{}' }).level, 'substantial');
    assert.equal(ok({ idp_params: { mitid: { loa_value: 'high' } } }).level, 'high');
    assert.equal(
      ok({ idp_params: JSON.stringify({ mitid_erhverv: { allow_private: true } }) }).level,
      'substantial',
    );
    assert.match(refused({ idp_params: '{"mitid":' }).description, /idp_params is not valid JSON/);
    assert.match(refused({ idp_params: '[1]' }).description, /must be a JSON object/);
    assert.match(refused({ idp_params: '"mitid"' }).description, /must be a JSON object/);
    assert.match(
      refused({ idp_params: '{"mitid":"high"}' }).description,
      /idp_params.mitid must be a JSON object/,
    );
    assert.equal(refused({ idp_params: 'nope' }).error, 'invalid_request');
  });

  test('loa_value and aal_value: low|substantial|high; aal counts only without loa', () => {
    for (const l of ['low', 'substantial', 'high'] as const) {
      assert.equal(ok(mitid({ loa_value: l })).level, l);
      assert.equal(ok(mitid({ aal_value: l })).level, l);
    }
    assert.equal(ok(mitid({ loa_value: 'low', aal_value: 'high' })).level, 'low');
    for (const bad of ['High', 'medium', '', 2, true]) {
      assert.match(
        refused(mitid({ loa_value: bad })).description,
        /loa_value must be low, substantial or high/,
      );
      assert.match(
        refused(mitid({ aal_value: bad })).description,
        /aal_value must be low, substantial or high/,
      );
    }
  });

  test('action_text: the five values, each to its action; others refused', () => {
    const map = { LOG_ON: 'login', APPROVE: 'approve', CONFIRM: 'confirm', ACCEPT: 'accept', SIGN: 'sign' };
    for (const [text, action] of Object.entries(map))
      assert.equal(ok(mitid({ action_text: text })).action, action);
    assert.equal(ok(mitid({ action_text: null })).action, 'login');
    for (const bad of ['log_on', 'LOGIN', 'PAY', '', 1]) {
      assert.match(refused(mitid({ action_text: bad })).description, /action_text must be one of/);
    }
  });

  test('reference_text: base64, decoded, at most 130 characters after decoding, person-text checked', () => {
    assert.equal(
      ok(mitid({ reference_text: 'VGVzdCByZWZlcmVuY2UgdGV4dA==' })).referenceText,
      'Test reference text',
    );
    assert.equal(ok(mitid({ reference_text: b64('Log på Min Bank') })).referenceText, 'Log på Min Bank');
    // 130 characters of "å" are 260 bytes and 348 base64 characters: the count is after decoding.
    assert.equal(ok(mitid({ reference_text: b64('å'.repeat(130)) })).referenceText, 'å'.repeat(130));
    assert.match(refused(mitid({ reference_text: b64('a'.repeat(131)) })).description, /longer than 130/);
    assert.match(refused(mitid({ reference_text: 'not base64!' })).description, /not valid base64/);
    assert.match(refused(mitid({ reference_text: 'QUJD=' })).description, /not valid base64/);
    assert.match(
      refused(mitid({ reference_text: Buffer.from([0xff, 0xfe]).toString('base64') })).description,
      /UTF-8/,
    );
    assert.match(
      refused(mitid({ reference_text: b64('til \u202e0008 1234') })).description,
      /formatting.*U\+202E/,
    );
    assert.match(refused(mitid({ reference_text: b64('two\nlines') })).description, /line break/);
    assert.match(refused(mitid({ reference_text: '' })).description, /is empty/);
    assert.match(refused(mitid({ reference_text: 42 })).description, /must be a base64 string/);
  });

  test('uuid_hint: a uuid, lower-cased; anything else refused', () => {
    assert.equal(ok(mitid({ uuid_hint: UUID.toUpperCase() })).uuidHint, UUID);
    for (const bad of ['nope', `${UUID}x`, UUID.replaceAll('-', ''), 7]) {
      assert.match(refused(mitid({ uuid_hint: bad })).description, /uuid_hint must be a uuid/);
    }
  });

  test("enable_step_up: a boolean, true only with prompt=login (the level is the provider's check)", () => {
    const high = { loa_value: 'high' };
    assert.equal(ok({ prompt: 'login', ...mitid({ ...high, enable_step_up: true }) }).stepUp, true);
    assert.equal(ok({ prompt: 'consent login', ...mitid({ ...high, enable_step_up: true }) }).stepUp, true);
    assert.equal(ok(mitid({ ...high, enable_step_up: false })).stepUp, undefined);
    assert.equal(ok(mitid(high)).stepUp, undefined);
    assert.match(
      refused(mitid({ ...high, enable_step_up: true })).description,
      /enable_step_up requires prompt=login/,
    );
    assert.match(
      refused({ prompt: 'none', ...mitid({ ...high, enable_step_up: true }) }).description,
      /enable_step_up requires prompt=login/,
    );
    for (const bad of ['true', 1, {}]) {
      assert.match(
        refused({ prompt: 'login', ...mitid({ enable_step_up: bad }) }).description,
        /enable_step_up must be true or false/,
      );
    }
  });

  test('language: da and en; kl (and gl) to Danish; unknown is no choice; ui_locales only without it', () => {
    assert.equal(ok({ language: 'da' }).language, 'da');
    assert.equal(ok({ language: 'en' }).language, 'en');
    assert.equal(ok({ language: 'kl' }).language, 'da');
    assert.equal(ok({ language: 'gl' }).language, 'da');
    assert.equal(ok({ language: 'de' }).language, null);
    assert.equal(ok({ ui_locales: 'de en-GB da' }).language, 'en');
    assert.equal(ok({ language: 'da', ui_locales: 'en' }).language, 'da');
  });

  test('scopes: openid needed; ssn only for a client that may have the CPR; unknown scopes fail the flow', () => {
    assert.ok(parse({ scope: 'openid mitid ssn' }, cprClient).ok);
    assert.deepEqual(parse({ scope: 'openid ssn' }).ok ? null : parse({ scope: 'openid ssn' }), {
      ok: false,
      refusal: { error: 'invalid_scope', description: 'The client may not request scope ssn' },
    });
    assert.equal(refused({ scope: 'mitid' }).error, 'invalid_scope');
    assert.equal(refused({ scope: 'openid profile' }).error, 'invalid_scope');
    assert.equal(refused({ scope: 'openid nemid.pid' }).error, 'invalid_scope');
  });

  test('simulation: no-ui uuid:<uuid>, only from a test client and only when enabled', () => {
    assert.deepEqual(ok({ simulation: `no-ui uuid:${UUID}` }, testClient, on).simulation, { uuid: UUID });
    assert.deepEqual(refused({ simulation: `no-ui uuid:${UUID}` }, testClient, off), {
      error: 'invalid_request',
      description: 'Simulation is not enabled',
    });
    assert.deepEqual(refused({ simulation: `no-ui uuid:${UUID}` }, client, on), {
      error: 'unauthorized_client',
      description: 'Simulation is not enabled for this client',
    });
    assert.match(
      refused({ simulation: `ui uuid:${UUID}` }, testClient, on).description,
      /simulation=ui is not offered/,
    );
    assert.match(refused({ simulation: 'no-ui' }, testClient, on).description, /needs uuid/);
    assert.match(refused({ simulation: 'no-ui uuid:nope' }, testClient, on).description, /must be a uuid/);
    assert.match(refused({ simulation: 'no-ui cpr:0101701234' }, testClient, on).description, /only uuid/);
    assert.match(
      refused({ simulation: `no-ui uuid:${UUID} uuid:${UUID}` }, testClient, on).description,
      /more than once/,
    );
    assert.match(refused({ simulation: 'maybe' }, testClient, on).description, /must start with no-ui/);
  });

  test('a parameter of the wrong type is refused, not guessed at', () => {
    assert.match(refused({ idp_values: ['mitid'] }).description, /idp_values must be a string/);
    assert.match(refused({ language: 1 }).description, /language must be a string/);
  });
});

const person: PersonFacts = {
  uuid: UUID,
  name: 'Anker Andersen',
  dateOfBirth: '1990-06-15',
  cpr: '1506901234',
  identityType: 'private',
};
// 2026-06-14 12:00 UTC and 2026-06-14 22:30 UTC (00:30 on the 15th in Copenhagen).
const DAY_BEFORE = Date.UTC(2026, 5, 14, 12) / 1000;
const BIRTHDAY_CPH = Date.UTC(2026, 5, 14, 22, 30) / 1000;
const login: LoginFacts = {
  authenticationId: 'auth-1',
  authTime: DAY_BEFORE - 60,
  loa: 'substantial',
  ial: 'substantial',
  aal: 'high',
  amr: ['app', 'pin'],
  sessionId: 'sid-1',
  sessionExpiry: DAY_BEFORE + 3600,
};

describe('signaturgruppen: the claims', () => {
  test('the ID token is minimal, whatever the scopes', () => {
    const idToken = {
      idp: 'mitid',
      identity_type: 'private',
      loa: 'https://data.gov.dk/concept/core/nsis/Substantial',
      ial: 'https://data.gov.dk/concept/core/nsis/Substantial',
      aal: 'https://data.gov.dk/concept/core/nsis/High',
      amr: ['code_app'],
      neb_sid: 'sid-1',
      transaction_id: 'auth-1',
      session_expiry: String(DAY_BEFORE + 3600),
    };
    for (const scopes of [['openid'], ['openid', 'mitid', 'ssn']]) {
      assert.deepEqual(
        signaturgruppen.claims('id_token', new Set(scopes), person, login, DAY_BEFORE),
        idToken,
      );
    }
  });

  test('userinfo: openid alone, then mitid, then ssn', () => {
    const base = signaturgruppen.claims('userinfo', new Set(['openid']), person, login, DAY_BEFORE);
    assert.equal(base.idp_identity_id, UUID);
    assert.equal(base.session_is_active, 'true');
    assert.equal(base.idp, 'mitid');
    assert.equal(base['mitid.uuid'], undefined);
    assert.equal(base['dk.cpr'], undefined);
    const withMitid = signaturgruppen.claims(
      'userinfo',
      new Set(['openid', 'mitid']),
      person,
      login,
      DAY_BEFORE,
    );
    assert.deepEqual(Object.fromEntries(Object.entries(withMitid).filter(([k]) => k.startsWith('mitid.'))), {
      'mitid.uuid': UUID,
      'mitid.identity_name': 'Anker Andersen',
      'mitid.date_of_birth': '1990-06-15',
      'mitid.age': '35',
      'mitid.transaction_id': 'auth-1',
      'mitid.has_cpr': 'true',
    });
    assert.equal(withMitid['dk.cpr'], undefined);
    const withSsn = signaturgruppen.claims('userinfo', new Set(['openid', 'ssn']), person, login, DAY_BEFORE);
    assert.equal(withSsn['dk.cpr'], '1506901234');
    assert.equal(withSsn['mitid.uuid'], undefined);
  });

  test('mitid.age turns at midnight in Copenhagen; session_is_active follows session_expiry', () => {
    const s = new Set(['openid', 'mitid']);
    assert.equal(signaturgruppen.claims('userinfo', s, person, login, BIRTHDAY_CPH)['mitid.age'], '36');
    assert.equal(
      signaturgruppen.claims('userinfo', s, person, login, login.sessionExpiry).session_is_active,
      'false',
    );
  });

  test('amr: our methods in NEB’s words, PIN and biometrics part of the app', () => {
    const amrOf = (amr: LoginFacts['amr']) =>
      signaturgruppen.claims('id_token', new Set(['openid']), person, { ...login, amr }, DAY_BEFORE).amr;
    assert.deepEqual(amrOf(['app', 'biometrics']), ['code_app']);
    assert.deepEqual(amrOf(['password', 'codeDisplay']), ['password', 'code_token']);
    assert.deepEqual(amrOf(['chip', 'codeReader']), ['u2f_token', 'code_reader']);
  });

  test('acr, cancel and a malformed request as NEB gives them', () => {
    assert.equal(signaturgruppen.acr('low'), 'https://data.gov.dk/concept/core/nsis/Low');
    assert.equal(signaturgruppen.acr('high'), 'https://data.gov.dk/concept/core/nsis/High');
    assert.deepEqual(signaturgruppen.cancelled, {
      error: 'access_denied',
      error_description: 'mitid_user_aborted',
    });
    assert.equal(signaturgruppen.malformedRequest, 'page');
    assert.deepEqual(signaturgruppen.scopes, ['openid', 'mitid', 'ssn']);
  });
});
