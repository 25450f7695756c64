/**
 * "Tilføj chip" on MitID.dk in Chromium (decision 0014 §6), with Chromium's virtual
 * authenticator as the chip (a roaming CTAP2 key with a resident key and user verification):
 * "Anmod om adgang", the gate moved in the database (24 hours), the new password twice, START
 * runs navigator.credentials.create with the chip kind's options, and the profile lists the chip
 * and the password. Every page passes axe; the add page in English too.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser as Chromium } from 'playwright-core';
import {
  passwordVerifies,
  type SelfserviceOp,
  startSelfserviceOp,
} from '../../src/flows/selfservice/testing/index.ts';
import { expectAccessible, launchBrowser } from '../support/browser.ts';
import { logInToMitidDk } from '../support/selfserviceLogin.ts';

let op: SelfserviceOp;
let chromium: Chromium;

before(async () => {
  op = await startSelfserviceOp('sqlite');
  chromium = await launchBrowser();
});
after(async () => {
  await chromium?.close();
  await op?.close();
});

test('add a MitID chip: request access, wait, a password, START; the chip in the list', async () => {
  const { person, device } = await op.h.activatedPerson();
  const context = await chromium.newContext();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'usb',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    await logInToMitidDk(page, op, person, device);
    await page.getByRole('link', { name: 'Tilføj chip' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tilføj MitID chip' }).waitFor();
    await page.getByText('med posten på 3–7 hverdage').waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Anmod om adgang' }).click();
    await page.getByText(/^Du har anmodet om adgang\./).waitFor();
    await expectAccessible(page);

    await op.h.database.db
      .updateTable('gates' as never)
      .set({ opens_at: op.h.clock.now().getTime() - 1000 } as never)
      .where('identity_id' as never, '=', person.identityId as never)
      .execute();
    await page.reload();
    await page.getByRole('heading', { name: 'Tilslut din MitID chip' }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('Ny adgangskode', { exact: true }).fill('Chip-kode-2026x');
    await page.getByLabel('Gentag ny adgangskode').fill('Chip-kode-2026x');
    await page.getByRole('button', { name: 'START' }).click();
    await page.waitForURL(`${op.base}/selvbetjening`);
    await page.getByRole('cell', { name: 'MitID chip' }).first().waitFor();
    await page.getByRole('cell', { name: 'MitID adgangskode' }).waitFor();
    await expectAccessible(page);
    const kinds = (await op.h.core.authenticators.listFor(person.identityId)).map((a) => a.kind).sort();
    assert.deepEqual(kinds, ['app', 'chip', 'password']);
    assert.ok(await passwordVerifies(op, person.identityId, 'Chip-kode-2026x'));

    await page.goto(`${op.base}/selvbetjening/chip/tilfoej?lang=en`);
    await page.getByRole('heading', { level: 1, name: 'Add MitID chip' }).waitFor();
    await page.getByText('You already have a MitID chip in use.').waitFor();
    await expectAccessible(page);
  } finally {
    await context.close();
  }
});
