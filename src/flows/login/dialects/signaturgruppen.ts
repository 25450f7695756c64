/**
 * Signaturgruppen's broker (NEB), brokers.md §1.1 and §1.5: `idp_values`, `idp_params.mitid`,
 * `language`, scopes `openid mitid ssn`, a minimal ID token and the rest at userinfo, the NSIS
 * level URIs, `access_denied` + `mitid_user_aborted`, an error page for a malformed request.
 * Every choice where brokers.md is unsure is in docs/protocols/oidc.md.
 */
import type { Action } from '../../../core/authentications/index.ts';
import type { Level, Method } from '../../../core/authenticators/index.ts';
import {
  ageAt,
  checkScopes,
  decodeReferenceText,
  LEVEL_WORDS,
  optionalString,
  parseSimulation,
  parseUuid,
  parsing,
  refuse,
  tokens,
} from './common.ts';
import type { Dialect, LoginFacts, LoginRequest, PersonFacts } from './Dialect.ts';
import { parseTransaction, withTransaction } from './transaction.ts';

const NSIS = 'https://data.gov.dk/concept/core/nsis/';
const LEVEL_URI: Record<Level, string> = {
  low: `${NSIS}Low`,
  substantial: `${NSIS}Substantial`,
  high: `${NSIS}High`,
};

const ACTION_TEXTS: Record<string, Action> = {
  LOG_ON: 'login',
  APPROVE: 'approve',
  CONFIRM: 'confirm',
  ACCEPT: 'accept',
  SIGN: 'sign',
};

/**
 * Our methods → MitID private `amr` values (SG:idps/mitid.md), unprefixed as in that table and
 * the transaction-token example (`code_app`). PIN and biometrics are how the app is unlocked,
 * not authenticators of their own: they add nothing (the app login is `code_app`).
 */
const AMR: Record<Method, string | null> = {
  app: 'code_app',
  pin: null,
  biometrics: null,
  codeDisplay: 'code_token',
  codeReader: 'code_reader',
  chip: 'u2f_token',
  password: 'password',
};

export const signaturgruppenAmr = (methods: readonly Method[]): string[] => [
  ...new Set(methods.map((m) => AMR[m]).filter((v): v is string => v !== null)),
];

const PARAMS_FIELD = 'idp_params';

function parseLanguage(params: Readonly<Record<string, unknown>>): 'da' | 'en' | null {
  const language = optionalString(params, 'language');
  if (language !== undefined) {
    const l = language.toLowerCase();
    if (l === 'da' || l === 'en') return l;
    // Greenlandic (`kl`, the iframe doc's `gl`): the box has no Greenlandic; Danish is the
    // language every Greenlandic MitID user is also offered.
    if (l === 'kl' || l === 'gl') return 'da';
    return null;
  }
  // Not NEB's parameter, but OpenID Connect's (issue 9 item 1): the first da/en wins.
  const locales = optionalString(params, 'ui_locales');
  for (const tag of tokens(locales ?? '')) {
    const primary = tag.split('-')[0]?.toLowerCase();
    if (primary === 'da' || primary === 'en') return primary;
  }
  return null;
}

function parseIdpParams(params: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const raw = params[PARAMS_FIELD];
  if (raw === undefined || raw === null || raw === '') return {};
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return refuse(`${PARAMS_FIELD} is not valid JSON`);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return refuse(`${PARAMS_FIELD} must be a JSON object`);
  }
  const mitid = (value as Record<string, unknown>).mitid;
  if (mitid === undefined || mitid === null) return {};
  if (typeof mitid !== 'object' || Array.isArray(mitid))
    return refuse(`${PARAMS_FIELD}.mitid must be a JSON object`);
  return mitid as Record<string, unknown>;
}

function levelMember(mitid: Record<string, unknown>, name: 'loa_value' | 'aal_value'): Level | undefined {
  const v = mitid[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || !LEVEL_WORDS.includes(v as Level)) {
    return refuse(`${PARAMS_FIELD}.mitid.${name} must be low, substantial or high`);
  }
  return v as Level;
}

function parse(
  params: Readonly<Record<string, unknown>>,
  client: Parameters<Dialect['parseRequest']>[1],
  settings: Parameters<Dialect['parseRequest']>[2],
): LoginRequest {
  checkScopes(params, client, signaturgruppen.scopes, signaturgruppen.cprScopes, true);
  const idpValues = optionalString(params, 'idp_values');
  if (idpValues !== undefined && !tokens(idpValues).includes('mitid')) {
    refuse('Requested IDP is not enabled for this client');
  }
  const mitid = parseIdpParams(params);
  // Both are checked; `aal_value` counts only without `loa_value` (SG:idps/mitid.md).
  const loa = levelMember(mitid, 'loa_value');
  const aal = levelMember(mitid, 'aal_value');
  const level: Level = loa ?? aal ?? 'substantial';
  let action: Action = 'login';
  const actionText = mitid.action_text;
  if (actionText !== undefined && actionText !== null) {
    const mapped = typeof actionText === 'string' ? ACTION_TEXTS[actionText] : undefined;
    if (mapped === undefined) {
      refuse(`${PARAMS_FIELD}.mitid.action_text must be one of LOG_ON, APPROVE, CONFIRM, ACCEPT, SIGN`);
    } else action = mapped;
  }
  const ref = mitid.reference_text;
  const referenceText =
    ref === undefined || ref === null
      ? null
      : decodeReferenceText(ref, `${PARAMS_FIELD}.mitid.reference_text`);
  const hint = mitid.uuid_hint;
  const uuidHint =
    hint === undefined || hint === null ? null : parseUuid(hint, `${PARAMS_FIELD}.mitid.uuid_hint`);
  const stepUp = mitid.enable_step_up;
  if (stepUp !== undefined && stepUp !== null && typeof stepUp !== 'boolean') {
    refuse(`${PARAMS_FIELD}.mitid.enable_step_up must be true or false`);
  }
  if (stepUp === true && !tokens(optionalString(params, 'prompt') ?? '').includes('login')) {
    refuse(`${PARAMS_FIELD}.mitid.enable_step_up requires prompt=login`);
  }
  const language = parseLanguage(params);
  const transaction = parseTransaction(params, language, true);
  return withTransaction({
    level,
    action,
    referenceText,
    uuidHint,
    language,
    simulation: parseSimulation(params, client, settings),
    ...(stepUp === true ? { stepUp: true } : {}),
    ...(transaction ? { transaction } : {}),
  });
}

/** The claims of every use (NEB's `openid` scope row of brokers.md §1.1). */
function baseClaims(login: LoginFacts): Record<string, unknown> {
  return {
    idp: 'mitid',
    identity_type: 'private',
    loa: LEVEL_URI[login.loa],
    ial: LEVEL_URI[login.ial],
    aal: LEVEL_URI[login.aal],
    amr: signaturgruppenAmr(login.amr),
    neb_sid: login.sessionId,
    transaction_id: login.authenticationId,
    session_expiry: String(login.sessionExpiry),
  };
}

function claims(
  use: 'id_token' | 'userinfo',
  scopes: ReadonlySet<string>,
  person: PersonFacts,
  login: LoginFacts,
  nowS: number,
): Record<string, unknown> {
  const out = baseClaims(login);
  if (use === 'id_token') return out;
  // NEB returns these as strings (SG transaction-token example: "mitid.age": "89", "mitid.has_cpr": "true").
  out.idp_identity_id = person.uuid;
  out.session_is_active = nowS < login.sessionExpiry ? 'true' : 'false';
  if (scopes.has('mitid')) {
    out['mitid.uuid'] = person.uuid;
    out['mitid.identity_name'] = person.name;
    out['mitid.date_of_birth'] = person.dateOfBirth;
    out['mitid.age'] = String(ageAt(person.dateOfBirth, nowS));
    out['mitid.transaction_id'] = login.authenticationId;
    out['mitid.has_cpr'] = person.cpr === '' ? 'false' : 'true';
  }
  if (scopes.has('ssn')) out['dk.cpr'] = person.cpr;
  return out;
}

export const signaturgruppen: Dialect = {
  name: 'signaturgruppen',
  extraParams: ['idp_values', 'idp_params', 'language', 'simulation', 'signtext_base64', 'signtext_type'],
  scopes: ['openid', 'mitid', 'ssn'],
  cprScopes: ['ssn'],
  parseRequest: (params, client, settings) => parsing(() => parse(params, client, settings)),
  claims,
  acr: (level) => LEVEL_URI[level],
  cancelled: { error: 'access_denied', error_description: 'mitid_user_aborted' },
  malformedRequest: 'page',
};
