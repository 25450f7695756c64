/**
 * The one client registry (docs/decisions/0010 §3.3): every client and secret hash of the
 * database, kept in this node's memory, so that authenticating a client costs no SQL statement.
 *
 * Freshness, with the injected clock:
 * - the copy is read again when it is KEY_RELOAD_MS old (a minute, as the key rings), by the first
 *   call after that, which waits for it: a client disabled (or a secret revoked) through any node
 *   stops on every node within a minute;
 * - a lookup of an id the copy lacks (`get`) reads again at once, at most once a second, so a
 *   client just added through another node is found;
 * - authentication never waits for that miss read: it answers from the copy it has and starts the
 *   read in the background. Otherwise an unknown id would take the time of a database read and a
 *   known one not, which tells a stranger which ids exist.
 *
 * Authentication compares in constant time: the HMAC of the presented secret is computed whether
 * or not the id is known, and compared with every live hash of the client, or with a dummy hash.
 * A disabled client, an internal one (no secret), an expired secret and a missing permission all
 * fail alike: the caller answers each as a wrong secret (401 invalid_client).
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import { parseBasicAuth } from '../../platform/http/basicAuth.ts';
import { KEY_RELOAD_MS } from '../../platform/keys/keyPurposes.ts';
import type { MitidDb } from '../db/index.ts';
import {
  type Client,
  clientOfRow,
  may,
  type Permission,
  redirectUriAllowed,
  returnUrlAllowed,
} from './Client.ts';
import { clientSecretMac, openClientSecret, sameMac } from './clientSecretHash.ts';

/** A lookup of an unknown id reads the clients again at most this often. */
export const MISS_RELOAD_MS = 1000;

export interface ClientRegistryDeps {
  db: Kysely<MitidDb>;
  clock: Clock;
  /** clientSecretKey (deriveClientSecretKey of the server secret). */
  key: Buffer;
  /** Where a failed background read is reported (the next call reads again). */
  onReloadError?: (err: unknown) => void;
}

interface Entry {
  client: Client;
  secrets: { mac: Buffer; expiresAt: number | null; createdAt: number; sealed: string | null }[];
}

/** Compared with when the id is unknown: the same work, never equal to a real MAC by chance. */
const DUMMY_MAC = Buffer.alloc(32);

export class ClientRegistry {
  readonly #d: ClientRegistryDeps;
  #entries: ReadonlyMap<string, Entry> = new Map();
  #loadedAt = Number.NEGATIVE_INFINITY;
  /** When a miss last asked for a read (or the copy was last read). */
  #missReadAt = Number.NEGATIVE_INFINITY;
  #loading: Promise<void> | undefined;
  /**
   * Sealed secrets already opened (client id and sealed text → the secret): the providers ask for
   * it on every look-up of a client, and a sealed text under one id and one key always opens to
   * the same secret. Only what the copy holds is kept (replaced at each reload).
   */
  #opened = new Map<string, string>();

  private constructor(deps: ClientRegistryDeps) {
    this.#d = deps;
  }

  /** A registry with the database's clients read once. */
  static async load(deps: ClientRegistryDeps): Promise<ClientRegistry> {
    const registry = new ClientRegistry(deps);
    await registry.reload();
    return registry;
  }

  #now(): number {
    return this.#d.clock.now().getTime();
  }

  /** Reads every client and secret hash (two statements) and swaps the copy at once. */
  reload(): Promise<void> {
    // One read at a time: callers that arrive meanwhile share it.
    this.#loading ??= this.#read().finally(() => {
      this.#loading = undefined;
    });
    return this.#loading;
  }

  async #read(): Promise<void> {
    const startedAt = this.#now();
    const [rows, secrets] = await Promise.all([
      this.#d.db.selectFrom('clients').selectAll().execute(),
      this.#d.db
        .selectFrom('client_secrets')
        .select(['client_id', 'hash', 'expires_at', 'created_at', 'sealed'])
        .execute(),
    ]);
    const entries = new Map<string, Entry>();
    for (const row of rows) entries.set(row.id, { client: clientOfRow(row), secrets: [] });
    for (const s of secrets) {
      entries.get(s.client_id)?.secrets.push({
        mac: Buffer.from(s.hash, 'base64url'),
        expiresAt: s.expires_at,
        createdAt: s.created_at,
        sealed: s.sealed,
      });
    }
    const opened = new Map<string, string>();
    for (const s of secrets) {
      const cacheKey = `${s.client_id}\n${s.sealed ?? ''}`;
      const secret = this.#opened.get(cacheKey);
      if (secret !== undefined) opened.set(cacheKey, secret);
    }
    this.#opened = opened;
    this.#entries = entries;
    this.#loadedAt = startedAt;
    this.#missReadAt = Math.max(this.#missReadAt, startedAt);
  }

  /** The copy, read again first if it is a minute old. */
  async #fresh(): Promise<ReadonlyMap<string, Entry>> {
    if (this.#now() - this.#loadedAt >= KEY_RELOAD_MS) await this.reload();
    return this.#entries;
  }

  /** Whether a miss may read again now; if so, the next second's misses may not. */
  #takeMissReload(): boolean {
    const now = this.#now();
    if (now - this.#missReadAt < MISS_RELOAD_MS) return false;
    this.#missReadAt = now;
    return true;
  }

  /** The client of this id, active or not (its name for old records, say). */
  async get(id: string): Promise<Client | undefined> {
    const entry = (await this.#fresh()).get(id);
    if (entry || !this.#takeMissReload()) return entry?.client;
    await this.reload();
    return this.#entries.get(id)?.client;
  }

  /**
   * The client whose id and secret these are, if it is active and holds `permission`; otherwise
   * undefined, the same for every reason and in the same time.
   */
  async authenticate(id: string, secret: string, permission: Permission): Promise<Client | undefined> {
    const entries = await this.#fresh();
    const entry = entries.get(id);
    if (!entry && this.#takeMissReload()) {
      // After this request's own work (a later turn of the event loop), so that not even a
      // synchronous driver's read runs before its answer.
      setImmediate(() => this.reload().catch((err: unknown) => this.#d.onReloadError?.(err)));
    }
    const mac = clientSecretMac(this.#d.key, id, secret);
    const now = this.#now();
    let matched = false;
    if (entry) {
      // Every live hash is compared, without stopping at a match.
      for (const s of entry.secrets) {
        const live = s.expiresAt === null || s.expiresAt > now;
        if (sameMac(mac, s.mac) && live) matched = true;
      }
    } else {
      sameMac(mac, DUMMY_MAC);
    }
    if (!entry || !matched) return undefined;
    const { client } = entry;
    return !client.internal && may(client, permission) ? client : undefined;
  }

  /** HTTP Basic client authentication (RFC 7617 with RFC 6749's form-encoding); see authenticate. */
  async authenticateBasic(
    authorization: string | undefined,
    permission: Permission,
  ): Promise<Client | undefined> {
    const creds = parseBasicAuth(authorization);
    // A malformed header is refused without a lookup: it names no id, so the time tells nothing.
    if (!creds) return undefined;
    return this.authenticate(creds.id, creds.secret, permission);
  }

  /**
   * An OpenID Connect client's newest live secret itself (its sealed copy, opened), for what is
   * keyed with it (HS256 request objects); undefined when it has none sealed. Never logged.
   */
  async sealedSecret(id: string): Promise<string | undefined> {
    const entry = (await this.#fresh()).get(id);
    if (!entry) return undefined;
    const now = this.#now();
    const live = entry.secrets
      .filter((s) => s.sealed !== null && (s.expiresAt === null || s.expiresAt > now))
      .sort((a, b) => b.createdAt - a.createdAt);
    for (const s of live) {
      const cacheKey = `${id}\n${s.sealed ?? ''}`;
      const cached = this.#opened.get(cacheKey);
      if (cached !== undefined) return cached;
      const opened = openClientSecret(this.#d.key, id, s.sealed ?? '');
      if (opened !== undefined) {
        this.#opened.set(cacheKey, opened);
        return opened;
      }
    }
    return undefined;
  }

  /** Every client (for the OpenID Connect providers' look-ups by dialect). */
  async all(): Promise<Client[]> {
    return [...(await this.#fresh()).values()].map((e) => e.client);
  }

  may(client: Client, p: Permission): boolean {
    return may(client, p);
  }

  returnUrlAllowed(client: Client, url: string): boolean {
    return returnUrlAllowed(client, url);
  }

  redirectUriAllowed(client: Client, uri: string): boolean {
    return redirectUriAllowed(client, uri);
  }
}
