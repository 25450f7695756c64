/**
 * The staff registry (decision 0014 §5): Borgerservice clerks, each of one office, and (issue 12)
 * MitID supporters, with a login and an Argon2id password. Refusals are typed results; a login
 * answers an unknown, a disabled and a known login with a wrong password alike (a decoy
 * verification for the first two), and is throttled per login and per address (loginThrottle.ts).
 */
import type { Kysely, Selectable } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import { isUniqueViolation } from '../../platform/db/isUniqueViolation.ts';
import type { Random } from '../../platform/random.ts';
import { checkPersonText } from '../../platform/text/checkPersonText.ts';
import type { MitidDb } from '../db/index.ts';
import {
  ADDRESS_FAILURES_MAX,
  addressKey,
  countAttempt,
  LOGIN_FAILURES_MAX,
  loginKey,
  settleRight,
  settleWrong,
} from './loginThrottle.ts';
import {
  generateStaffPassword,
  hashStaffPassword,
  STAFF_PASSWORD_MAX,
  STAFF_PASSWORD_MIN,
  verifyDecoy,
  verifyStaffPassword,
} from './staffPassword.ts';
import { STAFF_ROLES, type StaffRole, type StaffTable } from './tables.ts';

export interface Staff {
  id: string;
  name: string;
  officeId: string | null;
  role: StaffRole;
  login: string;
  createdAt: number;
  disabledAt: number | null;
}

export interface NewStaff {
  name: string;
  role: string;
  officeId?: string | null;
  login: string;
  /** Omitted: one is generated and returned once. */
  password?: string;
}

export type StaffRefusal =
  | 'nameInvalid'
  | 'roleInvalid'
  | 'officeRequired'
  | 'officeNotForSupporter'
  | 'officeUnknown'
  | 'loginInvalid'
  | 'loginTaken'
  | 'passwordTooShort'
  | 'passwordTooLong';

export type CreateResult =
  | { ok: true; staff: Staff; generatedPassword?: string }
  | { ok: false; reason: StaffRefusal };

export type LoginResult =
  | { ok: true; staff: Staff }
  | { ok: false; reason: 'wrong' }
  | { ok: false; reason: 'locked'; until: number };

export interface StaffDeps {
  db: Kysely<MitidDb>;
  clock: Clock;
  random: Random;
}

/** A login as stored: NFC, no spaces at either end, lower case. */
export function normaliseLogin(login: string): string {
  return login.normalize('NFC').trim().toLowerCase();
}

const LOGIN_RE = /^[a-z0-9][a-z0-9._-]{2,39}$/;
const OFFICE_RE = /^bs-[0-9]{3}$/;

function fromRow(row: Selectable<StaffTable>): Staff {
  return {
    id: row.id,
    name: row.name,
    officeId: row.office_id,
    role: row.role,
    login: row.login,
    createdAt: Number(row.created_at),
    disabledAt: row.disabled_at === null ? null : Number(row.disabled_at),
  };
}

/** The fields alone (no database): what `create` refuses before it reads anything. */
export function newStaffRefusal(input: NewStaff): StaffRefusal | undefined {
  const name = checkPersonText(input.name, { field: 'name', max: 100 });
  if (!name.ok) return 'nameInvalid';
  if (!(STAFF_ROLES as readonly string[]).includes(input.role)) return 'roleInvalid';
  const office = input.officeId ?? null;
  if (input.role === 'clerk' && office === null) return 'officeRequired';
  if (input.role === 'supporter' && office !== null) return 'officeNotForSupporter';
  if (office !== null && !OFFICE_RE.test(office)) return 'officeUnknown';
  if (typeof input.login !== 'string' || !LOGIN_RE.test(normaliseLogin(input.login))) return 'loginInvalid';
  if (input.password !== undefined) {
    const length = [...input.password.normalize('NFC')].length;
    if (length < STAFF_PASSWORD_MIN) return 'passwordTooShort';
    if (length > STAFF_PASSWORD_MAX) return 'passwordTooLong';
  }
  return undefined;
}

export class StaffRegistry {
  readonly #deps: StaffDeps;
  constructor(deps: StaffDeps) {
    this.#deps = deps;
  }

  async create(input: NewStaff): Promise<CreateResult> {
    const refused = newStaffRefusal(input);
    if (refused) return { ok: false, reason: refused };
    const { db, clock, random } = this.#deps;
    const officeId = input.officeId ?? null;
    if (officeId !== null) {
      const office = await db
        .selectFrom('borgerservice_offices')
        .select('id')
        .where('id', '=', officeId)
        .executeTakeFirst();
      if (!office) return { ok: false, reason: 'officeUnknown' };
    }
    const generated = input.password === undefined ? generateStaffPassword(random) : undefined;
    const password = (input.password ?? generated ?? '').normalize('NFC');
    const row: StaffTable = {
      id: crypto.randomUUID(),
      name: (checkPersonText(input.name, { field: 'name', max: 100 }) as { value: string }).value,
      office_id: officeId,
      role: input.role as StaffRole,
      login: normaliseLogin(input.login),
      password_hash: await hashStaffPassword(password),
      created_at: clock.now().getTime(),
      disabled_at: null,
    };
    try {
      await db.insertInto('staff').values(row).execute();
    } catch (err) {
      if (isUniqueViolation(err)) return { ok: false, reason: 'loginTaken' };
      throw err;
    }
    return { ok: true, staff: fromRow(row), ...(generated ? { generatedPassword: generated } : {}) };
  }

  async list(): Promise<Staff[]> {
    const rows = await this.#deps.db.selectFrom('staff').selectAll().orderBy('login').execute();
    return rows.map(fromRow);
  }

  async get(id: string): Promise<Staff | undefined> {
    const row = await this.#deps.db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
    return row && fromRow(row);
  }

  /** Disables a member (one conditional UPDATE); false when unknown or already disabled. */
  async disable(id: string): Promise<boolean> {
    const res = await this.#deps.db
      .updateTable('staff')
      .set({ disabled_at: this.#deps.clock.now().getTime() })
      .where('id', '=', id)
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /**
   * A staff login from `address`: counted per login and per address before the comparison; an
   * unknown or disabled login runs the decoy verification and answers as a wrong password.
   */
  async login(login: unknown, password: unknown, address: string): Promise<LoginResult> {
    const { db, clock } = this.#deps;
    const now = clock.now().getTime();
    const norm = typeof login === 'string' ? normaliseLogin(login).slice(0, 200) : '';
    const typed = typeof password === 'string' ? password.normalize('NFC') : '';
    const byAddress = await countAttempt(db, addressKey(address), ADDRESS_FAILURES_MAX, now);
    if (!byAddress.ok) return { ok: false, reason: 'locked', until: byAddress.until };
    const byLogin = await countAttempt(db, loginKey(norm), LOGIN_FAILURES_MAX, now);
    if (!byLogin.ok) return { ok: false, reason: 'locked', until: byLogin.until };
    const row = LOGIN_RE.test(norm)
      ? await db
          .selectFrom('staff')
          .selectAll()
          .where('login', '=', norm)
          .where('disabled_at', 'is', null)
          .executeTakeFirst()
      : undefined;
    const right =
      row !== undefined && [...typed].length <= STAFF_PASSWORD_MAX
        ? await verifyStaffPassword(row.password_hash, typed)
        : await verifyDecoy(typed.slice(0, STAFF_PASSWORD_MAX));
    if (!right || !row) {
      await settleWrong(db, loginKey(norm), byLogin.failures, LOGIN_FAILURES_MAX, now);
      await settleWrong(db, addressKey(address), byAddress.failures, ADDRESS_FAILURES_MAX, now);
      return { ok: false, reason: 'wrong' };
    }
    await settleRight(db, loginKey(norm), now);
    await settleRight(db, addressKey(address), now);
    return { ok: true, staff: fromRow(row) };
  }
}
