/**
 * The clients that the settings describe, written at every start of the MitID service (before
 * its registry is read), so that the database says what the configuration says:
 * - `minbank` (Min Bank at BANK_URL): its origin, NemID redirect URI and home page, and its
 *   `config` secret, replaced by the hash of BANK_CLIENT_SECRET;
 * - `mitid.dk` (MitID.dk at MITID_URL): an internal client of the NemID login.
 * Two statements, each one INSERT … ON CONFLICT, so nodes starting together cannot collide. A
 * client's status and permissions are not touched: a client an operator disabled stays disabled
 * across restarts, and a new permission for a configured client comes with a migration.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../../config/config.ts';
import type { Clock } from '../../platform/clock.ts';
import type { MitidDb } from '../db/index.ts';
import type { Permission } from './Client.ts';
import { clientSecretHash } from './clientSecretHash.ts';

export const BANK_CLIENT_ID = 'minbank';
export const MITID_DK_CLIENT_ID = 'mitid.dk';

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
  /** clientSecretKey (deriveClientSecretKey). */
  key: Buffer;
}

export async function configuredClients(d: ConfiguredClientsDeps): Promise<void> {
  const now = d.clock.now().getTime();
  const { bankUrl, mitidUrl } = d.config;
  const row = (
    id: string,
    name: string,
    perms: readonly Permission[],
    c: { origin: string | null; redirectUris: string[]; homeUrl: string; internal: boolean },
  ) => ({
    id,
    name,
    status: 'active' as const,
    permissions: JSON.stringify(perms),
    origin: c.origin,
    redirect_uris: JSON.stringify(c.redirectUris),
    home_url: c.homeUrl,
    internal: c.internal ? 1 : 0,
    dialect: null,
    test_client: 0,
    settings: '{}',
    created_at: now,
    updated_at: now,
  });
  await d.db
    .insertInto('clients')
    .values([
      row(
        BANK_CLIENT_ID,
        'Min Bank',
        ['enrollment.start', 'enrollment.status', 'approvals.create', 'nemid.login'],
        {
          origin: new URL(bankUrl).origin,
          redirectUris: [`${bankUrl}/auth/nemid/callback`],
          homeUrl: `${bankUrl}/`,
          internal: false,
        },
      ),
      row(MITID_DK_CLIENT_ID, 'MitID.dk', ['nemid.login'], {
        origin: null,
        redirectUris: [mitidDkCallback(d.config)],
        homeUrl: `${mitidUrl}/`,
        internal: true,
      }),
    ])
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        origin: eb.ref('excluded.origin'),
        redirect_uris: eb.ref('excluded.redirect_uris'),
        home_url: eb.ref('excluded.home_url'),
        internal: eb.ref('excluded.internal'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
  await d.db
    .insertInto('client_secrets')
    .values({
      id: configSecretId(BANK_CLIENT_ID),
      client_id: BANK_CLIENT_ID,
      hash: clientSecretHash(d.key, BANK_CLIENT_ID, d.bankClientSecret),
      source: 'config',
      created_at: now,
      expires_at: null,
    })
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet((eb) => ({
          hash: eb.ref('excluded.hash'),
          created_at: eb.ref('excluded.created_at'),
          expires_at: null,
        }))
        // Unchanged: the row (and its created_at) stays as it is.
        .whereRef('client_secrets.hash', '<>', 'excluded.hash'),
    )
    .execute();
}
