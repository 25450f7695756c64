/**
 * Min Bank's side of the NemID login (docs/protocols/nemid.md): the redirect to NemID and the
 * back-channel exchange of the one-time code for the identity, authenticated with the bank's
 * client secret.
 */
import { basicAuthHeader } from '../../platform/http/basicAuth.ts';
export const BANK_CLIENT_ID = 'minbank';

export interface NemidIdentity {
  cpr: string;
  name: string;
  nemidUserId: string;
  authenticatedAt: number;
  method: string;
}

export class NemidLoginFailed extends Error {
  override name = 'NemidLoginFailed';
}

export interface NemidClientOptions {
  mitidUrl: string;
  bankUrl: string;
  clientSecret: string;
  fetch?: typeof fetch;
}

export function callbackUrl(bankUrl: string): string {
  return `${bankUrl}/auth/nemid/callback`;
}

/** The NemID login address; `lang` carries the customer's language over to the NemID pages. */
export function authorizeUrl(opts: NemidClientOptions, state: string, lang: 'da' | 'en'): string {
  const url = new URL('/nemid/authorize', opts.mitidUrl);
  url.searchParams.set('client_id', BANK_CLIENT_ID);
  url.searchParams.set('redirect_uri', callbackUrl(opts.bankUrl));
  url.searchParams.set('state', state);
  url.searchParams.set('lang', lang);
  return url.toString();
}

export async function exchangeCode(opts: NemidClientOptions, code: string): Promise<NemidIdentity> {
  const res = await (opts.fetch ?? fetch)(new URL('/nemid/token', opts.mitidUrl), {
    method: 'POST',
    headers: {
      authorization: basicAuthHeader(BANK_CLIENT_ID, opts.clientSecret),
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: callbackUrl(opts.bankUrl),
    }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new NemidLoginFailed(`token endpoint answered ${res.status}`);
  const body = (await res.json()) as Partial<NemidIdentity>;
  if (
    typeof body.cpr !== 'string' ||
    !/^\d{10}$/.test(body.cpr) ||
    typeof body.name !== 'string' ||
    typeof body.nemidUserId !== 'string'
  ) {
    throw new NemidLoginFailed('token endpoint answered without an identity');
  }
  return {
    cpr: body.cpr,
    name: body.name,
    nemidUserId: body.nemidUserId,
    authenticatedAt: Number(body.authenticatedAt),
    method: String(body.method),
  };
}
