/**
 * Min Bank's phone support, as `npm start` runs it: a staff member logs in to /support with the
 * support password, finds the customer, sends "Bekræft opkald fra Min Bank: <code>" to the
 * customer's MitID app (CIBA), and the page shows Godkendt once the customer approved in the app
 * (the headless app client, `npm run app`); a second request the customer rejects and reports
 * shows Afvist, and the next one is not sent. In the app in a phone (the PWA) the request says
 * "Min Bank beder dig godkende:", that it was not started from a browser, and offers "Afvis og
 * anmeld". Each page is checked with axe; the results are
 * checked in the bank's database.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CustomerStore } from '../../src/services/bank/customerStore.ts';
import { activateAppInPhone, appScreen } from '../support/appPerson.ts';
import { expectAccessible } from '../support/browser.ts';
import { phoneWithCamera } from '../support/fakeCamera.ts';
import { useRunningSystem } from '../support/running.ts';

const PASSWORD = 'support-password-for-the-browser-test';
const env = useRunningSystem({ BANK_SUPPORT_PASSWORD: PASSWORD });
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const stateDir = path.join(mkdtempSync(path.join(tmpdir(), 'bank-support-')), '.mitid-app');

const npmEnv = () => ({
  ...process.env,
  ...env.system.env,
  PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
});
const app = (...args: string[]): string =>
  execFileSync('npm', ['run', '--silent', 'app', '--', ...args, '--state', stateDir], {
    cwd: root,
    env: npmEnv(),
    encoding: 'utf8',
  });

/** A person with MitID and the app in `stateDir`, and a Min Bank customer linked to that MitID. */
async function linkedCustomer(): Promise<{ user: string; customerNo: string }> {
  const made = spawnSync(
    'npm',
    [
      'run',
      '--silent',
      'people',
      '--',
      'create',
      '--name',
      'Karen Kunde',
      '--with-app',
      '--pin',
      '123456',
      '--state',
      stateDir,
    ],
    { cwd: root, env: npmEnv(), encoding: 'utf8' },
  );
  assert.equal(made.status, 0, made.stderr + made.stdout);
  const uuid = /MitID uuid {4}(\S+)/.exec(made.stdout)?.[1] ?? '';
  const cpr = (/CPR number {4}(\d{6})-(\d{4})/.exec(made.stdout) ?? []).slice(1).join('');
  const user = /--user (\S+)/.exec(made.stdout)?.[1] ?? '';
  assert.ok(uuid && cpr.length === 10 && user, made.stdout);
  const customers = new CustomerStore(env.data.bank.db);
  const customer = await customers.create(
    { cpr, name: 'Karen Kunde', mitidTurnAt: null, mitidDeadlineAt: null, accounts: [] },
    Date.now(),
    randomUUID,
  );
  assert.ok(await customers.linkMitidUuid(cpr, uuid));
  return { user, customerNo: customer.customer_no };
}

/** The id of the one request waiting in the app. */
function pendingTx(user: string): string {
  const listed = app('pending', '--user', user);
  assert.match(listed, /Du har ikke|You did not start this from a browser/);
  const id = /Transaction (\S+?),/.exec(listed)?.[1];
  assert.ok(id, listed);
  return id;
}

/** The staff page, logged in, with the customer found: "Send til kundens MitID app" pressed. */
async function sendFromSupport(customerNo: string) {
  const page = await (await env.browser.newContext({ locale: 'da-DK' })).newPage();
  await page.goto(`${env.system.bankUrl}/support`);
  await page.getByLabel('Adgangskode').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log på' }).click();
  await page.getByLabel('Kundenummer').fill(customerNo);
  await page.getByRole('button', { name: 'Find kunde' }).click();
  await page.getByRole('button', { name: 'Send til kundens MitID app' }).click();
  await page.getByText('Venter på kunden').waitFor();
  return page;
}

describe("Min Bank's phone support", () => {
  test('send to the customer’s app, approved in the app: Godkendt; rejected and reported: Afvist, then refused', async () => {
    const { user, customerNo } = await linkedCustomer();
    const page = await (await env.browser.newContext({ locale: 'da-DK' })).newPage();
    await page.goto(`${env.system.bankUrl}/support`);
    await expectAccessible(page);
    await page.getByLabel('Adgangskode').fill('wrong password, long enough');
    await page.getByRole('button', { name: 'Log på' }).click();
    await page.getByRole('alert').waitFor();
    await expectAccessible(page);
    await page.getByLabel('Adgangskode').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log på' }).click();

    await page.getByLabel('Kundenummer').fill('999999');
    await page.getByRole('button', { name: 'Find kunde' }).click();
    await page.getByText('Der er ingen kunde med kundenummer 999999.').first().waitFor();
    await expectAccessible(page);
    await page.getByLabel('Kundenummer').fill(customerNo);
    await page.getByRole('button', { name: 'Find kunde' }).click();
    const message = page.getByLabel('Tekst til kunden');
    assert.match(await message.inputValue(), /^Bekræft opkald fra Min Bank: \d{4}$/);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Send til kundens MitID app' }).click();
    await page.getByText('Venter på kunden').waitFor();
    await expectAccessible(page);

    app('approve', '--user', user, '--tx', pendingTx(user), '--pin', '123456');
    await page.getByRole('heading', { name: 'Godkendt' }).waitFor({ timeout: 20_000 });
    await expectAccessible(page);
    const approved = await env.data.bank.db
      .selectFrom('support_calls')
      .select(['status', 'transaction_id'])
      .where('customer_no', '=', customerNo)
      .executeTakeFirstOrThrow();
    assert.equal(approved.status, 'approved');
    assert.ok(approved.transaction_id);

    // The next call: the customer rejects and reports it; the one after is not sent.
    await page.getByRole('link', { name: 'Find en anden kunde' }).click();
    await page.getByRole('button', { name: 'Send til kundens MitID app' }).click();
    await page.getByText('Venter på kunden').waitFor();
    const reported = app('reject', '--user', user, '--tx', pendingTx(user), '--report');
    assert.match(reported, /rejected and reported/);
    await page.getByRole('heading', { name: 'Afvist' }).waitFor({ timeout: 20_000 });
    await page.getByRole('link', { name: 'Find en anden kunde' }).click();
    await page.getByRole('button', { name: 'Send til kundens MitID app' }).click();
    await page.getByRole('heading', { name: 'Ikke sendt' }).waitFor();
    await expectAccessible(page);
    assert.match(app('pending', '--user', user), /Nothing waits/);
  });

  test('in the phone: "Min Bank beder dig godkende", not from a browser, Afvis og anmeld', async () => {
    const jonas = { cpr: '1505831017', userId: 'Jonas Jensen 83', mobile: '+4522446688', pin: '481592' };
    const phone = await phoneWithCamera(env.system.mitidUrl);
    try {
      const app = await phone.context.newPage();
      const identityId = await activateAppInPhone(env, app, jonas);
      const customers = new CustomerStore(env.data.bank.db);
      assert.ok(await customers.linkMitidUuid(jonas.cpr, identityId));
      const customer = await customers.getByCpr(jonas.cpr);
      assert.ok(customer);
      const support = await sendFromSupport(customer.customer_no);

      await app.getByRole('button', { name: 'Opdater' }).click();
      await app.getByRole('button', { name: 'Godkend hos Min Bank' }).click();
      await appScreen(app, 'Godkend hos Min Bank');
      await app.getByText('Min Bank beder dig godkende:').waitFor();
      await app.getByText(/Du har ikke selv startet dette fra en browser/).waitFor();
      await app.getByText(/^Bekræft opkald fra Min Bank: \d{4}$/).waitFor();
      await app.getByRole('button', { name: 'Afvis og anmeld', exact: true }).click();
      await appScreen(app, 'Afvist og anmeldt');

      await support.getByRole('heading', { name: 'Afvist' }).waitFor({ timeout: 20_000 });
      await expectAccessible(support);
      const [entry] = await env.data.mitid.db
        .selectFrom('activity')
        .select(['result', 'reported'])
        .where('identity_id', '=', identityId)
        .execute();
      assert.deepEqual({ ...entry, reported: Number(entry?.reported) }, { result: 'rejected', reported: 1 });
    } finally {
      await phone.close();
    }
  });
});
