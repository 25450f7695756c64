/**
 * Managing the client registry (docs/decisions/0010 §3.3; the CLI is src/roots/cli/clients.ts):
 * add a client (its secret returned once, never kept but as its hash), add and revoke secrets,
 * disable and enable, list. Every node's ClientRegistry sees a change within a minute.
 *
 * A refusal is a ClientAdminError with a reason whose text (da, en) is `clients.refusal.<reason>`;
 * nothing is written when one is thrown.
 */

import { type JsonWebKey as CryptoJwk, createPublicKey } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import type { Random } from '../../platform/random.ts';
import type { MitidDb } from '../db/index.ts';
import {
  type Client,
  clientOfRow,
  ID_TOKEN_ALGS,
  type IdTokenAlg,
  isClientDialect,
  isPermission,
  oidcSettingsJson,
  type Permission,
  type PublicJwk,
  TOKEN_AUTH_METHODS,
  type TokenAuthMethod,
} from './Client.ts';
import { clientSecretHash, MIN_SECRET_LENGTH, sealClientSecret } from './clientSecretHash.ts';

export const clientAdminRefusals = [
  'invalidId',
  'invalidName',
  'unknownPermission',
  'invalidOrigin',
  'invalidRedirectUri',
  'clientExists',
  'notFound',
  'internalHasNoSecret',
  'configSecret',
  'invalidDialect',
  'invalidAuthMethod',
  'invalidJwks',
  'invalidOrganisation',
  'invalidSsoGroup',
  'invalidAlg',
  'secretTooShort',
  'clientInUse',
  'configuredClient',
] as const;
export type ClientAdminRefusal = (typeof clientAdminRefusals)[number];

export class ClientAdminError extends Error {
  override name = 'ClientAdminError';
  readonly reason: ClientAdminRefusal;
  constructor(reason: ClientAdminRefusal) {
    // The reason only: never a secret (the message may be logged).
    super(`Client registry refused: ${reason}`);
    this.reason = reason;
  }
}

export interface NewClient {
  /** Lower-case letters, digits, '.', '-', '_'; 2–64 characters, starting with a letter or digit. */
  id: string;
  name: string;
  permissions: readonly string[];
  origin?: string;
  redirectUris?: readonly string[];
  homeUrl?: string;
  /** In MitID's own process: no secret is made. */
  internal?: boolean;
  /** An OpenID Connect client of this broker dialect (its secret is also kept sealed). */
  dialect?: string;
  /** May use the simulation parameter (when OIDC_SIMULATION is on). */
  testClient?: boolean;
  /** The OpenID Connect metadata; what is left out takes its default (Client.ts, oidcSettingsOf). */
  oidc?: {
    tokenEndpointAuthMethod?: string;
    postLogoutRedirectUris?: readonly string[];
    organisation?: string;
    jwks?: readonly unknown[];
    idTokenSignedResponseAlg?: string;
    /** The SSO group (none by default). */
    ssoGroup?: string;
    /** The back-channel logout URI (none by default). */
    backchannelLogoutUri?: string;
  };
}

/** A secret as the listing shows it: never the secret or its hash. */
export interface SecretInfo {
  id: string;
  source: 'config' | 'admin';
  createdAt: number;
  expiresAt: number | null;
}

export interface MadeSecret {
  secretId: string;
  /** Shown once to the operator; only its hash is kept. */
  secret: string;
}

export interface ClientAdminDeps {
  db: Kysely<MitidDb>;
  clock: Clock;
  random: Random;
  /** clientSecretKey (deriveClientSecretKey of the server secret). */
  key: Buffer;
}

const ID = /^[a-z0-9][a-z0-9._-]{1,63}$/;

/** An absolute http(s) URL without credentials or fragment; `originOnly`: nothing after the host. */
function urlOk(value: string, originOnly: boolean): boolean {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return false;
  if (u.username || u.password || u.hash || value.includes('#')) return false;
  return originOnly ? u.origin === value : true;
}

/**
 * What `add` would refuse in the input alone, before any database is touched (the CLI checks
 * with it first, so bad input opens nothing); `clientExists` needs the database and is not here.
 */
export function newClientRefusal(input: NewClient): ClientAdminRefusal | undefined {
  if (!ID.test(input.id)) return 'invalidId';
  const name = input.name.trim();
  if (name.length < 1 || name.length > 100 || /[\p{Cc}\p{Cf}]/u.test(name)) return 'invalidName';
  if (!input.permissions.every(isPermission)) return 'unknownPermission';
  if (input.origin !== undefined && !urlOk(input.origin, true)) return 'invalidOrigin';
  if (!(input.redirectUris ?? []).every((u) => urlOk(u, false))) return 'invalidRedirectUri';
  if (input.homeUrl !== undefined && !urlOk(input.homeUrl, false)) return 'invalidRedirectUri';
  return oidcRefusal(input);
}

/** An SSO group's name: lower-case letters, digits, '.', '-', '_', 1–64 characters. */
const SSO_GROUP = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const ORGANISATION = /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,99}$/u;

/** The OpenID Connect parts of a new client: a known dialect, method and alg, usable keys. */
function oidcRefusal(input: NewClient): ClientAdminRefusal | undefined {
  const o = input.oidc;
  if (input.dialect === undefined) return o || input.testClient ? 'invalidDialect' : undefined;
  if (!isClientDialect(input.dialect)) return 'invalidDialect';
  if (input.internal) return 'invalidDialect';
  const method = o?.tokenEndpointAuthMethod ?? 'client_secret_basic';
  if (!(TOKEN_AUTH_METHODS as readonly string[]).includes(method)) return 'invalidAuthMethod';
  if (!(o?.postLogoutRedirectUris ?? []).every((u) => urlOk(u, false))) return 'invalidRedirectUri';
  if (o?.organisation !== undefined && !ORGANISATION.test(o.organisation)) return 'invalidOrganisation';
  if (o?.ssoGroup !== undefined && !SSO_GROUP.test(o.ssoGroup)) return 'invalidSsoGroup';
  if (o?.backchannelLogoutUri !== undefined && !urlOk(o.backchannelLogoutUri, false))
    return 'invalidRedirectUri';
  const alg = o?.idTokenSignedResponseAlg ?? 'RS256';
  if (!(ID_TOKEN_ALGS as readonly string[]).includes(alg)) return 'invalidAlg';
  const jwks = o?.jwks ?? [];
  if (!jwks.every(publicJwkOk)) return 'invalidJwks';
  if (method === 'private_key_jwt' && jwks.length === 0) return 'invalidJwks';
  return undefined;
}

/** A public RSA or EC signing key that node:crypto can import, with no private part. */
function publicJwkOk(k: unknown): boolean {
  if (!k || typeof k !== 'object') return false;
  const jwk = k as Record<string, unknown>;
  if (jwk.kty !== 'RSA' && jwk.kty !== 'EC') return false;
  if ('d' in jwk || 'p' in jwk || 'q' in jwk) return false;
  try {
    createPublicKey({ key: jwk as CryptoJwk, format: 'jwk' });
    return true;
  } catch {
    return false;
  }
}

/** The settings column of a new client (Client.ts reads it back). */
function settingsOf(input: NewClient): string {
  if (input.dialect === undefined) return '{}';
  const o = input.oidc ?? {};
  return oidcSettingsJson({
    tokenEndpointAuthMethod: (o.tokenEndpointAuthMethod ?? 'client_secret_basic') as TokenAuthMethod,
    postLogoutRedirectUris: o.postLogoutRedirectUris ?? [],
    ...(o.organisation ? { organisation: o.organisation } : {}),
    jwks: (o.jwks ?? []) as PublicJwk[],
    idTokenSignedResponseAlg: (o.idTokenSignedResponseAlg ?? 'RS256') as IdTokenAlg,
    ...(o.ssoGroup ? { ssoGroup: o.ssoGroup } : {}),
    ...(o.backchannelLogoutUri ? { backchannelLogoutUri: o.backchannelLogoutUri } : {}),
  });
}

export class ClientAdmin {
  readonly #d: ClientAdminDeps;
  constructor(deps: ClientAdminDeps) {
    this.#d = deps;
  }

  #now(): number {
    return this.#d.clock.now().getTime();
  }

  #secretRow(
    clientId: string,
    expiresAt: number | null,
    sealed: boolean,
    given?: string,
  ): { row: MitidDb['client_secrets']; made: MadeSecret } {
    const secret = given ?? this.#d.random.token(32);
    // `s` first: a base64url id may begin with `-`, which a command line reads as an option
    // (`npm run clients -- revoke-secret shop -x…` could not name it).
    const secretId = `s${this.#d.random.token(12)}`;
    return {
      made: { secretId, secret },
      row: {
        id: secretId,
        client_id: clientId,
        hash: clientSecretHash(this.#d.key, clientId, secret),
        sealed: sealed ? sealClientSecret(this.#d.key, clientId, secret) : null,
        source: 'admin',
        created_at: this.#now(),
        expires_at: expiresAt,
      },
    };
  }

  /** Adds an active client and (unless internal) its first secret, in one transaction. */
  async add(input: NewClient): Promise<{ client: Client; secret?: MadeSecret }> {
    const refused = newClientRefusal(input);
    if (refused) throw new ClientAdminError(refused);
    const name = input.name.trim();
    const uris = input.redirectUris ?? [];
    const now = this.#now();
    const row: MitidDb['clients'] = {
      id: input.id,
      name,
      status: 'active',
      permissions: JSON.stringify([...new Set(input.permissions as readonly Permission[])]),
      origin: input.origin ?? null,
      redirect_uris: JSON.stringify(uris),
      home_url: input.homeUrl ?? null,
      internal: input.internal ? 1 : 0,
      dialect: input.dialect ?? null,
      test_client: input.testClient ? 1 : 0,
      settings: settingsOf(input),
      created_at: now,
      updated_at: now,
    };
    const secret = input.internal ? undefined : this.#secretRow(input.id, null, input.dialect !== undefined);
    await this.#d.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('clients')
        .values(row)
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) throw new ClientAdminError('clientExists');
      if (secret) await trx.insertInto('client_secrets').values(secret.row).execute();
    });
    return { client: clientOfRow(row), ...(secret ? { secret: secret.made } : {}) };
  }

  /** Another secret for the client (a rotation: the old one keeps working until revoked or expired). */
  async addSecret(clientId: string, opts: { expiresAt?: number } = {}): Promise<MadeSecret> {
    const secret = this.#secretRow(clientId, opts.expiresAt ?? null, true);
    await this.#d.db.transaction().execute(async (trx) => {
      const client = await trx
        .selectFrom('clients')
        .select(['internal', 'dialect'])
        .where('id', '=', clientId)
        .executeTakeFirst();
      if (!client) throw new ClientAdminError('notFound');
      if (client.internal === 1) throw new ClientAdminError('internalHasNoSecret');
      const row = client.dialect === null ? { ...secret.row, sealed: null } : secret.row;
      await trx.insertInto('client_secrets').values(row).execute();
    });
    return secret.made;
  }

  /**
   * The clients file (CLIENTS_FILE) at start: the client as the file describes it, added or its
   * row replaced (status kept: a client an operator disabled stays disabled), with the file's
   * secret as its one `file` secret. Validated as `add` is; nothing is written when refused.
   */
  async upsert(input: NewClient, secret: string): Promise<Client> {
    const refused = newClientRefusal(input);
    if (refused) throw new ClientAdminError(refused);
    if (secret.length < MIN_SECRET_LENGTH || /\s/.test(secret)) throw new ClientAdminError('secretTooShort');
    const now = this.#now();
    const row: MitidDb['clients'] = {
      id: input.id,
      name: input.name.trim(),
      status: 'active',
      permissions: JSON.stringify([...new Set(input.permissions as readonly Permission[])]),
      origin: input.origin ?? null,
      redirect_uris: JSON.stringify(input.redirectUris ?? []),
      home_url: input.homeUrl ?? null,
      internal: 0,
      dialect: input.dialect ?? null,
      test_client: input.testClient ? 1 : 0,
      settings: settingsOf(input),
      created_at: now,
      updated_at: now,
    };
    const made = this.#secretRow(input.id, null, input.dialect !== undefined, secret);
    const secretRow = { ...made.row, id: `file:${input.id}`, source: 'config' as const };
    await this.#d.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('clients')
        .values(row)
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            permissions: eb.ref('excluded.permissions'),
            origin: eb.ref('excluded.origin'),
            redirect_uris: eb.ref('excluded.redirect_uris'),
            home_url: eb.ref('excluded.home_url'),
            dialect: eb.ref('excluded.dialect'),
            test_client: eb.ref('excluded.test_client'),
            settings: eb.ref('excluded.settings'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
      await trx
        .insertInto('client_secrets')
        .values(secretRow)
        .onConflict((oc) =>
          oc
            .column('id')
            .doUpdateSet((eb) => ({
              hash: eb.ref('excluded.hash'),
              sealed: eb.ref('excluded.sealed'),
              created_at: eb.ref('excluded.created_at'),
            }))
            .whereRef('client_secrets.hash', '<>', 'excluded.hash'),
        )
        .execute();
    });
    return clientOfRow(row);
  }

  /**
   * Deletes the client and its secrets. Refused for a configured client (the next start writes it
   * again: disable it instead) and for one whose authentications are still kept (the person's
   * records name it: disable it instead).
   */
  async remove(clientId: string, configured: readonly string[]): Promise<void> {
    if (configured.includes(clientId)) throw new ClientAdminError('configuredClient');
    await this.#d.db.transaction().execute(async (trx) => {
      const found = await trx
        .selectFrom('clients')
        .select('id')
        .where('id', '=', clientId)
        .executeTakeFirst();
      if (!found) throw new ClientAdminError('notFound');
      const used = await trx
        .selectFrom('authentications')
        .select('id')
        .where('client_id', '=', clientId)
        .limit(1)
        .executeTakeFirst();
      if (used) throw new ClientAdminError('clientInUse');
      await trx.deleteFrom('client_secrets').where('client_id', '=', clientId).execute();
      await trx.deleteFrom('clients').where('id', '=', clientId).execute();
    });
  }

  /** Deletes one of the client's secrets. The settings' secret is replaced at start instead. */
  async revokeSecret(clientId: string, secretId: string): Promise<void> {
    const found = await this.#d.db
      .selectFrom('client_secrets')
      .select('source')
      .where('id', '=', secretId)
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    if (!found) throw new ClientAdminError('notFound');
    if (found.source === 'config') throw new ClientAdminError('configSecret');
    await this.#d.db
      .deleteFrom('client_secrets')
      .where('id', '=', secretId)
      .where('client_id', '=', clientId)
      .execute();
  }

  /** The client stops authenticating and starting anything, on every node within a minute. */
  disable(clientId: string): Promise<void> {
    return this.#setStatus(clientId, 'disabled');
  }

  enable(clientId: string): Promise<void> {
    return this.#setStatus(clientId, 'active');
  }

  async #setStatus(clientId: string, status: Client['status']): Promise<void> {
    const r = await this.#d.db
      .updateTable('clients')
      .set({ status, updated_at: this.#now() })
      .where('id', '=', clientId)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new ClientAdminError('notFound');
  }

  /** Every client with its secrets' ids and times, by id. */
  async list(): Promise<(Client & { secrets: SecretInfo[] })[]> {
    const [rows, secrets] = await Promise.all([
      this.#d.db.selectFrom('clients').selectAll().orderBy('id').execute(),
      this.#d.db
        .selectFrom('client_secrets')
        .select(['id', 'client_id', 'source', 'created_at', 'expires_at'])
        .orderBy('created_at')
        .orderBy('id')
        .execute(),
    ]);
    return rows.map((row) => ({
      ...clientOfRow(row),
      secrets: secrets
        .filter((s) => s.client_id === row.id)
        .map((s) => ({ id: s.id, source: s.source, createdAt: s.created_at, expiresAt: s.expires_at })),
    }));
  }
}
