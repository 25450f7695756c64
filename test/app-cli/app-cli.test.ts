/**
 * The MitID app on the command line against the whole system (`npm start`): a person who got to
 * the activation step through the bank activates the CLI app, a service's transactions are
 * listed, approved with the PIN and rejected, a wrong PIN is refused, a second user joins the same
 * app, and a second device is added with a transfer code. The PIN appears in no output.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser.ts';
import { openSystemData, type SystemData } from '../support/data.ts';
import { latestCode, outbox } from '../support/outbox.ts';
import { type RunningSystem, startSystem } from '../support/system.ts';
import { activationCodeFromBank, type BankCustomer, bankAuthorization } from './activationCodeFromBank.ts';
import { AppCliSession, type CliRun, runAppCli } from './runAppCli.ts';

const jonas: BankCustomer = {
  cpr: '1505831017',
  name: 'Jonas Jensen',
  mobile: '20304050',
  userId: 'J()nas Jen5en',
};
const karen: BankCustomer = {
  cpr: '0202612046',
  name: 'Karen Hansen',
  mobile: '30405060',
  userId: 'KarenH2046',
};
const JONAS_PIN = '246813';
const KAREN_PIN = '975319';

let system: RunningSystem;
let data: SystemData;
let browser: Browser;
const stateRoot = mkdtempSync(path.join(tmpdir(), 'app-cli-e2e-'));
const state = ['--state', path.join(stateRoot, 'phone')];
const outputs: string[] = [];

before(async () => {
  system = await startSystem();
  data = await openSystemData(system);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await data?.close();
  const code = await system?.stop();
  rmSync(stateRoot, { recursive: true, force: true });
  assert.equal(code, 0, `npm start did not stop cleanly:\n${system?.output()}`);
});

async function cli(args: string[], input?: string): Promise<CliRun> {
  const r = await runAppCli([...args, ...state], input);
  outputs.push(r.stdout, r.stderr);
  return r;
}

async function createTransaction(userId: string, text: string, action = 'approve'): Promise<string> {
  const res = await fetch(new URL('/api/transactions', system.mitidUrl), {
    method: 'POST',
    headers: { authorization: bankAuthorization(system), 'content-type': 'application/json' },
    body: JSON.stringify({ userId, serviceName: 'Min Bank', action, text, level: 'high' }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  return ((await res.json()) as { transactionId: string }).transactionId;
}

async function transactionStatus(id: string): Promise<string> {
  const res = await fetch(new URL(`/api/transactions/${encodeURIComponent(id)}`, system.mitidUrl), {
    headers: { authorization: bankAuthorization(system) },
  });
  assert.equal(res.status, 200, await res.clone().text());
  return ((await res.json()) as { status: string }).status;
}

/** `activate` answered prompt by prompt, the temporary PIN read from the SMS when it is sent. */
async function activateInteractively(person: BankCustomer, pin: string): Promise<CliRun> {
  // The net bank shows the code first; then the person opens the app.
  const code = await activationCodeFromBank(system, browser, person);
  const session = new AppCliSession([
    'activate',
    '--server',
    system.mitidUrl,
    '--user',
    person.userId,
    '--device-name',
    'Test CLI',
    ...state,
  ]);
  await session.prompt('Activation code from your net bank');
  session.answer(code);
  await session.prompt('Temporary PIN (8 digits): ');
  session.answer(await latestCode(system, `+45${person.mobile}`));
  await session.prompt('New PIN: ');
  session.answer(pin);
  await session.prompt('Type the PIN again: ');
  session.answer(pin);
  const r = await session.end();
  outputs.push(r.stdout, r.stderr);
  return r;
}

describe('the MitID app on the command line', () => {
  test('Jonas activates the app with the code from the bank, the temporary PIN by SMS and his PIN', async () => {
    const r = await activateInteractively(jonas, JONAS_PIN);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /sent by SMS to \+45/);
    assert.match(r.stdout, /MitID app activated for J\(\)nas Jen5en on this device/);
    const identity = await data.mitid.db
      .selectFrom('identities')
      .select(['status'])
      .where('cpr', '=', jonas.cpr)
      .executeTakeFirstOrThrow();
    assert.equal(identity.status, 'active');
    const [newest] = await outbox(system, '+4520304050');
    assert.match(newest?.body ?? '', /MitID app er aktiveret på en ny enhed/);

    const users = await cli(['users']);
    assert.equal(users.code, 0);
    assert.match(users.stdout, /^J\(\)nas Jen5en {2}http:\/\/localhost:\d+ {2}device /);
  });

  test('a transaction is listed with its text and approved with the PIN', async () => {
    const text = 'Overfør 1.250,00 kr. til 9999 0087654321';
    const id = await createTransaction(jonas.userId, text);
    const pending = await cli(['pending', '--user', jonas.userId]);
    assert.equal(pending.code, 0, pending.stderr);
    assert.match(
      pending.stdout,
      new RegExp(`Min Bank asks you to approve:\\n {4}${text.replaceAll('.', '\\.')}\\n`),
    );
    assert.match(pending.stdout, new RegExp(`Transaction ${id}, PIN required`));

    const approved = await cli(['approve', '--user', jonas.userId, '--tx', id, '--pin', JONAS_PIN]);
    assert.equal(approved.code, 0, approved.stderr);
    assert.equal(approved.stdout, `Transaction ${id} approved.\n`);
    assert.equal(await transactionStatus(id), 'approved');
    const stored = await data.mitid.db
      .selectFrom('authentications')
      .select(['status', 'challenge'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      { ...stored },
      { status: 'approved', challenge: null },
      'decided, the challenge consumed',
    );
    const again = await cli(['pending', '--user', jonas.userId]);
    assert.match(again.stdout, /Nothing waits for J\(\)nas Jen5en\./);
  });

  test('a wrong PIN is refused and the transaction stays pending; then Jonas rejects it', async () => {
    const id = await createTransaction(jonas.userId, 'Overfør 99.999,00 kr. til 9999 0000000001');
    const wrong = await cli(['approve', '--user', jonas.userId, '--tx', id, '--pin', '000000']);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /Wrong PIN\. 2 attempts left\./);
    assert.equal(await transactionStatus(id), 'pending');
    const status = await cli(['status', '--user', jonas.userId]);
    assert.match(status.stdout, /PIN: 2 attempts left\./, 'the server counted the attempt');

    const rejected = await cli(['reject', '--user', jonas.userId, '--tx', id]);
    assert.equal(rejected.code, 0, rejected.stderr);
    assert.equal(rejected.stdout, `Transaction ${id} rejected.\n`);
    assert.equal(await transactionStatus(id), 'rejected');

    const late = await cli(['approve', '--user', jonas.userId, '--tx', id, '--pin', JONAS_PIN]);
    assert.equal(late.code, 1, 'a decided transaction cannot be approved');
  });

  test('Karen joins the same app as a second user with her own PIN', async () => {
    const r = await activateInteractively(karen, KAREN_PIN);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const users = await cli(['users']);
    assert.deepEqual(
      users.stdout
        .trim()
        .split('\n')
        .map((l) => l.split('  ')[0]),
      ['J()nas Jen5en', 'KarenH2046'],
    );
    const id = await createTransaction(karen.userId, 'Log på Min Bank', 'login');
    const jonasList = await cli(['pending', '--user', jonas.userId]);
    assert.ok(!jonasList.stdout.includes(id), 'Jonas does not see Karen’s');
    const withJonasPin = await cli(['approve', '--user', karen.userId, '--tx', id, '--pin', JONAS_PIN]);
    assert.equal(withJonasPin.code, 1, withJonasPin.stderr + withJonasPin.stdout);
    const approved = await cli(['approve', '--user', karen.userId, '--tx', id, '--pin', KAREN_PIN]);
    assert.equal(approved.code, 0, approved.stderr);
    assert.equal(await transactionStatus(id), 'approved');
    // Two users in one app: both devices were told, so the server allows no biometrics on either.
    const devices = await data.mitid.db
      .selectFrom('app_devices as d')
      .innerJoin('authenticators as a', 'a.id', 'd.authenticator_id')
      .select(['d.users_in_app'])
      .where('a.status', '=', 'active')
      .execute();
    assert.deepEqual(
      devices.map((d) => d.users_in_app),
      [2, 2],
    );
  });

  test('Jonas adds a second device with a transfer code from the first', async () => {
    const shown = await cli(['transfer-code', '--user', jonas.userId]);
    assert.equal(shown.code, 0, shown.stderr);
    const code = /Transfer code: (\S+)/.exec(shown.stdout)?.[1];
    assert.ok(code, shown.stdout);
    const tablet = ['--state', path.join(stateRoot, 'tablet')];
    const session = new AppCliSession([
      'activate',
      '--server',
      system.mitidUrl,
      '--user',
      jonas.userId,
      '--transfer-code',
      code,
      ...tablet,
    ]);
    await session.prompt('Temporary PIN (8 digits): ');
    session.answer(await latestCode(system, '+4520304050'));
    await session.prompt('New PIN: ');
    session.answer(JONAS_PIN);
    await session.prompt('Type the PIN again: ');
    session.answer(JONAS_PIN);
    const r = await session.end();
    outputs.push(r.stdout, r.stderr);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /Transfer code accepted\.\nA temporary PIN has been sent by SMS to \+45/);
    const id = await createTransaction(jonas.userId, 'Godkend ny modtager');
    const fromTablet = await runAppCli([
      'approve',
      '--user',
      jonas.userId,
      '--tx',
      id,
      '--pin',
      JONAS_PIN,
      ...tablet,
    ]);
    outputs.push(fromTablet.stdout, fromTablet.stderr);
    assert.equal(fromTablet.code, 0, fromTablet.stderr);
    assert.equal(await transactionStatus(id), 'approved');
  });

  test('Karen is removed from the app and her device from MitID', async () => {
    const removed = await cli(['remove', '--user', karen.userId]);
    assert.equal(removed.code, 0, removed.stderr);
    const users = await cli(['users']);
    assert.ok(!users.stdout.includes(karen.userId));
    const devices = await data.mitid.db
      .selectFrom('app_devices as d')
      .innerJoin('authenticators as a', 'a.id', 'd.authenticator_id')
      .innerJoin('identities as i', 'i.id', 'a.identity_id')
      .select(['i.cpr', 'a.status', 'd.users_in_app'])
      .orderBy('a.created_at')
      .execute();
    assert.deepEqual(
      devices.map((d) => [d.cpr, d.status, d.users_in_app]),
      [
        [jonas.cpr, 'active', 1],
        [karen.cpr, 'revoked', 2],
        [jonas.cpr, 'active', 1],
      ],
    );
    const gone = await cli(['pending', '--user', karen.userId]);
    assert.equal(gone.code, 2, 'no longer in this app');
  });

  test('no PIN in any output of the CLI or the system', () => {
    const all = [...outputs, system.output()].join('\n');
    for (const pin of [JONAS_PIN, KAREN_PIN]) assert.ok(!all.includes(pin), `${pin} was printed`);
  });
});
