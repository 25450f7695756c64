/**
 * Borger's MitID login: a client of the broker in the Idura dialect (docs/decisions/0012-oidc-broker.md,
 * ../shared/docs/brokers.md §1.2), configured as a service written for Idura would be: issuer
 * `<MITID_URL>/idura`, client `borger` with its secret (client_secret_basic), scope `openid ssn`,
 * `acr_values=urn:grn:authn:dk:mitid:substantial`, `login_hint` with the action and the reference
 * text "Log på Borger" (base64), `ui_locales` from the page.
 */
import type { ServiceDeps } from '../../config/deps.ts';
import { t } from '../../i18n/catalogue.ts';
import type { Lang } from '../../i18n/types.ts';
import { RelyingParty } from '../../platform/oidc/relyingParty.ts';
import type { BorgerSession } from './borgerSession.ts';
import type { BorgerDb } from './db/schema.ts';

export const BORGER_CLIENT_ID = 'borger';
export const CALLBACK_PATH = '/auth/callback';

export function borgerRelyingParty(deps: ServiceDeps<BorgerDb>): RelyingParty {
  const secret = deps.secrets.borgerClientSecret;
  if (!secret) throw new Error('This process has no Borger client secret (BORGER_CLIENT_SECRET)');
  return new RelyingParty({
    issuer: `${deps.config.mitidUrl}/idura`,
    clientId: BORGER_CLIENT_ID,
    clientSecret: secret,
    redirectUri: `${deps.config.borgerUrl}${CALLBACK_PATH}`,
    cookieName: 'borger_mitid_login',
    secure: deps.config.borgerUrl.startsWith('https:'),
  });
}

/** The Idura authorization parameters of a login from a page in `lang`. */
export function iduraParams(lang: Lang): Record<string, string> {
  const message = Buffer.from(t(lang, 'borger.mitid.referenceText'), 'utf8').toString('base64');
  return {
    scope: 'openid ssn',
    acr_values: 'urn:grn:authn:dk:mitid:substantial',
    login_hint: `action:login message:${message}`,
    ui_locales: lang,
  };
}

const text = (v: unknown, max = 200): string | undefined =>
  typeof v === 'string' && v.length > 0 && v.length <= max ? v : undefined;

/** What Borger keeps of Idura's claims (the ID token's, with userinfo's over them). */
export function sessionOf(
  claims: Record<string, unknown>,
  userinfo: Record<string, unknown>,
  idToken: string,
  now: number,
): BorgerSession {
  const all = { ...claims, ...userinfo };
  const age = typeof all.age === 'number' ? all.age : Number(text(all.age, 3) ?? Number.NaN);
  const birthdate = text(all.birthdate, 10);
  const cpr = text(all.cprNumberIdentifier, 10);
  return {
    ...(text(all.name) ? { name: text(all.name) } : {}),
    ...(birthdate && /^\d{4}-\d{2}-\d{2}$/.test(birthdate) ? { birthdate } : {}),
    ...(Number.isInteger(age) && age >= 0 && age < 150 ? { age } : {}),
    ...(text(all.uuid, 36) ? { uuid: text(all.uuid, 36) } : {}),
    ...(cpr && /^\d{10}$/.test(cpr) ? { cpr } : {}),
    loggedInAt: now,
    idToken,
  };
}
