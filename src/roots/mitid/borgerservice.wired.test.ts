/**
 * The Borgerservice handover as the MitID app wires it, on both databases, with flows/orders'
 * DeviceOrders and the real stock: a pickup order for today, ready at the office with a serial
 * from the stock; the clerk of that office logs in, checks the ID and hands over; the order is
 * `collected` by that clerk, with the ID type and the last 4 only. A wrong serial changes nothing,
 * a clerk of another office reaches nothing, and two Udlevér at once hand over once.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { pino } from 'pino';
import { loadConfig } from '../../config/config.ts';
import { PeopleStore } from '../../core/people/index.ts';
import { openMitidTestDb } from '../../core/people/testing/index.ts';
import { StaffRegistry } from '../../core/staff/index.ts';
import { DeviceOrders, seedOffices } from '../../flows/orders/index.ts';
import { makeDemoBatch } from '../../kinds/code-device/index.ts';
import { TestClock } from '../../platform/clock.ts';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { injectBrowser } from '../../platform/oidc/testing/testOp.ts';
import { cryptoRandom } from '../../platform/random.ts';
import { buildMitidApp } from './app.ts';
import { createCodeDevices } from './codeDevices.ts';
import { mitidOrderDeps } from './orders.ts';

const csrfOf = (body: string): string => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';
const PW = 'skranke-adgangskode-1';
const anna = {
  cpr: '0101901234',
  givenName: 'Anna',
  familyName: 'Berg',
  street: 'Nørrebrogade 12, 2. th.',
  postalCode: '2200',
  city: 'København N',
  municipalityCode: '101',
};

for (const dialect of await dialectsUnderTest()) {
  describe(`the wired Borgerservice handover on ${dialect}`, () => {
    test('the clerk of the office hands over the order once, recorded with the clerk and the ID', async () => {
      const database = await openMitidTestDb(dialect);
      const dataDir = mkdtempSync(path.join(tmpdir(), 'borgerservice-wired-'));
      // Tuesday 24 November 2026, 10:00 in Copenhagen.
      const clock = new TestClock('2026-11-24T09:00:00Z');
      try {
        const deps = {
          config: loadConfig({ DATA_DIR: dataDir }),
          secrets: {
            cookieKey: 'mitid-cookie-key-for-tests-0123456789',
            serverSecret: 'mitid-server-secret-for-tests-0123456789',
            bankClientSecret: 'bank-client-secret-for-tests-0123456789',
          },
          db: database.db,
          clock,
          random: cryptoRandom,
          logger: pino({ level: 'silent' }),
        };
        await new PeopleStore(database.db).create(clock, anna);
        await seedOffices(database.db, clock, cryptoRandom);
        const batch = await makeDemoBatch(database.db, cryptoRandom, 'codeDisplay', 2, clock.now().getTime());
        assert.ok((await createCodeDevices(deps).importPskc(batch.xml, batch.transportKey)).ok);
        const orders = new DeviceOrders(mitidOrderDeps(deps));
        const now = clock.now().getTime();
        const [slot] = await orders.freeSlots('bs-101', now, now + 6 * 3600_000);
        assert.ok(slot);
        const placed = await orders.placeOrder({
          cpr: anna.cpr,
          kind: 'codeDisplay',
          delivery: 'pickup',
          slotId: slot.id,
        });
        assert.ok(placed.ok);
        const ready = await orders.advanceOrder(placed.order.id, 'ready_for_pickup');
        assert.ok(ready.ok && ready.order.serialNumber);
        const serial = ready.order.serialNumber;
        const staff = new StaffRegistry({ db: database.db, clock, random: cryptoRandom });
        const clerk = await staff.create({
          name: 'Birgit Skranke',
          role: 'clerk',
          officeId: 'bs-101',
          login: 'birgit',
          password: PW,
        });
        assert.ok(clerk.ok);
        assert.ok(
          (
            await staff.create({
              name: 'Ole Aarhus',
              role: 'clerk',
              officeId: 'bs-751',
              login: 'ole',
              password: PW,
            })
          ).ok,
        );

        const app = await buildMitidApp(deps, { oidcLogin: false });
        const login = async (who: string) => {
          const b = injectBrowser(() => app);
          const page = await b.get('/borgerservice');
          assert.equal(
            (await b.post('/borgerservice/login', { _csrf: csrfOf(page.body), login: who, password: PW }))
              .statusCode,
            303,
          );
          return b;
        };
        const orderUrl = `/borgerservice/afhentning/${placed.order.id}`;

        const other = await login('ole');
        assert.doesNotMatch((await other.get('/borgerservice')).body, /Anna Berg/);
        assert.equal((await other.get(orderUrl)).statusCode, 404);

        const b = await login('birgit');
        const list = await b.get('/borgerservice');
        assert.match(list.body, /Anna Berg[\s\S]*MitID kodeviser[\s\S]*Klar til afhentning/);
        const idPage = await b.get(orderUrl);
        assert.equal(idPage.statusCode, 200);
        const checked = await b.post(`${orderUrl}/legitimation`, {
          _csrf: csrfOf(idPage.body),
          idType: 'drivingLicence',
          idNumber: '31 24 56 78',
        });
        assert.equal(checked.statusCode, 303);
        const serialPage = await b.get(`${orderUrl}/serienummer`);
        const wrong = await b.post(`${orderUrl}/udlever`, {
          _csrf: csrfOf(serialPage.body),
          serial: 'KV-000000000',
        });
        assert.equal(wrong.statusCode, 400);
        assert.equal((await orders.getOrder(placed.order.id))?.status, 'ready_for_pickup');

        const both = await Promise.all(
          [1, 2].map(() =>
            b.post(`${orderUrl}/udlever`, { _csrf: csrfOf(serialPage.body), serial: serial.toLowerCase() }),
          ),
        );
        assert.deepEqual(both.map((r) => r.statusCode).sort(), [303, 409]);
        const row = await database.db
          .selectFrom('device_orders')
          .selectAll()
          .where('id', '=', placed.order.id)
          .executeTakeFirstOrThrow();
        assert.equal(row.status, 'collected');
        assert.equal(row.handed_over_by, clerk.staff.id);
        assert.equal(Number(row.handed_over_at), clock.now().getTime());
        assert.equal(row.id_type, 'drivingLicence');
        assert.equal(row.id_last4, '5678');
        assert.match(
          (await b.get(`${orderUrl}/udleveret`)).body,
          new RegExp(`Anna Berg har fået sin MitID kodeviser \\(${serial}\\)`),
        );
        await app.close();
      } finally {
        await database.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });
}
