/** Steps a person takes on the NemID pages, as they would: by labels and button names. */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/roots/seed/demoPeople.ts';
import { expectAccessible } from './browser.ts';
import { keyCode, type SystemData } from './data.ts';

/** Types user-ID and password and presses "Log på". */
export async function nemidPassword(page: Page, userId: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('Bruger-ID').fill(userId);
  await page.getByLabel('Adgangskode').fill(password);
  await page.getByRole('button', { name: 'Log på' }).click();
}

/** Reads "Nøglekort …, nøgle NNNN" (or "Key card …, key NNNN") from the page and returns the key number. */
export async function askedKey(page: Page): Promise<string> {
  const text = await page.locator('.keycard-key').innerText();
  const m = /(?:nøgle|key) (\d{4})/i.exec(text);
  assert.ok(m?.[1], `no key number in "${text}"`);
  return m[1];
}

/** Answers the key-code step with the right code from the person's key card. */
export async function nemidKeyCode(
  page: Page,
  data: SystemData,
  userId: string,
  check = false,
): Promise<string> {
  const key = await askedKey(page);
  if (check) await expectAccessible(page);
  const { code } = await keyCode(data, userId, key);
  await page.getByLabel('Nøgle', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Log på' }).click();
  return key;
}
