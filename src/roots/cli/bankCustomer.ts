/**
 * `people create --bank-customer`: the person also becomes a Min Bank customer with a Lønkonto and
 * an Opsparing (the demo seed's CustomerStore, in Min Bank's own database of the same settings),
 * so a developer can log in to Min Bank with MitID and transfer money right after `npm start`.
 * The account numbers are random (reg.nr. 9999, ten digits); nothing is written if the CPR number
 * is a customer already.
 */
import type { Config } from '../../config/config.ts';
import { migrate, openDatabase } from '../../platform/db/database.ts';
import { cryptoRandom } from '../../platform/random.ts';
import { CustomerStore } from '../../services/bank/customerStore.ts';
import { bankMigrations } from '../../services/bank/db/migrations.ts';
import type { BankDb } from '../../services/bank/db/schema.ts';

const REG_NO = '9999';
const KRONER = 100;

/** The customer's lines for the CLI's output. */
export async function makeBankCustomer(config: Config, p: { cpr: string; name: string }): Promise<string[]> {
  const bank = await openDatabase<BankDb>({ url: config.databaseUrl, dataDir: config.dataDir, name: 'bank' });
  try {
    await migrate(bank, bankMigrations);
    const store = new CustomerStore(bank.db);
    const known = await store.getByCpr(p.cpr);
    const customer =
      known ??
      (await store.create(
        {
          cpr: p.cpr,
          name: p.name,
          mitidTurnAt: null,
          mitidDeadlineAt: null,
          accounts: [
            {
              name: 'Lønkonto',
              regNo: REG_NO,
              accountNo: cryptoRandom.digits(10),
              balanceOre: 25_000 * KRONER,
            },
            {
              name: 'Opsparing',
              regNo: REG_NO,
              accountNo: cryptoRandom.digits(10),
              balanceOre: 100_000 * KRONER,
            },
          ],
        },
        Date.now(),
        () => cryptoRandom.token(12),
      ));
    const accounts = await store.accounts(p.cpr);
    return [
      `  Min Bank      customer no. ${customer.customer_no}${known ? ' (already a customer)' : ''}`,
      ...accounts.map((a) => `    ${a.name.padEnd(10)} ${a.reg_no} ${a.account_no}`),
    ];
  } finally {
    await bank.close();
  }
}
