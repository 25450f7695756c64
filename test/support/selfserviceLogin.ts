/**
 * "Log på MitID.dk" in Chromium for the self-service's browser tests: the box's user-ID, the
 * six digits under "Kan du ikke scanne?" proved and approved by the person's headless app, and
 * back on the profile page (axe-checked on the way).
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { SelfserviceOp } from '../../src/flows/selfservice/testing/index.ts';
import type { AppHarness } from '../../src/kinds/app/testing/index.ts';
import { expectAccessible } from './browser.ts';

type TestDevice = ReturnType<AppHarness['device']>;

export async function logInToMitidDk(
  page: Page,
  op: SelfserviceOp,
  person: { userId: string },
  device: TestDevice,
): Promise<void> {
  await page.goto(`${op.base}/`);
  await page.getByRole('link', { name: 'Log på MitID.dk' }).first().click();
  await page.getByLabel('Bruger-ID').fill(person.userId);
  await page.getByRole('button', { name: 'FORTSÆT' }).click();
  const typed = page.locator('#login-box-typed');
  await typed.waitFor({ state: 'attached' });
  await expectAccessible(page);
  if (!(await typed.isVisible())) await page.locator('#login-box-code summary').click();
  const code = (await typed.innerText()).replace(/\s/g, '');
  assert.equal((await device.signed('POST', '/channel', { code })).statusCode, 200);
  const [tx] = await device.pending();
  assert.ok(tx, 'the app has the login');
  await device.decide(tx, 'approve');
  await page.waitForURL(`${op.base}/selvbetjening`);
  await page.getByRole('heading', { level: 1, name: 'Min MitID' }).waitFor();
  await expectAccessible(page);
}
