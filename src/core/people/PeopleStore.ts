/**
 * The person registry over Kysely: the same code on SQLite and PostgreSQL. Works on a Kysely
 * instance or inside a transaction (a Transaction is a Kysely).
 */
import type { Kysely, Selectable } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import type { MitidDb, PeopleTable } from '../db/index.ts';
import { InvalidInputError } from './InvalidInputError.ts';
import { type PersonInput, validatePersonInput } from './validatePersonInput.ts';

export interface Person {
  cpr: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  street: string;
  postalCode: string;
  city: string;
  municipalityCode: string;
  createdAt: number;
}

export const fullName = (p: Pick<Person, 'givenName' | 'familyName'>): string =>
  `${p.givenName} ${p.familyName}`;

export function personFromRow(row: Selectable<PeopleTable>): Person {
  return {
    cpr: row.cpr,
    givenName: row.given_name,
    familyName: row.family_name,
    birthDate: row.birth_date,
    street: row.street,
    postalCode: row.postal_code,
    city: row.city,
    municipalityCode: row.municipality_code,
    createdAt: Number(row.created_at),
  };
}

export class PeopleStore {
  readonly #db: Kysely<MitidDb>;
  constructor(db: Kysely<MitidDb>) {
    this.#db = db;
  }

  /** Inserts a validated person. Fails (a unique violation) if the CPR number exists. */
  async insert(p: Person): Promise<void> {
    await this.#db
      .insertInto('people')
      .values({
        cpr: p.cpr,
        given_name: p.givenName,
        family_name: p.familyName,
        birth_date: p.birthDate,
        street: p.street,
        postal_code: p.postalCode,
        city: p.city,
        municipality_code: p.municipalityCode,
        created_at: p.createdAt,
      })
      .execute();
  }

  /**
   * Validates and creates a person. Throws InvalidInputError (nothing written) on bad input or
   * when the CPR number is already registered (reason "taken").
   */
  async create(clock: Clock, input: PersonInput): Promise<Person> {
    const v = validatePersonInput(input);
    if (!v.ok) throw new InvalidInputError(v.problems);
    if (await this.getByCpr(v.person.cpr)) throw new InvalidInputError([{ field: 'cpr', reason: 'taken' }]);
    const person: Person = { ...v.person, createdAt: clock.now().getTime() };
    await this.insert(person);
    return person;
  }

  async getByCpr(cpr: string): Promise<Person | undefined> {
    const row = await this.#db.selectFrom('people').selectAll().where('cpr', '=', cpr).executeTakeFirst();
    return row ? personFromRow(row) : undefined;
  }

  async list(): Promise<Person[]> {
    const rows = await this.#db
      .selectFrom('people')
      .selectAll()
      .orderBy('given_name')
      .orderBy('family_name')
      .orderBy('cpr')
      .execute();
    return rows.map(personFromRow);
  }
}

/** Shorthand: validate and create a person in `db`. */
export function createPerson(db: Kysely<MitidDb>, clock: Clock, input: PersonInput): Promise<Person> {
  return new PeopleStore(db).create(clock, input);
}
