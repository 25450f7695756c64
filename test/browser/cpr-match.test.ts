/**
 * The CPR match (decision 0013 §6) as a person meets it: Min Bank is a private service, so a
 * customer's first "Log på med MitID" asks MitID again for the CPR number, and the login box shows
 * "Bekræft dit CPR-nummer" (the MitID session reused: no second login). Jonas types a wrong
 * format (a clear message, not counted), a wrong number (how many tries are left) and then his
 * own: he is logged in and the bank has linked his MitID uuid. Karen types three wrong numbers:
 * the bank's clear page, no session, nothing linked. Every page passes axe; Danish.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { activateAppInPhone, appScreen } from '../support/appPerson.ts';
import { expectAccessible } from '../support/browser.ts';
import { useRunningSystem } from '../support/running.ts';

const env = useRunningSystem();

const JONAS = { cpr: '1505831017', userId: 'Jonas Jensen 83', mobile: '+4522446688', pin: '481592' };
const KAREN = { cpr: '0202612046', userId: 'Karen Hansen 61', mobile: '+4530405060', pin: '730184' };
type Person = typeof JONAS;

const contexts: BrowserContext[] = [];
const apps = new Map<string, Page>();
const identities = new Map<string, string>();

after(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
});

async function newPage(): Promise<Page> {
  const context = await env.browser.newContext({ locale: 'da-DK' });
  contexts.push(context);
  return context.newPage();
}

const press = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).click();

/** Min Bank → Log på med MitID → the box, the typed code in the person's app, approved → the CPR page. */
async function loginToCprPage(p: Person): Promise<Page> {
  const page = await newPage();
  const app = apps.get(p.cpr);
  assert.ok(app);
  await page.goto(env.system.bankUrl);
  await page.getByRole('link', { name: 'Log på med MitID' }).click();
  await page.waitForURL(`${env.system.mitidUrl}/op/login/**`);
  await page.getByRole('textbox', { name: 'Bruger-ID' }).fill(p.userId);
  await press(page, 'FORTSÆT');
  const code = page.locator('#login-box-typed');
  await code.waitFor({ state: 'attached' });
  if (!(await code.isVisible())) await page.locator('#login-box-code summary').click();
  const typed = (await code.innerText()).replace(/\s/g, '');
  await press(app, 'Indtast kode');
  await appScreen(app, 'Indtast koden');
  await app.getByRole('textbox', { name: 'Koden fra MitID-login' }).fill(typed);
  await press(app, 'Fortsæt');
  await appScreen(app, 'Log på hos Min Bank');
  await press(app, 'Godkend');
  const next = app.getByRole('heading', { level: 1, name: /^(Indtast din PIN-kode|Godkendt)$/ });
  if ((await next.innerText()) !== 'Godkendt') {
    await app.getByLabel('PIN-kode', { exact: true }).fill(p.pin);
    await press(app, 'Godkend');
  }
  await appScreen(app, 'Godkendt');
  await press(app, 'Tilbage til oversigten');
  await page.getByRole('heading', { level: 1, name: 'Bekræft dit CPR-nummer' }).waitFor();
  await page.getByText('Min Bank beder om dit CPR-nummer.', { exact: false }).waitFor();
  assert.doesNotMatch(await page.locator('main').innerText(), /Bruger-ID/, 'no second login: only the CPR');
  await expectAccessible(page);
  return page;
}

async function typeCpr(page: Page, value: string): Promise<void> {
  await page.getByRole('textbox', { name: 'CPR-nummer' }).fill(value);
  await press(page, 'Bekræft');
}

const linkedUuid = async (cpr: string) =>
  (
    await env.data.bank.db
      .selectFrom('customers')
      .select('mitid_uuid')
      .where('cpr', '=', cpr)
      .executeTakeFirstOrThrow()
  ).mitid_uuid;

const bankSessionsOf = async (cpr: string): Promise<number> =>
  (
    await env.data.bank.db
      .selectFrom('sessions')
      .select('data')
      .where('expires_at', '>', Date.now())
      .execute()
  )
    .map((r) => JSON.parse(r.data) as { cpr?: string; method?: string })
    .filter((s) => s.cpr === cpr && s.method === 'mitid').length;

const cprTries = async (identityId: string) =>
  env.data.mitid.db
    .selectFrom('activity')
    .select(['result', 'client_id'])
    .where('identity_id', '=', identityId)
    .where('action', '=', 'cpr_match')
    .execute();

describe("Min Bank's first MitID login asks for the CPR number", () => {
  test('Jonas and Karen activate the MitID app', async () => {
    for (const p of [JONAS, KAREN]) {
      const app = await newPage();
      identities.set(p.cpr, await activateAppInPhone(env, app, p));
      apps.set(p.cpr, app);
    }
  });

  test('a wrong format, a wrong number, then his own: logged in, the uuid linked', async () => {
    const page = await loginToCprPage(JONAS);
    await typeCpr(page, '15058');
    await page.getByText('Et CPR-nummer er 10 cifre, fx 010190-1234 eller 0101901234.').first().waitFor();
    await expectAccessible(page);
    assert.deepEqual(await cprTries(identities.get(JONAS.cpr) ?? ''), [], 'a wrong format is no try');

    await typeCpr(page, '150583-1018');
    await page
      .getByText('CPR-nummeret passer ikke til dit MitID. Du har 2 forsøg tilbage.')
      .first()
      .waitFor();
    await expectAccessible(page);
    assert.equal(await linkedUuid(JONAS.cpr), null, 'nothing linked yet');

    await typeCpr(page, '150583-1017');
    await page.waitForURL(`${env.system.bankUrl}/oversigt`);
    await page.locator('main').getByText('Lønkonto').first().waitFor();
    await expectAccessible(page);
    assert.equal(await linkedUuid(JONAS.cpr), identities.get(JONAS.cpr));
    assert.equal(await bankSessionsOf(JONAS.cpr), 1);
    const tries = await cprTries(identities.get(JONAS.cpr) ?? '');
    assert.deepEqual(tries.map((r) => r.result).sort(), ['approved', 'rejected']);
    assert.ok(tries.every((r) => r.client_id === 'minbank'));
  });

  test('three wrong numbers: the bank says so, no session, nothing linked', async () => {
    const page = await loginToCprPage(KAREN);
    for (const left of [2, 1]) {
      await typeCpr(page, '0202611111');
      await page.getByText(`Du har ${left} forsøg tilbage.`, { exact: false }).first().waitFor();
    }
    await typeCpr(page, '0202611111');
    await page.waitForURL(`${env.system.bankUrl}/**`);
    await page.getByRole('heading', { level: 1, name: 'Log på mislykkedes' }).waitFor();
    await page
      .getByText(/Vi kunne ikke bekræfte dit CPR-nummer, fordi det blev tastet forkert 3 gange/)
      .waitFor();
    await expectAccessible(page);
    assert.equal(await bankSessionsOf(KAREN.cpr), 0, 'no session');
    assert.equal(await linkedUuid(KAREN.cpr), null, 'nothing linked');
    await page.goto(`${env.system.bankUrl}/oversigt`);
    assert.notEqual(new URL(page.url()).pathname, '/oversigt', 'not logged in');
    const tries = await cprTries(identities.get(KAREN.cpr) ?? '');
    assert.deepEqual(
      tries.map((r) => r.result),
      ['rejected', 'rejected', 'rejected'],
    );
  });
});
