/**
 * The login box with a kodeoplæser in Chromium, by keyboard only (decision 0014 §4): the MitID
 * service in process (SQLite) with the box on the test kit's recording mount, the real code-device
 * kind the root wires, a code reader from a PSKC batch activated for the person, and the real
 * password kind (kinds/password, as the root wires it; the password made with createPassword). Tab to "Skift login-metode", Enter,
 * Tab to "MitID kodeviser eller kodeoplæser", Enter; the user-ID, the code the device shows now,
 * a wrong password (its message), the right one: back at the service with amr [codeReader,
 * password] at Substantial. Every page passes axe; Danish.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Kysely } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import type { MitidDb } from '../../src/core/db/index.ts';
import { type BoxKit, startBox } from '../../src/flows/login/testing/index.ts';
import { CodeDevices, makeDemoBatch } from '../../src/kinds/code-device/index.ts';
import { createPassword } from '../../src/kinds/password/index.ts';
import { cryptoRandom } from '../../src/platform/random.ts';
import { expectAccessible, launchBrowser } from '../support/browser.ts';

const SERVER_SECRET = 'mitid-server-secret-for-tests-0123456789';

let k: BoxKit;
let browser: Browser;
let origin: string;
let devices: CodeDevices;
let serial: string;
let userId: string;

before(async () => {
  k = await startBox('sqlite');
  const db = k.h.database.db as unknown as Kysely<MitidDb>;
  const now = () => k.h.clock.now().getTime();
  assert.ok(k.h.core.implementations.password, 'the root wires the password kind');
  const orders = new Map<string, string>();
  devices = new CodeDevices({
    db,
    serverSecret: SERVER_SECRET,
    now,
    orderCprOf: async (id) => orders.get(id),
  });
  const batch = await makeDemoBatch(db, cryptoRandom, 'codeReader', 2, now());
  assert.ok((await devices.importPskc(batch.xml, batch.transportKey)).ok);
  const { person } = await k.h.activatedPerson();
  userId = person.userId;
  orders.set('order-1', person.cpr);
  serial = (await devices.serials.reserve(db, 'codeReader', 'order-1')) ?? '';
  const verified = await devices.verifyForActivation({
    cpr: person.cpr,
    kind: 'codeReader',
    serial,
    code: (await devices.currentCode(serial, now())) ?? '',
  });
  assert.ok(verified.ok);
  await db.transaction().execute(async (trx) => {
    assert.ok(
      (
        await k.h.core.authenticators.activate(trx, {
          id: `auth-${serial}`,
          identityId: person.identityId,
          kind: 'codeReader',
          label: serial,
        })
      ).ok,
    );
    assert.ok(
      (
        await devices.bind(trx, {
          identityId: person.identityId,
          serial,
          step: verified.step,
          authenticatorId: `auth-${serial}`,
        })
      ).ok,
    );
  });
  const made = await db.transaction().execute((trx) =>
    createPassword(trx, k.h.core.authenticators, {
      identityId: person.identityId,
      userId: person.userId,
      password: 'Rigtig-kode-2026',
      now: now(),
    }),
  );
  assert.ok(made.ok, JSON.stringify(made));
  k.h.clock.advance(30_000);
  await k.h.app.listen({ port: 0, host: '127.0.0.1' });
  origin = `http://127.0.0.1:${(k.h.app.server.address() as { port: number }).port}`;
  k.mount.callback = `${k.h.config.bankUrl}/auth/nemid/callback`;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await k?.close();
});

/** Tab until the focused element matches `selector` (at most 40 presses). */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  assert.fail(`no focusable ${selector}`);
}

test('a kodeoplæser login by keyboard only: method, user-ID, code, password', async () => {
  const ctx = await browser.newContext({ locale: 'da-DK' });
  const uid = k.mount.open();
  await ctx.addCookies([{ name: '_interaction', value: uid, url: origin }]);
  const page = await ctx.newPage();
  await page.goto(`${origin}/op/login/${uid}`);
  await expectAccessible(page);

  await tabTo(page, 'summary');
  assert.match((await page.evaluate(() => document.activeElement?.textContent)) ?? '', /Skift login-metode/);
  await page.keyboard.press('Enter');
  await tabTo(page, 'button[value="codeDevice"]');
  await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
  await page.waitForSelector('text=Du bruger MitID kodeviser eller kodeoplæser.');
  await expectAccessible(page);

  await tabTo(page, '#userId');
  await page.keyboard.type(userId);
  await Promise.all([page.waitForURL(/\/op\/login\//), page.keyboard.press('Enter')]);
  await page.waitForSelector('#code');
  assert.match(await page.content(), /Indtast koden fra din MitID kodeviser eller kodeoplæser/);
  await expectAccessible(page);

  const code = (await devices.currentCode(serial, k.h.clock.now().getTime())) ?? '';
  await tabTo(page, '#code');
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#password');
  await expectAccessible(page);

  await tabTo(page, '#password');
  await page.keyboard.type('forkert');
  await page.keyboard.press('Enter');
  await page.waitForSelector('text=Adgangskoden er forkert.');
  await expectAccessible(page);

  await tabTo(page, '#password');
  await page.keyboard.type('Rigtig-kode-2026');
  const back = page.waitForRequest((r) => r.url().startsWith(k.mount.callback), { timeout: 5000 });
  await page.keyboard.press('Enter');
  await back;
  const login = k.mount.finished.find((f) => f.uid === uid)?.login;
  assert.deepEqual(login?.result.amr, ['codeReader', 'password']);
  assert.equal(login?.result.aal, 'substantial');
  await ctx.close();
});
