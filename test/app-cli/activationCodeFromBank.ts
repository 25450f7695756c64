/**
 * Gets a person to the wizard's activation step the quick way a bank would: the registration-
 * authority API starts the enrollment (Basic minbank:<bankClientSecret>), a browser takes the
 * hand-over and goes through the steps by their labels, and the net bank's page shows the
 * activation code, which is returned.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { latestCode } from '../support/outbox.ts';
import type { RunningSystem } from '../support/system.ts';

export interface BankCustomer {
  cpr: string;
  name: string;
  mobile: string;
  userId: string;
}

export function bankAuthorization(system: RunningSystem): string {
  const secrets = JSON.parse(readFileSync(path.join(system.dataDir, 'secrets.json'), 'utf8')) as {
    bankClientSecret: string;
  };
  return `Basic ${Buffer.from(`minbank:${secrets.bankClientSecret}`).toString('base64')}`;
}

export async function activationCodeFromBank(
  system: RunningSystem,
  browser: Browser,
  person: BankCustomer,
): Promise<string> {
  const res = await fetch(new URL('/api/ra/v1/enrollments', system.mitidUrl), {
    method: 'POST',
    headers: { authorization: bankAuthorization(system), 'content-type': 'application/json' },
    body: JSON.stringify({
      cpr: person.cpr,
      name: person.name,
      identifiedBy: 'nemid',
      identifiedAt: Date.now(),
      returnUrl: `${system.bankUrl}/mitid/retur`,
    }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  const { continueUrl } = (await res.json()) as { continueUrl: string };

  const context = await browser.newContext({ locale: 'da-DK' });
  const page = await context.newPage();
  const base = system.mitidUrl;
  await page.goto(continueUrl);
  await page.waitForURL(`${base}/tilmelding/*/vilkaar`);
  await page.getByLabel('Jeg har læst og forstået vilkår og betingelser for MitID').check();
  await page.getByRole('button', { name: 'FORTSÆT' }).click();
  await page.waitForURL(`${base}/tilmelding/*/valg`);
  await page.getByLabel('App', { exact: true }).check();
  await page.getByRole('button', { name: 'FORTSÆT' }).click();
  await page.waitForURL(`${base}/tilmelding/*/kontakt`);
  await page.getByLabel('Indtast dit mobilnummer').fill(person.mobile);
  await page.getByRole('button', { name: 'Send valideringskode', exact: true }).first().click();
  const e164 = `+45${person.mobile.replace(/\s/g, '')}`;
  await page.getByLabel('Indtast valideringskode fra SMS').fill(await latestCode(system, e164));
  await page.getByRole('button', { name: 'Bekræft' }).click();
  await page.getByRole('button', { name: 'FORTSÆT' }).click();
  await page.waitForURL(`${base}/tilmelding/*/bruger-id`);
  await page.getByLabel('Bruger-ID', { exact: true }).fill(person.userId);
  await page.getByRole('button', { name: 'FORTSÆT' }).click();
  await page.waitForURL(`${base}/tilmelding/*/hent`);
  await page.getByRole('button', { name: 'Jeg har hentet appen – FORTSÆT' }).click();
  await page.waitForURL(`${base}/tilmelding/*/aktiver`);
  await page.getByRole('button', { name: 'Vis aktiveringskode' }).click();
  const code = (await page.locator('.activation-code').innerText()).replace(/\s/g, '');
  assert.match(code, /^\d{8}$/);
  await context.close();
  return code;
}
