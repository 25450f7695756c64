/**
 * Test setup for orders: a fresh migrated database on `dialect` with the demo offices and their
 * slots, people in the registry, a frozen clock (Tuesday 24 November 2026, 10:00 in
 * Copenhagen) and a stock of serials (memoryStock: ten of each kind unless given).
 */
import type { MitidDb } from '../../../core/db/index.ts';
import { PeopleStore } from '../../../core/people/index.ts';
import { openMitidTestDb } from '../../../core/people/testing/index.ts';
import { TestClock } from '../../../platform/clock.ts';
import type { Dialect } from '../../../platform/db/database.ts';
import type { TestDatabase } from '../../../platform/db/testDb.ts';
import { cryptoRandom, type Random } from '../../../platform/random.ts';
import { DeviceOrders } from '../DeviceOrders.ts';
import type { OrderDeps } from '../OrderDeps.ts';
import { seedOffices } from '../seedOffices.ts';
import { type MemoryStock, memoryStock } from './memoryStock.ts';

export const anna = {
  cpr: '0101901234',
  givenName: 'Anna',
  familyName: 'Berg',
  street: 'Nørrebrogade 12, 2. th.',
  postalCode: '2200',
  city: 'København N',
  municipalityCode: '101',
};

/** Another person: 10 digits, born 1985, living in Aarhus; `i` from 1 to 28. */
export function person(i: number): typeof anna {
  return {
    cpr: `${String(i).padStart(2, '0')}0385${String(1000 + i)}`,
    givenName: 'Person',
    familyName: `Nummer ${'ABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ'[i] ?? 'X'}`,
    street: `Vestergade ${i}`,
    postalCode: '8000',
    city: 'Aarhus C',
    municipalityCode: '751',
  };
}

export interface OrdersKit {
  orders: DeviceOrders;
  deps: OrderDeps;
  clock: TestClock;
  database: TestDatabase<MitidDb>;
  stock: MemoryStock;
}

export async function withOrders(
  dialect: Dialect,
  body: (kit: OrdersKit) => Promise<void>,
  opts: { people?: (typeof anna)[]; random?: Random; seed?: boolean; stock?: MemoryStock } = {},
): Promise<void> {
  const database = await openMitidTestDb(dialect);
  try {
    const clock = new TestClock('2026-11-24T09:00:00Z');
    const stock = opts.stock ?? memoryStock();
    const deps: OrderDeps = { db: database.db, clock, random: opts.random ?? cryptoRandom, serials: stock };
    const people = new PeopleStore(database.db);
    for (const p of opts.people ?? [anna]) await people.create(clock, p);
    if (opts.seed ?? true) await seedOffices(database.db, clock, deps.random);
    await body({ orders: new DeviceOrders(deps), deps, clock, database, stock });
  } finally {
    await database.close();
  }
}

/** The first free slot of the office from the clock's now on. */
export async function firstFreeSlot(kit: OrdersKit, officeId = 'bs-101'): Promise<string> {
  const now = kit.clock.now().getTime();
  const [slot] = await kit.orders.freeSlots(officeId, now, now + 30 * 86_400_000);
  if (!slot) throw new Error(`no free slot at ${officeId}`);
  return slot.id;
}

export async function countRows(kit: OrdersKit, table: 'device_orders' | 'messages'): Promise<number> {
  const row = await kit.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
