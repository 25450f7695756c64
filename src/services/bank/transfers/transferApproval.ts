/**
 * Min Bank's side of a transfer's approval at MitID (decision 0013 §2), Signaturgruppen's dialect:
 * a pushed request (PAR) with the transfer's `authorization_details`, the same text as
 * `signtext_base64` + `signtext_type=text`, `idp_params.mitid` APPROVE at substantial with the
 * customer's uuid as `uuid_hint` when linked, `prompt=login` (an approval is never a session's) and
 * the page's `language`. Its own redirect URI and pending cookie, apart from the login's.
 * The provider's keys come from discovery's `jwks_uri` (jose's remote set: cached, refetched when a
 * token names an unknown `kid`, at most every 30 s).
 */
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import type { ServiceDeps } from '../../../config/deps.ts';
import type { Lang } from '../../../i18n/types.ts';
import { RelyingParty } from '../../../platform/oidc/relyingParty.ts';
import type { BankDb } from '../db/schema.ts';
import { BANK_CLIENT_ID } from '../nemidClient.ts';
import type { PaymentInitiation } from './paymentDetails.ts';

export const TRANSFER_CALLBACK_PATH = '/auth/mitid/transfer-callback';

export function transferRelyingParty(deps: ServiceDeps<BankDb>): RelyingParty {
  return new RelyingParty({
    issuer: `${deps.config.mitidUrl}/op`,
    clientId: BANK_CLIENT_ID,
    clientSecret: deps.secrets.bankClientSecret,
    redirectUri: `${deps.config.bankUrl}${TRANSFER_CALLBACK_PATH}`,
    cookieName: 'minbank_mitid_transfer',
    secure: deps.config.bankUrl.startsWith('https:'),
  });
}

/** The pushed request's parameters of a transfer's approval. */
export function approvalParams(
  details: PaymentInitiation[],
  text: string,
  lang: Lang,
  uuidHint: string | null,
): Record<string, string> {
  return {
    scope: 'openid mitid',
    idp_values: 'mitid',
    idp_params: JSON.stringify({
      mitid: {
        action_text: 'APPROVE',
        loa_value: 'substantial',
        ...(uuidHint ? { uuid_hint: uuidHint } : {}),
      },
    }),
    authorization_details: JSON.stringify(details),
    signtext_base64: Buffer.from(text, 'utf8').toString('base64'),
    signtext_type: 'text',
    prompt: 'login',
    language: lang,
  };
}

/** The provider's issuer and signing keys, from discovery (both cached). */
export class ProviderKeys {
  readonly #rp: RelyingParty;
  #keys: { uri: string; get: JWTVerifyGetKey } | undefined;
  constructor(rp: RelyingParty) {
    this.#rp = rp;
  }

  async current(): Promise<{ issuer: string; keys: JWTVerifyGetKey }> {
    const meta = (await this.#rp.configuration()).serverMetadata();
    if (!meta.jwks_uri) throw new Error('the provider publishes no jwks_uri');
    if (this.#keys?.uri !== meta.jwks_uri) {
      this.#keys = { uri: meta.jwks_uri, get: createRemoteJWKSet(new URL(meta.jwks_uri)) };
    }
    return { issuer: meta.issuer, keys: this.#keys.get };
  }
}
