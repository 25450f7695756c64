/**
 * The chip's credentials (chip_credentials): what registration stores and what an assertion is
 * checked against. Rules:
 * - a credential is found only together with its authenticator: `forUse` reads the credential the
 *   assertion names AND the authenticator the login box chose, with both statuses, in one SELECT
 *   (another person's chip, a decoy authenticator and an unknown credential all read as none);
 * - the counter moves compare-and-set: of two uses that read the same counter one wins;
 * - excludeCredentials lists the person's chips that are not revoked.
 */
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../core/db/index.ts';
import type { ChipCredentialsTable, ChipDb } from './tables.ts';

export interface ChipCredential {
  authenticatorId: string;
  credentialId: string;
  publicKey: string;
  counter: number;
  transports: string[];
}

/** A credential as an assertion may use it: with its authenticator's and person's state. */
export interface CredentialForUse extends ChipCredential {
  identityId: string;
  usable: boolean;
}

type Db = Kysely<MitidDb> | Kysely<MitidDb & ChipDb>;
const chipDb = (db: Db): Kysely<MitidDb & ChipDb> => (db as Kysely<MitidDb>).withTables<ChipDb>();

export class ChipCredentials {
  readonly #db: Kysely<MitidDb & ChipDb>;
  constructor(db: Db) {
    this.#db = chipDb(db);
  }

  /** One joined SELECT: the credential, if it is `authenticatorId`'s. */
  async forUse(credentialId: string, authenticatorId: string): Promise<CredentialForUse | undefined> {
    const row = await this.#db
      .selectFrom('chip_credentials as c')
      .innerJoin('authenticators as a', 'a.id', 'c.authenticator_id')
      .innerJoin('identities as i', 'i.id', 'a.identity_id')
      .select([
        'c.authenticator_id',
        'c.credential_id',
        'c.public_key',
        'c.counter',
        'c.transports',
        'a.identity_id',
        'a.status as authenticator_status',
        'i.status as identity_status',
      ])
      .where('c.credential_id', '=', credentialId)
      .where('c.authenticator_id', '=', authenticatorId)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      ...credentialFromRow(row),
      identityId: row.identity_id,
      usable: row.authenticator_status === 'active' && row.identity_status === 'active',
    };
  }

  /** Compare-and-set: false when another use moved it first. */
  async advance(authenticatorId: string, from: number, to: number, now: number): Promise<boolean> {
    const res = await this.#db
      .updateTable('chip_credentials')
      .set({ counter: to, last_used_at: now })
      .where('authenticator_id', '=', authenticatorId)
      .where('counter', '=', from)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async exists(credentialId: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom('chip_credentials')
      .select('authenticator_id')
      .where('credential_id', '=', credentialId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The person's chips that are not revoked: registration's excludeCredentials. */
  async ofIdentity(identityId: string): Promise<ChipCredential[]> {
    const rows = await this.#db
      .selectFrom('chip_credentials as c')
      .innerJoin('authenticators as a', 'a.id', 'c.authenticator_id')
      .select(['c.authenticator_id', 'c.credential_id', 'c.public_key', 'c.counter', 'c.transports'])
      .where('a.identity_id', '=', identityId)
      .where('a.status', '!=', 'revoked')
      .orderBy('c.created_at')
      .execute();
    return rows.map(credentialFromRow);
  }

  async insert(row: ChipCredentialsTable): Promise<void> {
    await this.#db.insertInto('chip_credentials').values(row).execute();
  }
}

function credentialFromRow(
  r: Pick<
    ChipCredentialsTable,
    'authenticator_id' | 'credential_id' | 'public_key' | 'counter' | 'transports'
  >,
): ChipCredential {
  return {
    authenticatorId: r.authenticator_id,
    credentialId: r.credential_id,
    publicKey: r.public_key,
    counter: Number(r.counter),
    transports: JSON.parse(r.transports) as string[],
  };
}
