/**
 * Idura (formerly Criipto Verify), brokers.md §1.2 and §1.5: `acr_values` picks MitID and its
 * level, `login_hint` carries the reference text, the action and the uuid, `ui_locales` the
 * language; claims `identityscheme`, `uuid`, `name`, `birthdate`, `age`, `country`,
 * `cprNumberIdentifier` (scope `ssn`); a malformed request redirects with `error`. Every choice
 * where brokers.md is unsure is in docs/protocols/oidc.md.
 */
import { ACTIONS, type Action } from '../../../core/authentications/index.ts';
import type { Level } from '../../../core/authenticators/index.ts';
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

const ACR_PREFIX = 'urn:grn:authn:dk:mitid:';
const acrOf = (level: Level): string => `${ACR_PREFIX}${level}`;

/** `acr_values` (or the quirks-mode `acr_values:` token) → the level; MitID only, Erhverv refused. */
function parseAcr(value: string): Level {
  const values = tokens(value);
  for (const v of values) {
    if (v === `${ACR_PREFIX}business`)
      refuse('MitID Erhverv (urn:grn:authn:dk:mitid:business) is not offered');
    const level = v.startsWith(ACR_PREFIX) ? v.slice(ACR_PREFIX.length) : undefined;
    if (level === undefined || !LEVEL_WORDS.includes(level as Level)) {
      refuse(`acr_values ${v} is not offered: use urn:grn:authn:dk:mitid:low, substantial or high`);
    }
  }
  // Several MitID levels: the first, the service's preference (OpenID Connect's order).
  return (values[0] as string).slice(ACR_PREFIX.length) as Level;
}

interface Hint {
  referenceText: string | null;
  action: Action;
  uuid: string | null;
  acr: string | undefined;
}

/**
 * `login_hint`'s space-separated tokens. Known: `message:`, `action:`, `uuid:`, the quirks-mode
 * `acr_values:`, and `business` (MitID Erhverv: refused). Each known one at most once. Tokens
 * for what we do not offer (`sub:`, `appswitch:…`, `business_optional`, `vatid:`, `scope:`,
 * `dk:mitid:ct`, and any new one) are ignored, as a hint is: the login still works without them.
 */
function parseLoginHint(value: string | undefined): Hint {
  const hint: Hint = { referenceText: null, action: 'login', uuid: null, acr: undefined };
  const seen = new Set<string>();
  const once = (name: string): void => {
    if (seen.has(name)) refuse(`login_hint has ${name}: more than once`);
    seen.add(name);
  };
  for (const t of tokens(value ?? '')) {
    if (t === 'business') refuse('MitID Erhverv (login_hint business) is not offered');
    const colon = t.indexOf(':');
    const name = colon < 0 ? t : t.slice(0, colon);
    const arg = colon < 0 ? '' : t.slice(colon + 1);
    if (name === 'message') {
      once(name);
      hint.referenceText = decodeReferenceText(arg, 'login_hint message');
    } else if (name === 'action') {
      once(name);
      if (!ACTIONS.includes(arg as Action)) {
        refuse('login_hint action must be one of login, approve, confirm, accept, sign');
      }
      hint.action = arg as Action;
    } else if (name === 'uuid') {
      once(name);
      hint.uuid = parseUuid(arg, 'login_hint uuid');
    } else if (name === 'acr_values') {
      once(name);
      hint.acr = arg;
    }
  }
  return hint;
}

/** `ui_locales`: the first tag whose language is da or en wins (da-DK, en-US, EN …); none: null. */
function parseUiLocales(value: string | undefined): 'da' | 'en' | null {
  for (const tag of tokens(value ?? '')) {
    const primary = tag.split('-')[0]?.toLowerCase();
    if (primary === 'da' || primary === 'en') return primary;
  }
  return null;
}

function parse(
  params: Readonly<Record<string, unknown>>,
  client: Parameters<Dialect['parseRequest']>[1],
  settings: Parameters<Dialect['parseRequest']>[2],
): LoginRequest {
  checkScopes(params, client, idura.scopes, idura.cprScopes, false);
  const hint = parseLoginHint(optionalString(params, 'login_hint'));
  const acrValues = optionalString(params, 'acr_values') ?? hint.acr;
  const language = parseUiLocales(optionalString(params, 'ui_locales'));
  const transaction = parseTransaction(params, language, false);
  return withTransaction({
    level: acrValues === undefined ? 'substantial' : parseAcr(acrValues),
    action: hint.action,
    referenceText: hint.referenceText,
    uuidHint: hint.uuid,
    language,
    simulation: parseSimulation(params, client, settings),
    ...(transaction ? { transaction } : {}),
  });
}

function claims(
  _use: 'id_token' | 'userinfo',
  scopes: ReadonlySet<string>,
  person: PersonFacts,
  login: LoginFacts,
  nowS: number,
): Record<string, unknown> {
  // Idura issues the person in the ID token, and userinfo says the same.
  const out: Record<string, unknown> = {
    identityscheme: 'dkmitid',
    authenticationtype: acrOf(login.loa),
    authenticationinstant: new Date(login.authTime * 1000).toISOString(),
    uuid: person.uuid,
    name: person.name,
    birthdate: person.dateOfBirth,
    // A string, as in Idura's MitID payload example ("age": "93").
    age: String(ageAt(person.dateOfBirth, nowS)),
    country: 'DK',
  };
  if (scopes.has('ssn')) out.cprNumberIdentifier = person.cpr;
  return out;
}

export const idura: Dialect = {
  name: 'idura',
  extraParams: ['simulation'],
  scopes: ['openid', 'ssn'],
  cprScopes: ['ssn'],
  parseRequest: (params, client, settings) => parsing(() => parse(params, client, settings)),
  claims,
  acr: acrOf,
  cancelled: { error: 'access_denied', error_description: 'user cancelled' },
  malformedRequest: 'redirect',
};
