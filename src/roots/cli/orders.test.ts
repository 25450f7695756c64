/**
 * The orders CLI, run as a developer runs it, on a fresh data folder with one person and their
 * orders: list, advance (one step, a refusal, bad input) and deliver.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../core/db/index.ts';
import { PeopleStore } from '../../core/people/index.ts';
import { DeviceOrders } from '../../flows/orders/index.ts';
import { systemClock } from '../../platform/clock.ts';
import { migrate, openDatabase } from '../../platform/db/database.ts';
import { cryptoRandom } from '../../platform/random.ts';
import { mitidMigrations } from '../mitid/db/migrations.ts';

const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), 'orders.ts');
const dataDir = mkdtempSync(path.join(tmpdir(), 'orders-cli-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

const cpr = '0101901234';
const ids: { chip: string; display: string } = { chip: '', display: '' };

function run(...args: string[]) {
  const res = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', cli, ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: 'sqlite' },
    encoding: 'utf8',
  });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

async function withDb<R>(body: (db: Kysely<MitidDb>, orders: DeviceOrders) => Promise<R>): Promise<R> {
  const database = await openDatabase<MitidDb>({ url: 'sqlite', dataDir, name: 'mitid' });
  try {
    await migrate(database, mitidMigrations);
    const orders = new DeviceOrders({ db: database.db, clock: systemClock, random: cryptoRandom });
    return await body(database.db, orders);
  } finally {
    await database.close();
  }
}

before(() =>
  withDb(async (db, orders) => {
    await new PeopleStore(db).create(systemClock, {
      cpr,
      givenName: 'Anna',
      familyName: 'Berg',
      street: 'Nørrebrogade 12',
      postalCode: '2200',
      city: 'København N',
      municipalityCode: '101',
    });
    const chip = await orders.placeOrder({ cpr, kind: 'chip', delivery: 'post' });
    const display = await orders.placeOrder({ cpr, kind: 'codeDisplay', delivery: 'post' });
    assert.ok(chip.ok && display.ok);
    ids.chip = chip.order.id;
    ids.display = display.order.id;
  }),
);

test('bad input: one line, exit code 2, nothing changed', async () => {
  for (const args of [
    [],
    ['frob'],
    ['list', '--cpr', '3102901234'],
    ['list', 'extra'],
    ['deliver'],
    ['advance', ids.display],
    ['advance', ids.display, 'lost'],
    ['advance', ids.display, 'packed', 'more'],
    ['list', '--cpx', '1'],
  ]) {
    const r = run(...args);
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
    assert.equal(r.out, '');
  }
  await withDb(async (_db, orders) => {
    assert.equal((await orders.getOrder(ids.display))?.status, 'ordered');
  });
});

test("list shows the open orders with kind, status and price; --cpr all of one person's", () => {
  const r = run('list');
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trim().split('\n');
  assert.equal(lines.length, 2);
  assert.match(r.out, new RegExp(`${ids.chip} +010190-1234 +chip +post +ordered +143\\.60 kr`));
  assert.match(r.out, new RegExp(`${ids.display} +010190-1234 +codeDisplay +post +ordered +free`));
  const sorted = (out: string) => out.trim().split('\n').sort();
  assert.deepEqual(sorted(run('list', '--cpr', '010190-1234').out), sorted(r.out));
  assert.equal(run('list', '--cpr', '0202021234').out, 'No orders.\n');
});

test('advance: one step, the same step again, backwards refused; a kodeviser waits for stock, then takes it', async () => {
  const packed = run('advance', ids.chip, 'packed');
  assert.equal(packed.code, 0, packed.err);
  assert.match(packed.out, /^Advanced: .* packed /);
  assert.match(run('advance', ids.chip, 'packed').out, /^Already there: /);
  const back = run('advance', ids.chip, 'ordered');
  assert.equal(back.code, 1);
  assert.equal(back.err, `Refused: backwards (order ${ids.chip}, to ordered)\n`);
  const shipped = run('advance', ids.chip, 'shipped');
  assert.equal(shipped.code, 0, shipped.err);
  const noStock = run('advance', ids.display, 'shipped');
  assert.equal(noStock.code, 1);
  assert.match(noStock.err, /^Refused: outOfStock /);
  assert.equal(run('advance', 'no-such-order', 'packed').code, 1);
  await withDb(async (db, orders) => {
    assert.equal((await orders.getOrder(ids.chip))?.status, 'shipped');
    assert.equal((await orders.getOrder(ids.display))?.status, 'ordered');
    await db
      .insertInto('code_device_stock')
      .values({
        serial: 'KV-100000001',
        kind: 'codeDisplay',
        batch: 'test-batch',
        secret: 'sealed-seed-not-read-here',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        t0: 0,
        status: 'in_stock',
        order_id: null,
        blocked_until: null,
        imported_at: Date.now(),
        updated_at: Date.now(),
      })
      .execute();
  });
  const fromStock = run('advance', ids.display, 'shipped');
  assert.equal(fromStock.code, 0, fromStock.err);
  assert.match(fromStock.out, /^Advanced: .* shipped +free +KV-100000001 /);
});

test('deliver: every open order of the person arrives', async () => {
  const r = run('deliver', '--cpr', cpr);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, new RegExp(`${ids.chip} .* delivered`));
  assert.match(r.out, new RegExp(`${ids.display} .* delivered +free +KV-100000001`));
  assert.equal(run('list').out, 'No orders.\n');
  await withDb(async (_db, orders) => {
    assert.equal((await orders.getOrder(ids.chip))?.open, false);
  });
});
