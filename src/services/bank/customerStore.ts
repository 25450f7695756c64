/** Min Bank's customers and accounts: the storage port the bank's pages use. */
import type { Kysely } from 'kysely';
import type { AccountsTable, BankDb, CustomersTable } from './db/schema.ts';

export type Customer = CustomersTable;
export type Account = AccountsTable;

export interface NewCustomer {
  cpr: string;
  name: string;
  mitidTurnAt: number | null;
  mitidDeadlineAt: number | null;
  accounts: { name: string; regNo: string; accountNo: string; balanceOre: number }[];
}

export class CustomerStore {
  readonly #db: Kysely<BankDb>;
  constructor(db: Kysely<BankDb>) {
    this.#db = db;
  }

  async getByCpr(cpr: string): Promise<Customer | undefined> {
    return this.#db.selectFrom('customers').selectAll().where('cpr', '=', cpr).executeTakeFirst();
  }

  async getByMitidUuid(uuid: string): Promise<Customer | undefined> {
    return this.#db.selectFrom('customers').selectAll().where('mitid_uuid', '=', uuid).executeTakeFirst();
  }

  async getByCustomerNo(customerNo: string): Promise<Customer | undefined> {
    return this.#db
      .selectFrom('customers')
      .selectAll()
      .where('customer_no', '=', customerNo)
      .executeTakeFirst();
  }

  /**
   * Links a MitID uuid to the customer with this CPR (one statement). False when the customer is
   * gone or the uuid is already linked to another customer (the unique index).
   */
  async linkMitidUuid(cpr: string, uuid: string): Promise<boolean> {
    try {
      const res = await this.#db
        .updateTable('customers')
        .set({ mitid_uuid: uuid })
        .where('cpr', '=', cpr)
        .where((eb) => eb.or([eb('mitid_uuid', 'is', null), eb('mitid_uuid', '=', uuid)]))
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    } catch {
      return false;
    }
  }

  async accounts(cpr: string): Promise<Account[]> {
    return this.#db
      .selectFrom('accounts')
      .selectAll()
      .where('cpr', '=', cpr)
      .orderBy('reg_no')
      .orderBy('account_no')
      .execute();
  }

  async count(): Promise<number> {
    const row = await this.#db
      .selectFrom('customers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Creates a customer with their accounts in one transaction. */
  async create(c: NewCustomer, now: number, newId: () => string): Promise<Customer> {
    return this.#db.transaction().execute(async (trx) => {
      const last = await trx
        .selectFrom('customers')
        .select((eb) => eb.fn.max('customer_no').as('max'))
        .executeTakeFirst();
      const customerNo = String(Number(last?.max ?? '100000') + 1);
      const customer: Customer = {
        cpr: c.cpr,
        customer_no: customerNo,
        name: c.name,
        mitid_turn_at: c.mitidTurnAt,
        mitid_deadline_at: c.mitidDeadlineAt,
        mitid_uuid: null,
        created_at: now,
      };
      await trx.insertInto('customers').values(customer).execute();
      for (const a of c.accounts) {
        await trx
          .insertInto('accounts')
          .values({
            id: newId(),
            cpr: c.cpr,
            name: a.name,
            reg_no: a.regNo,
            account_no: a.accountNo,
            balance_ore: a.balanceOre,
            created_at: now,
          })
          .execute();
      }
      return customer;
    });
  }
}
