/**
 * Prepares the data before the services start: migrates both databases and, on the first start,
 * seeds the demo people (person, NemID with key card, and for bank customers their customer and
 * accounts). Seeding is idempotent: a person who already exists is left alone.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../../config/config.ts';
import type { MitidDb } from '../../core/db/index.ts';
import { enqueueMessage, MessageStore } from '../../core/messages/index.ts';
import { createPersonWithNemid } from '../../flows/nemid/index.ts';
import { seedOffices } from '../../flows/orders/index.ts';
import { t } from '../../i18n/catalogue.ts';
import { type Clock, DAY, systemClock } from '../../platform/clock.ts';
import { migrate, openDatabase } from '../../platform/db/database.ts';
import { cryptoRandom, type Random } from '../../platform/random.ts';
import { CustomerStore } from '../../services/bank/customerStore.ts';
import { bankMigrations } from '../../services/bank/db/migrations.ts';
import type { BankDb } from '../../services/bank/db/schema.ts';
import { mitidMigrations } from '../mitid/db/migrations.ts';
import { DEMO_PASSWORD, type DemoPerson, demoPeople } from './demoPeople.ts';
import { seedDemoDevices } from './seedDemoDevices.ts';

/** Seeds one demo person into the MitID service's database (person + NemID + key card); true if new. */
export async function seedMitidPerson(
  db: Kysely<MitidDb>,
  clock: Clock,
  random: Random,
  p: DemoPerson,
): Promise<boolean> {
  const exists = await db.selectFrom('people').select('cpr').where('cpr', '=', p.cpr).executeTakeFirst();
  if (exists) return false;
  // Person, NemID credentials and key card in one transaction: a crash leaves no half person.
  await createPersonWithNemid(
    db,
    random,
    clock,
    {
      cpr: p.cpr,
      givenName: p.givenName,
      familyName: p.familyName,
      street: p.street,
      postalCode: p.postalCode,
      city: p.city,
      municipalityCode: p.municipalityCode,
    },
    { userId: p.nemidUserId, password: DEMO_PASSWORD },
  );
  return true;
}

/** Seeds one demo person into Min Bank's database, if they are a customer. */
export async function seedBankCustomer(
  db: Kysely<BankDb>,
  clock: Clock,
  random: Random,
  p: DemoPerson,
): Promise<void> {
  if (!p.bank) return;
  const store = new CustomerStore(db);
  if (await store.getByCpr(p.cpr)) return;
  const now = clock.now().getTime();
  const turnAt = p.bank.turnInDays === null ? null : now + p.bank.turnInDays * DAY;
  await store.create(
    {
      cpr: p.cpr,
      name: `${p.givenName} ${p.familyName}`,
      mitidTurnAt: turnAt,
      // The guide: "Du kan kun bruge dit NemID hos os ind til om 30 dage."
      mitidDeadlineAt: turnAt === null ? null : turnAt + 30 * DAY,
      accounts: p.bank.accounts,
    },
    now,
    () => random.token(12),
  );
}

export async function prepareData(
  config: Config,
  clock: Clock = systemClock,
  random: Random = cryptoRandom,
): Promise<DemoPerson[]> {
  const mitid = await openDatabase<MitidDb>({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    name: 'mitid',
  });
  const bank = await openDatabase<BankDb>({ url: config.databaseUrl, dataDir: config.dataDir, name: 'bank' });
  try {
    await migrate(mitid, mitidMigrations);
    await migrate(bank, bankMigrations);
    // Borgerservice offices and their bookable times are reference data: always there, and each
    // start extends the 21-day window of free times (bookings are kept).
    await seedOffices(mitid.db, clock, random);
    // Code devices in stock for the demo (an empty kind gets a demo PSKC batch, imported for real).
    if (config.devPages || config.seedDemo) await seedDemoDevices(mitid, config, clock, random);
    if (!config.seedDemo) return [];
    const outbox = new MessageStore(mitid.db);
    for (const person of demoPeople) {
      await seedMitidPerson(mitid.db, clock, random, person);
      // Without a net bank, the turn to get MitID is announced in Digital Post (the guide). It is
      // written while the person has no letter at all, so a start that died between the person
      // and the letter writes it at the next start (its fixed id keeps two racing starts from
      // writing two). It is queued: the MitID service's delivery worker picks it up at start.
      const letterId = `seed-turn-letter-${person.cpr}`;
      if (!person.bank && !(await outbox.latestTo(person.cpr, 'digitalpost'))) {
        await enqueueMessage(
          mitid.db,
          {
            channel: 'digitalpost',
            to: person.cpr,
            subject: t('da', 'mitid.turnLetter.subject'),
            body: t('da', 'mitid.turnLetter.body', {
              name: `${person.givenName} ${person.familyName}`,
              url: config.mitidUrl,
            }),
          },
          { id: letterId, now: clock.now() },
        );
      }
      await seedBankCustomer(bank.db, clock, random, person);
    }
    return demoPeople;
  } finally {
    await mitid.close();
    await bank.close();
  }
}
