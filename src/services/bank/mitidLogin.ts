/**
 * Min Bank's MitID login: an ordinary client of the broker in the Signaturgruppen dialect
 * (docs/decisions/0012-oidc-broker.md, ../shared/docs/brokers.md §1.1), as a bank integrating the
 * real broker would configure it: issuer `<MITID_URL>/op`, client `minbank` with its secret
 * (client_secret_basic), scopes `openid mitid` (and `ssn` once, at a customer's first MitID login:
 * the CPR match), `idp_values=mitid` and `idp_params` with the
 * reference text "Log på Min Bank", the action LOG_ON and the level substantial, `language` from
 * the page.
 */
import type { ServiceDeps } from '../../config/deps.ts';
import { type MessageId, t } from '../../i18n/catalogue.ts';
import type { Lang } from '../../i18n/types.ts';
import { RelyingParty } from '../../platform/oidc/relyingParty.ts';
import type { BankDb } from './db/schema.ts';
import { BANK_CLIENT_ID } from './nemidClient.ts';

export const MITID_CALLBACK_PATH = '/auth/mitid/callback';
const REFERENCE_TEXT: MessageId = 'bank.mitid.referenceText';

export function bankRelyingParty(deps: ServiceDeps<BankDb>): RelyingParty {
  return new RelyingParty({
    issuer: `${deps.config.mitidUrl}/op`,
    clientId: BANK_CLIENT_ID,
    clientSecret: deps.secrets.bankClientSecret,
    redirectUri: `${deps.config.bankUrl}${MITID_CALLBACK_PATH}`,
    cookieName: 'minbank_mitid_login',
    secure: deps.config.bankUrl.startsWith('https:'),
  });
}

/**
 * The Signaturgruppen authorization parameters of a login from a page in `lang`. Min Bank is a
 * private service (decision 0013 §1): it asks `openid mitid` and finds the customer by
 * `mitid.uuid`; only a uuid it does not know yet makes it ask again with `ssn` (`cpr: true`),
 * which MitID answers with a CPR match (the person types the number, MitID confirms it).
 */
export function signaturgruppenParams(lang: Lang, opts: { cpr?: boolean } = {}): Record<string, string> {
  return {
    scope: opts.cpr ? 'openid mitid ssn' : 'openid mitid',
    idp_values: 'mitid',
    idp_params: JSON.stringify({
      mitid: {
        reference_text: Buffer.from(t(lang, REFERENCE_TEXT), 'utf8').toString('base64'),
        action_text: 'LOG_ON',
        loa_value: 'substantial',
      },
    }),
    language: lang,
  };
}

/** The MitID session of the login (the ID token's `sid`), for its back-channel logout. */
export function sidOf(claims: Record<string, unknown>): { mitidSid?: string } {
  const sid = claims.sid;
  return typeof sid === 'string' && sid.length > 0 && sid.length <= 200 ? { mitidSid: sid } : {};
}

/** What the bank keeps of the login for a step-up: the person's MitID uuid and the level reached. */
export function mitidFactsOf(
  claims: Record<string, unknown>,
  userinfo: Record<string, unknown>,
): { mitidUuid?: string; loa?: string } {
  const uuid = userinfo['mitid.uuid'];
  // Signaturgruppen's ID token carries loa; its userinfo too.
  const loa = claims.loa ?? userinfo.loa;
  return {
    ...(typeof uuid === 'string' && /^[0-9a-f-]{36}$/i.test(uuid) ? { mitidUuid: uuid } : {}),
    ...(typeof loa === 'string' && loa.length <= 100 ? { loa } : {}),
  };
}

/** The CPR the broker gave (`dk.cpr`, scope ssn), if it is ten digits. */
export function cprOf(userinfo: Record<string, unknown>): string | undefined {
  const cpr = userinfo['dk.cpr'];
  return typeof cpr === 'string' && /^\d{10}$/.test(cpr) ? cpr : undefined;
}

/** The MitID uuid the broker gave (`mitid.uuid`, scope mitid), if it is one. */
export function mitidUuidOf(userinfo: Record<string, unknown>): string | undefined {
  const uuid = userinfo['mitid.uuid'];
  return typeof uuid === 'string' &&
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(uuid)
    ? uuid.toLowerCase()
    : undefined;
}
