/**
 * Managing the client registry (docs/decisions/0010 §3.3; the CLI is src/roots/cli/clients.ts):
 * add a client (its secret returned once, never kept but as its hash), add and revoke secrets,
 * disable and enable, list. Every node's ClientRegistry sees a change within a minute.
 *
 * A refusal is a ClientAdminError with a reason whose text (da, en) is `clients.refusal.<reason>`;
 * nothing is written when one is thrown.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import type { Random } from '../../platform/random.ts';
import type { MitidDb } from '../db/index.ts';
import { type Client, clientOfRow, isPermission, type Permission } from './Client.ts';
import { clientSecretHash } from './clientSecretHash.ts';

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
  return undefined;
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
  ): { row: MitidDb['client_secrets']; made: MadeSecret } {
    const secret = this.#d.random.token(32);
    const secretId = this.#d.random.token(12);
    return {
      made: { secretId, secret },
      row: {
        id: secretId,
        client_id: clientId,
        hash: clientSecretHash(this.#d.key, clientId, secret),
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
      dialect: null,
      test_client: 0,
      settings: '{}',
      created_at: now,
      updated_at: now,
    };
    const secret = input.internal ? undefined : this.#secretRow(input.id, null);
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
    const secret = this.#secretRow(clientId, opts.expiresAt ?? null);
    await this.#d.db.transaction().execute(async (trx) => {
      const client = await trx
        .selectFrom('clients')
        .select('internal')
        .where('id', '=', clientId)
        .executeTakeFirst();
      if (!client) throw new ClientAdminError('notFound');
      if (client.internal === 1) throw new ClientAdminError('internalHasNoSecret');
      await trx.insertInto('client_secrets').values(secret.row).execute();
    });
    return secret.made;
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
