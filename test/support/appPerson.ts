/**
 * A person's MitID with the MitID app activated in a phone's browser (the PWA), the way a person
 * does it: the MitID is left at the activation step as a bank enrollment leaves it
 * (`enrolAtActivation`, the same as `npm run people -- create --with-app`), the net bank's
 * activation code is issued as its "VIS AKTIVERINGSKODE" does, and the phone then goes through the
 * app's activation screens (user-ID, activation code, the temporary PIN from the SMS, the PIN
 * twice, notifications). Every screen passes axe.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { loadConfig } from '../../src/config/config.ts';
import { activationCodeSms, deriveCodeKey, OneTimeCodes } from '../../src/core/codes/index.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { cryptoRandom } from '../../src/platform/random.ts';
import { enrolAtActivation } from '../../src/roots/cli/personWithApp.ts';
import { expectAccessible } from './browser.ts';
import { mitidServerSecret } from './data.ts';
import { outbox } from './outbox.ts';
import type { Running } from './running.ts';

export interface AppPerson {
  /** An existing person (a demo person, or one made with NemID). */
  cpr: string;
  /** The MitID user-ID to choose. */
  userId: string;
  mobile: string;
  pin: string;
}

/** Waits for the screen with this heading and checks it with axe. */
export async function appScreen(page: Page, heading: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await expectAccessible(page);
}

/** Makes `p`'s MitID and activates the app in `page` (a phone's); returns the identity's id. */
export async function activateAppInPhone(env: Running, page: Page, p: AppPerson): Promise<string> {
  const db = env.data.mitid.db;
  const config = loadConfig({ ...env.system.env, DATA_DIR: env.system.dataDir });
  const identity = await enrolAtActivation(db, config, { ...p, stateDir: '' });
  const codes = new OneTimeCodes({
    db,
    clock: systemClock,
    random: cryptoRandom,
    key: deriveCodeKey(await mitidServerSecret(env.system, env.data)),
  });
  const issued = await codes.issue(identity.id, activationCodeSms, identity.id);
  assert.ok(issued.ok, 'the activation code was issued');

  const press = (name: string) => page.getByRole('button', { name, exact: true }).click();
  await page.goto(`${env.system.mitidUrl}/app`);
  await appScreen(page, 'Velkommen til MitID app');
  await press('Aktivér MitID app');
  await appScreen(page, 'Indtast dit bruger-ID');
  await page.getByRole('textbox', { name: 'Bruger-ID' }).fill(p.userId);
  await press('FORTSÆT');
  await appScreen(page, 'Indtast aktiveringskoden');
  await page.getByRole('textbox', { name: 'Aktiveringskode' }).fill(issued.code);
  await press('FORTSÆT');
  await appScreen(page, 'Indtast den midlertidige PIN-kode');
  const [sms] = await outbox(env.system, p.mobile);
  const temporaryPin = /\b(\d{8})\b/.exec(sms?.body ?? '')?.[1] ?? '';
  await page.getByRole('textbox', { name: 'Midlertidig PIN-kode' }).fill(temporaryPin);
  await press('FORTSÆT');
  await appScreen(page, 'Vælg din personlige PIN-kode');
  await page.getByLabel('PIN-kode (6 cifre)').fill(p.pin);
  await press('FORTSÆT');
  await appScreen(page, 'Genindtast din personlige PIN-kode');
  await page.getByLabel('PIN-kode igen').fill(p.pin);
  await press('FORTSÆT');
  await appScreen(page, 'Notifikationer');
  await press('Accepter notifikationer');
  await appScreen(page, 'MitID app er aktiveret');
  await press('Gå til MitID app');
  await appScreen(page, 'MitID');
  const active = await db
    .selectFrom('identities')
    .select('status')
    .where('id', '=', identity.id)
    .executeTakeFirst();
  assert.equal(active?.status, 'active', 'the MitID is active once the app is');
  return identity.id;
}
