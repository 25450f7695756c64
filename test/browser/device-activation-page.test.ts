/**
 * The code device activation page in Chromium (until kinds/code-device is wired into the root,
 * with a stand-in of the DeviceActivation port on the in-process MitID app): axe in Danish and
 * English, the password rules marked live as the person types (passwordLive.js), the error
 * summary linking to each field, and "Din MitID er klar" after the activation.
 * code-display.test.ts (Karen's kodeviser through the whole system) follows once the code
 * devices are merged.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { walkToDeviceActivation } from '../../src/flows/enrollment/testing/index.ts';
import { type Harness, startHarness } from '../../src/flows/nemid/testing/index.ts';
import { passwordProblems } from '../../src/kinds/password/index.ts';
import { expectAccessible, launchBrowser } from '../support/browser.ts';

let h: Harness;
let browser: Browser;
let origin = '';
let serial = '';

before(async () => {
  h = await startHarness({
    app: {
      deviceActivation: () => ({
        passwordProblems: (pw, userId) => passwordProblems(pw, userId),
        async activate(input) {
          if (input.serial !== serial) return { ok: false, reason: 'serial_wrong' };
          return input.code === '123456' ? { ok: true } : { ok: false, reason: 'code_wrong' };
        },
      }),
    },
  });
  origin = await h.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await h?.close();
});

test('the activation page: accessible in Danish and English, the rules live, each field its message, then "Din MitID er klar"', async () => {
  const flow = await walkToDeviceActivation(h);
  serial = flow.serial;
  const context = await browser.newContext({ locale: 'da-DK' });
  await context.addCookies([...flow.b.cookies].map(([name, value]) => ({ name, value, url: origin })));
  const page = await context.newPage();
  await page.goto(`${origin}${flow.base}/aktiver`);
  await page.getByRole('heading', { name: 'Opret din MitID adgangskode' }).waitFor();
  await expectAccessible(page);
  await page.goto(`${origin}${flow.base}/aktiver?lang=en`);
  await page.getByRole('heading', { name: 'Create your MitID password' }).waitFor();
  await expectAccessible(page);
  await page.goto(`${origin}${flow.base}/aktiver?lang=da`);

  const rule = (id: string) => page.locator(`#password-rules li[data-rule="${id}"]`);
  await page.getByLabel('Adgangskode', { exact: true }).fill('qwertyuiop');
  await page.waitForFunction(() => document.querySelector('#password-rules li')?.getAttribute('data-state'));
  assert.equal(await rule('password.rule.keyboardRow').getAttribute('data-state'), 'broken');
  assert.equal(await rule('password.rule.tooShort').getAttribute('data-state'), 'ok');
  assert.match((await page.locator('#password-live').textContent()) ?? '', /række taster/);
  await page.getByLabel('Adgangskode', { exact: true }).fill('Sommer-i-Skagen-2026');
  await page.waitForFunction(
    () => document.querySelector('#password-live')?.textContent === 'Adgangskoden opfylder alle krav.',
  );

  // Sent with the repeat missing and a wrong serial: the summary links to each field.
  await page.getByLabel('Serienummer').fill('KV-1');
  await page.getByLabel('Kode', { exact: true }).fill('123456');
  await page.getByRole('button', { name: 'Aktivér MitID' }).click();
  await page.getByRole('heading', { name: 'Der er et problem' }).waitFor();
  await expectAccessible(page);
  assert.deepEqual(
    await page.locator('.error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
    ['#passwordAgain', '#serial'],
  );

  await page.getByLabel('Adgangskode', { exact: true }).fill('Sommer-i-Skagen-2026');
  await page.getByLabel('Gentag adgangskode').fill('Sommer-i-Skagen-2026');
  await page.getByLabel('Serienummer').fill(flow.serial);
  await page.getByLabel('Kode', { exact: true }).fill('123 456');
  await page.getByRole('button', { name: 'Aktivér MitID' }).click();
  await page.getByRole('heading', { name: 'Din MitID er klar' }).waitFor();
  assert.match((await page.textContent('main')) ?? '', /Anna-kodeviser/);
  await expectAccessible(page);
  await context.close();
});
