/** The people CLI, run as a developer runs it, on a fresh data folder. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../platform/db/database.ts';
import type { BankDb } from '../../services/bank/db/schema.ts';

const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), 'people.ts');
const dataDir = mkdtempSync(path.join(tmpdir(), 'people-cli-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

function run(...args: string[]) {
  const res = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', cli, ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: 'sqlite' },
    encoding: 'utf8',
  });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

test('bad input: one line, exit code 2, nothing written (not even the database file)', () => {
  for (const args of [
    ['create', '--name', 'Bo'],
    ['create', '--name', 'Bo Ek', '--cpr', '310290-1234'],
    ['create', '--name', 'Bo Ek', '--municipality', '12'],
    ['create', '--name', 'Bo Ek', '--user-id', 'x<y>z', '--password', 'short'],
    ['create', '--nme', 'x'],
    ['frob'],
  ]) {
    const r = run(...args);
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
    assert.equal(r.out, '');
  }
  assert.equal(existsSync(path.join(dataDir, 'mitid.sqlite')), false);
  assert.match(run('create', '--name', 'Bo Ek', '--cpr', '310290-1234').err, /--cpr is not a real date/);
});

test('create with given values prints the person, user-ID, password and key card; list shows them', () => {
  const r = run(
    'create',
    '--name',
    'Anna Marie Berg',
    '--cpr',
    '010190-1234',
    '--user-id',
    'anna90',
    '--password',
    'Hemmelig-2026',
  );
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /Created Anna Marie Berg/);
  assert.match(r.out, /CPR number +010190-1234 \(born 1990-01-01\)/);
  assert.match(r.out, /NemID user-ID anna90/);
  assert.match(r.out, /Password +Hemmelig-2026/);
  assert.match(r.out, /Key card \d{3}-\d{3}-\d{3}/);
  assert.equal(r.out.match(/\b\d{4} {2}\d{6}\b/g)?.length, 48);

  const taken = run('create', '--name', 'Bo Ek', '--user-id', 'ANNA90');
  assert.equal(taken.code, 2);
  assert.match(taken.err, /--user-id is already taken/);

  const list = run('list');
  assert.equal(list.code, 0);
  assert.match(list.out, /010190-1234 +Anna Marie Berg +anna90 +\d{3}-\d{3}-\d{3} +48/);
  assert.doesNotMatch(list.out, /Bo Ek/, 'the refused person was not written');
});

test('create with only a name picks a valid CPR number, a user-ID and a password', () => {
  const r = run('create', '--name', 'Søren Kierkegaard');
  assert.equal(r.code, 0, r.err);
  const userId = /NemID user-ID (\S+)/.exec(r.out)?.[1] ?? '';
  assert.match(userId, /^søren\d{2}$/);
  assert.match(r.out, /Password +Nem-\d{4}-\w{6}/);
  assert.match(run('list').out, new RegExp(`Søren Kierkegaard +${userId}`));
});

test('--bank-customer: the person is also a Min Bank customer with two accounts, once', async () => {
  const r = run('create', '--name', 'Ida Holm', '--cpr', '020295-2468', '--bank-customer');
  assert.equal(r.code, 0, r.err);
  const customerNo = /Min Bank +customer no\. (\d+)/.exec(r.out)?.[1];
  assert.ok(customerNo, r.out);
  assert.match(r.out, /Lønkonto +9999 \d{10}/);
  assert.match(r.out, /Opsparing +9999 \d{10}/);
  const bank = await openDatabase<BankDb>({ url: 'sqlite', dataDir, name: 'bank' });
  try {
    const customer = await bank.db
      .selectFrom('customers')
      .selectAll()
      .where('cpr', '=', '0202952468')
      .executeTakeFirstOrThrow();
    assert.equal(customer.customer_no, customerNo);
    assert.equal(customer.name, 'Ida Holm');
    assert.equal(customer.mitid_uuid, null, 'linked at the first MitID login, not here');
    const accounts = await bank.db
      .selectFrom('accounts')
      .selectAll()
      .where('cpr', '=', '0202952468')
      .execute();
    assert.deepEqual(accounts.map((a) => [a.name, Number(a.balance_ore)]).sort(), [
      ['Lønkonto', 2_500_000],
      ['Opsparing', 10_000_000],
    ]);
  } finally {
    await bank.close();
  }
  assert.equal(run('create', '--name', 'Bo Ek', '--bank-customer', '--nope').code, 2);
});
