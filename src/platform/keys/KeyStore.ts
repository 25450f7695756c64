/**
 * The key store: the keys every node of a service shares, in the service's own database, so
 * nodes started with empty data folders on one database work as one. Rules enforced:
 *
 * - Made once, race-safe: the first version of a purpose is inserted with ON CONFLICT DO NOTHING
 *   and then read back, so of two nodes starting at the same moment both end up with the winner's.
 * - Encrypted at rest: the table holds AES-256-GCM ciphertext under the key-encryption key (KEK)
 *   that the operator supplies, with the purpose and version as associated data (keyEncryption.ts).
 * - A KEK that does not open a stored key is refused loudly (KeyDecryptionError), never papered
 *   over with a new key: a new key would silently log everyone out and lose every app PIN.
 * - Rotation adds a version (rotateKey.ts): it verifies at once, signs from `activates_at` (so every
 *   node has loaded it first), and the older versions verify until their `retired_at`.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { KeysTable } from '../db/tables.ts';
import { decryptKey, encryptKey } from './keyEncryption.ts';

export interface KeysDb {
  keys: KeysTable;
}

/** One version of a key, decrypted. */
export interface KeyVersion {
  purpose: string;
  version: number;
  secret: string;
  createdAt: number;
  activatesAt: number;
  retiredAt: number | null;
}

/** The KEK given to this node does not open the keys stored in the database. */
export class KeyDecryptionError extends Error {
  override name = 'KeyDecryptionError';
  constructor(purpose: string, version: number) {
    super(
      `The key-encryption key (KEY_ENCRYPTION_KEY) does not open the stored key "${purpose}" version ${version}. ` +
        'Every node that shares this database must be given the same KEY_ENCRYPTION_KEY.',
    );
  }
}

export class KeyStore {
  readonly #db: Kysely<KeysDb>;
  readonly #kek: Buffer;
  readonly #clock: Clock;

  /** Any database whose schema includes the keys table; `kek` is 32 bytes. */
  constructor(db: Kysely<KeysDb> | { withTables: unknown }, kek: Buffer, clock: Clock) {
    if (kek.length !== 32) throw new Error('The key-encryption key must be 32 bytes');
    // Kysely's types are invariant in the schema; the keys table is all this store touches.
    this.#db = db as Kysely<KeysDb>;
    this.#kek = kek;
    this.#clock = clock;
  }

  /** Every version of `purpose`, newest first, decrypted. Throws KeyDecryptionError. */
  async versions(purpose: string): Promise<KeyVersion[]> {
    const rows = await this.#db
      .selectFrom('keys')
      .selectAll()
      .where('purpose', '=', purpose)
      .orderBy('version', 'desc')
      .execute();
    return rows.map((row) => {
      const secret = decryptKey(this.#kek, row.purpose, row.version, row.material);
      if (secret === undefined) throw new KeyDecryptionError(row.purpose, row.version);
      return {
        purpose: row.purpose,
        version: row.version,
        secret,
        createdAt: row.created_at,
        activatesAt: row.activates_at,
        retiredAt: row.retired_at,
      };
    });
  }

  /**
   * The versions of `purpose`, making version 1 with `make` when there is none yet. Of several
   * callers at once (one node or many) exactly one insert lands; every caller returns that key.
   */
  async ensure(purpose: string, make: () => string | Promise<string>): Promise<KeyVersion[]> {
    const existing = await this.versions(purpose);
    if (existing.length > 0) return existing;
    await this.#insert(purpose, 1, await make(), this.#clock.now().getTime());
    return this.versions(purpose);
  }

  /**
   * Adds the next version of `purpose`: it verifies at once and signs from `activateAfterMs` on;
   * every older version still in use verifies until `retireOldAfterMs` after that. In one
   * transaction; of two rotations from the same version one lands and both return it.
   */
  async rotate(
    purpose: string,
    make: () => string,
    opts: {
      activateAfterMs: number;
      retireOldAfterMs: number;
      /** Rotate from this version (compare-and-set); default: the newest this node reads. */
      from?: number;
    },
  ): Promise<KeyVersion> {
    // Opening the stored versions first proves this node has the KEK they were made under: a
    // version added under another KEK would split the nodes into two sets of keys.
    const [newest] = await this.versions(purpose);
    if (!newest) throw new Error(`There is no key "${purpose}" to rotate`);
    // Compare-and-set on the version: of rotations from the same version, the one that lands
    // first wins and the others report it; a rotation from an older version adds nothing.
    const version = (opts.from ?? newest.version) + 1;
    const activatesAt = this.#clock.now().getTime() + opts.activateAfterMs;
    await this.#db.transaction().execute(async (trx) => {
      // The insert comes first, so on SQLite the transaction takes the write lock at once.
      if (!(await this.#insert(purpose, version, make(), activatesAt, trx))) return;
      await trx
        .updateTable('keys')
        .set({ retired_at: activatesAt + opts.retireOldAfterMs })
        .where('purpose', '=', purpose)
        .where('version', '<', version)
        .where('retired_at', 'is', null)
        .execute();
    });
    const made = (await this.versions(purpose)).find((v) => v.version === version);
    if (!made) throw new Error(`Key "${purpose}" version ${version} was not stored`);
    return made;
  }

  /** Inserts one version unless it exists; true if this call's row landed. Encrypted here. */
  async #insert(
    purpose: string,
    version: number,
    secret: string,
    activatesAt: number,
    db: Kysely<KeysDb> = this.#db,
  ): Promise<boolean> {
    const res = await db
      .insertInto('keys')
      .values({
        purpose,
        version,
        material: encryptKey(this.#kek, purpose, version, secret),
        created_at: this.#clock.now().getTime(),
        activates_at: activatesAt,
        retired_at: null,
      })
      .onConflict((oc) => oc.columns(['purpose', 'version']).doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
  }
}
