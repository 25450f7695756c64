/**
 * The Borgerservice handover in Chromium: a clerk logs in at /borgerservice, sees today's pickups
 * of their office, checks the person's ID, types a wrong serial (a clear message, nothing
 * changed), then the right one, and hands over; the order is collected by that clerk with the ID
 * type and the last 4 only. Every page passes axe, in Danish and English.
 * Until flows/orders' handOver (wp-fulfilment) is in main, the page runs on a server of the HTTP
 * foundation with the real staff registry on a test database and a stand-in desk; with it, this
 * test moves to the running system (`npm start`) and a real pickup order.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { loadConfig } from '../../src/config/config.ts';
import type { MitidDb } from '../../src/core/db/index.ts';
import { openMitidTestDb } from '../../src/core/people/testing/index.ts';
import { StaffRegistry } from '../../src/core/staff/index.ts';
import { registerBorgerservice } from '../../src/flows/borgerservice/index.ts';
import { type FakeDesk, fakeDesk } from '../../src/flows/borgerservice/testing/index.ts';
import { systemClock } from '../../src/platform/clock.ts';
import type { TestDatabase } from '../../src/platform/db/testDb.ts';
import { makeTestApp } from '../../src/platform/http/testing/makeTestApp.ts';
import { cryptoRandom } from '../../src/platform/random.ts';
import { expectAccessible, launchBrowser } from '../support/browser.ts';

const PW = 'skranke-adgangskode-2026';

describe('the Borgerservice handover in Chromium', () => {
  let database: TestDatabase<MitidDb>;
  let app: FastifyInstance;
  let browser: Browser;
  let desk: FakeDesk;
  let base: string;
  let clerkId: string;

  before(async () => {
    database = await openMitidTestDb('sqlite');
    await database.db
      .insertInto('borgerservice_offices')
      .values({
        id: 'bs-101',
        municipality_code: '101',
        name: 'Borgerservice København',
        street: 'Rådhuspladsen 1',
        postal_code: '1550',
        city: 'København V',
      })
      .execute();
    const staff = new StaffRegistry({ db: database.db, clock: systemClock, random: cryptoRandom });
    const made = await staff.create({
      name: 'Birgit Skranke',
      role: 'clerk',
      officeId: 'bs-101',
      login: 'birgit',
      password: PW,
    });
    assert.ok(made.ok);
    clerkId = made.staff.id;
    desk = fakeDesk({ 'bs-101': 'Borgerservice København' }, () => Date.now());
    desk.pickups.push({
      officeId: 'bs-101',
      orderId: 'order-anna',
      kind: 'codeDisplay',
      status: 'ready_for_pickup',
      startsAt: Date.now() + 60_000,
      name: 'Anna Berg',
      birthDate: '1990-01-01',
      serialNumber: 'KV-123456789',
      handover: null,
    });
    app = await makeTestApp();
    registerBorgerservice(
      app,
      {
        config: loadConfig({}),
        secrets: { cookieKey: 'k'.repeat(32) },
        db: database.db,
        clock: systemClock,
        random: cryptoRandom,
      } as never,
      desk,
    );
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  test('a clerk logs in, checks the ID, scans the serial and hands over', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/borgerservice`);
    await expectAccessible(page);
    await page.getByLabel('Login').fill('birgit');
    await page.getByLabel('Adgangskode').fill('wrong password here');
    await page.getByRole('button', { name: 'Log på' }).click();
    assert.ok(await page.getByRole('link', { name: 'Login eller adgangskode er forkert.' }).isVisible());
    await expectAccessible(page);
    await page.getByLabel('Adgangskode').fill(PW);
    await page.getByRole('button', { name: 'Log på' }).click();

    await page.getByRole('heading', { name: 'Dagens afhentninger' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Udlevér til Anna Berg' }).click();

    await page.getByRole('heading', { name: 'Kontrollér legitimation' }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('Pas').check();
    await page.getByLabel('Dokumentnummer').fill('2096 51 784');
    await page.getByRole('button', { name: 'Legitimation er kontrolleret' }).click();

    await page.getByRole('heading', { name: 'Scan eller indtast serienummeret' }).waitFor();
    assert.ok(await page.getByText('Legitimation: Pas, nummer der slutter på 1784.').isVisible());
    await expectAccessible(page);
    await page.getByLabel('Serienummer').fill('KV-000000000');
    await page.getByRole('button', { name: 'Udlevér' }).click();
    await page.getByRole('link', { name: /Serienummeret passer ikke til bestillingen/ }).waitFor();
    await expectAccessible(page);
    assert.equal(desk.pickups[0]?.status, 'ready_for_pickup', 'a wrong serial changes nothing');

    await page.getByLabel('Serienummer').fill('KV-123456789');
    await page.getByRole('button', { name: 'Udlevér' }).click();
    await page.getByRole('heading', { name: 'Enheden er udleveret' }).waitFor();
    await expectAccessible(page);
    assert.equal(desk.pickups[0]?.status, 'collected');
    assert.equal(desk.pickups[0]?.handover?.staffId, clerkId);
    assert.equal(desk.pickups[0]?.handover?.idType, 'passport');
    assert.equal(desk.pickups[0]?.handover?.idLast4, '1784');

    await page.goto(`${base}/borgerservice?lang=en`);
    await page.getByRole('heading', { name: "Today's pickups" }).waitFor();
    assert.ok(await page.getByText(/Handed over at/).isVisible());
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    await context.close();
  });
});
