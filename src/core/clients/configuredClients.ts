/**
 * The clients that the settings describe, written at every start of the MitID service (before
 * its registry is read), so that the database says what the configuration says:
 * - `minbank` (Min Bank at BANK_URL): its origin, NemID redirect URI and home page, and its
 *   `config` secret, replaced by the hash of BANK_CLIENT_SECRET;
 *   It is also an OpenID Connect client (Signaturgruppen's dialect; redirects
 *   `<BANK_URL>/auth/mitid/callback` and, for transfers, `<BANK_URL>/auth/mitid/transfer-callback`;
 *   post-logout `<BANK_URL>/`), its secret also kept sealed;
 * - `borger` (Borger at BORGER_URL, the second demo service): an OpenID Connect client of Idura's
 *   dialect (redirect `<BORGER_URL>/auth/callback`), its `config` secret BORGER_CLIENT_SECRET;
 * - both demo services are in the SSO group "demo" and receive back-channel logout tokens at
 *   `<URL>/auth/backchannel-logout`;
 * - `mitid.dk` (MitID.dk at MITID_URL): an internal client of the NemID login;
 * - `mitid.dk-selfservice` (MitID.dk's self-service, decision 0014 §6): an OpenID Connect client
 *   of MitID's own /op (Signaturgruppen's dialect; redirect `<MITID_URL>/selvbetjening/callback`,
 *   post-logout `<MITID_URL>/selvbetjening/logget-af`), its secret derived from the server secret
 *   (selfserviceClientSecret), so every node knows it and nothing needs storing.
 * Two statements, each one INSERT … ON CONFLICT, so nodes starting together cannot collide. A
 * client's status and permissions are not touched: a client an operator disabled stays disabled
 * across restarts, and a new permission for a configured client comes with a migration.
 */
import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config } from '../../config/config.ts';
import type { Clock } from '../../platform/clock.ts';
import type { MitidDb } from '../db/index.ts';
import { type ClientDialect, oidcSettingsJson, type Permission } from './Client.ts';
import { clientSecretHash, sealClientSecret } from './clientSecretHash.ts';

export const BANK_CLIENT_ID = 'minbank';
export const MITID_DK_CLIENT_ID = 'mitid.dk';
export const BORGER_CLIENT_ID = 'borger';
export const SELFSERVICE_CLIENT_ID = 'mitid.dk-selfservice';
/** The configured clients' ids: written at every start, so the CLI never removes them. */
export const CONFIGURED_CLIENT_IDS: readonly string[] = [
  BANK_CLIENT_ID,
  MITID_DK_CLIENT_ID,
  BORGER_CLIENT_ID,
  SELFSERVICE_CLIENT_ID,
];

/** Where MitID's /op sends the self-service's person back to, and after its logout. */
export const selfserviceCallback = (config: Config): string => `${config.mitidUrl}/selvbetjening/callback`;
export const selfserviceLoggedOut = (config: Config): string => `${config.mitidUrl}/selvbetjening/logget-af`;

/** The self-service client's secret: HMAC-SHA-256 of a fixed label under the server secret. */
export function selfserviceClientSecret(serverSecret: string): string {
  return createHmac('sha256', serverSecret)
    .update('open-mitid mitid.dk-selfservice client secret v1')
    .digest('base64url');
}

/** The SSO group of the two demo services (decision 0013 §4): a login at one serves the other. */
export const DEMO_SSO_GROUP = 'demo';

/** Where the NemID login sends MitID.dk's person back to (an exact redirect URI). */
export const mitidDkCallback = (config: Config): string => `${config.mitidUrl}/tilmelding/nemid-retur`;

/** The `config` secret's id: one per configured client, so the start replaces it in place. */
export const configSecretId = (clientId: string): string => `config:${clientId}`;

export interface ConfiguredClientsDeps {
  db: Kysely<MitidDb>;
  clock: Clock;
  config: Config;
  /** BANK_CLIENT_SECRET (src/config/secrets.ts). */
  bankClientSecret: string;
  /** BORGER_CLIENT_SECRET; without it Borger is registered with no secret of its own. */
  borgerClientSecret?: string;
  /** selfserviceClientSecret(server secret); without it the self-service client is not written. */
  selfserviceClientSecret?: string;
  /** clientSecretKey (deriveClientSecretKey). */
  key: Buffer;
}

export async function configuredClients(d: ConfiguredClientsDeps): Promise<void> {
  const now = d.clock.now().getTime();
  const { bankUrl, borgerUrl, mitidUrl } = d.config;
  const row = (
    id: string,
    name: string,
    perms: readonly Permission[],
    c: {
      origin: string | null;
      redirectUris: string[];
      homeUrl: string;
      internal: boolean;
      dialect?: ClientDialect;
      postLogout?: string[];
      ssoGroup?: string;
      backchannelLogoutUri?: string;
    },
  ) => ({
    id,
    name,
    status: 'active' as const,
    permissions: JSON.stringify(perms),
    origin: c.origin,
    redirect_uris: JSON.stringify(c.redirectUris),
    home_url: c.homeUrl,
    internal: c.internal ? 1 : 0,
    dialect: c.dialect ?? null,
    test_client: 0,
    settings: c.dialect
      ? oidcSettingsJson({
          tokenEndpointAuthMethod: 'client_secret_basic',
          postLogoutRedirectUris: c.postLogout ?? [],
          ...(c.ssoGroup ? { ssoGroup: c.ssoGroup } : {}),
          ...(c.backchannelLogoutUri ? { backchannelLogoutUri: c.backchannelLogoutUri } : {}),
        })
      : '{}',
    created_at: now,
    updated_at: now,
  });
  await d.db
    .insertInto('clients')
    .values([
      row(
        BANK_CLIENT_ID,
        'Min Bank',
        [
          'enrollment.start',
          'enrollment.status',
          'approvals.create',
          'nemid.login',
          // A private service (decision 0013 §1): the CPR number only through a CPR match.
          'oidc.login',
          'oidc.ciba',
        ],
        {
          origin: new URL(bankUrl).origin,
          redirectUris: [
            `${bankUrl}/auth/nemid/callback`,
            `${bankUrl}/auth/mitid/callback`,
            `${bankUrl}/auth/mitid/transfer-callback`,
          ],
          homeUrl: `${bankUrl}/`,
          internal: false,
          dialect: 'signaturgruppen',
          postLogout: [`${bankUrl}/`],
          ssoGroup: DEMO_SSO_GROUP,
          backchannelLogoutUri: `${bankUrl}/auth/backchannel-logout`,
        },
      ),
      row(BORGER_CLIENT_ID, 'Borger', ['oidc.login', 'oidc.cpr'], {
        origin: new URL(borgerUrl).origin,
        redirectUris: [`${borgerUrl}/auth/callback`],
        homeUrl: `${borgerUrl}/`,
        internal: false,
        dialect: 'idura',
        postLogout: [`${borgerUrl}/`],
        ssoGroup: DEMO_SSO_GROUP,
        backchannelLogoutUri: `${borgerUrl}/auth/backchannel-logout`,
      }),
      row(MITID_DK_CLIENT_ID, 'MitID.dk', ['nemid.login'], {
        origin: null,
        redirectUris: [mitidDkCallback(d.config)],
        homeUrl: `${mitidUrl}/`,
        internal: true,
      }),
      ...(d.selfserviceClientSecret
        ? [
            row(SELFSERVICE_CLIENT_ID, 'MitID.dk', ['oidc.login'], {
              origin: new URL(mitidUrl).origin,
              redirectUris: [selfserviceCallback(d.config)],
              homeUrl: `${mitidUrl}/selvbetjening`,
              internal: false,
              dialect: 'signaturgruppen',
              postLogout: [selfserviceLoggedOut(d.config)],
            }),
          ]
        : []),
    ])
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        origin: eb.ref('excluded.origin'),
        redirect_uris: eb.ref('excluded.redirect_uris'),
        home_url: eb.ref('excluded.home_url'),
        internal: eb.ref('excluded.internal'),
        dialect: eb.ref('excluded.dialect'),
        settings: eb.ref('excluded.settings'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
  const secret = (clientId: string, value: string) => ({
    id: configSecretId(clientId),
    client_id: clientId,
    hash: clientSecretHash(d.key, clientId, value),
    sealed: sealClientSecret(d.key, clientId, value),
    source: 'config' as const,
    created_at: now,
    expires_at: null,
  });
  await d.db
    .insertInto('client_secrets')
    .values([
      secret(BANK_CLIENT_ID, d.bankClientSecret),
      ...(d.borgerClientSecret ? [secret(BORGER_CLIENT_ID, d.borgerClientSecret)] : []),
      ...(d.selfserviceClientSecret ? [secret(SELFSERVICE_CLIENT_ID, d.selfserviceClientSecret)] : []),
    ])
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet((eb) => ({
          hash: eb.ref('excluded.hash'),
          sealed: eb.ref('excluded.sealed'),
          created_at: eb.ref('excluded.created_at'),
          expires_at: null,
        }))
        // Unchanged: the row (and its created_at) stays as it is.
        .whereRef('client_secrets.hash', '<>', 'excluded.hash'),
    )
    .execute();
}
