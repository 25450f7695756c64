import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MessageStore } from '../../core/messages/index.ts';
import { DAY } from '../../platform/clock.ts';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { anna, firstFreeSlot, withOrders } from './testing/withOrders.ts';

for (const dialect of await dialectsUnderTest()) {
  describe(`placing an order on ${dialect}`, () => {
    test('by post: the address is copied, it arrives within 15 days, and the letter is in Digital Post', () =>
      withOrders(dialect, async (kit) => {
        const now = kit.clock.now().getTime();
        const result = await kit.orders.placeOrder({ cpr: anna.cpr, kind: 'codeDisplay', delivery: 'post' });
        assert.ok(result.ok);
        const order = result.order;
        assert.equal(order.cpr, anna.cpr);
        assert.equal(order.kind, 'codeDisplay');
        assert.equal(order.delivery, 'post');
        assert.equal(order.status, 'ordered');
        assert.equal(order.open, true);
        assert.deepEqual(order.shipTo, {
          name: 'Anna Berg',
          street: 'Nørrebrogade 12, 2. th.',
          postalCode: '2200',
          city: 'København N',
        });
        assert.equal(order.expectedBy, now + 15 * DAY);
        assert.equal(order.createdAt, now);
        assert.match(order.trackingNo ?? '', /^RR\d{9}DK$/);
        assert.equal(order.serialNumber, null);
        assert.equal(order.officeId, null);
        assert.equal(order.slotId, null);

        const letter = await new MessageStore(kit.database.db).latestTo(anna.cpr, 'digitalpost');
        assert.ok(letter);
        assert.equal(letter.id, order.letterId);
        assert.equal(letter.status, 'queued'); // for the service's delivery worker
        assert.equal(letter.createdAt.getTime(), now);
        assert.equal(letter.subject, 'Din MitID kodeviser er bestilt');
        assert.ok(letter.body.includes('Nørrebrogade 12, 2. th.\n2200 København N'));
        assert.ok(letter.body.includes(`Forsendelsesnummer: ${order.trackingNo}`));
        assert.ok(letter.body.includes('Sådan aktiverer du MitID kodeviser'));
        assert.ok(letter.body.includes('må ikke indeholde dit bruger-ID'));
        assert.deepEqual(await kit.orders.getOrder(order.id), order);
        assert.deepEqual(await kit.orders.ordersOf(anna.cpr), [order]);
      }));

    test('a later move does not change the address of an order on its way', () =>
      withOrders(dialect, async (kit) => {
        const result = await kit.orders.placeOrder({ cpr: anna.cpr, kind: 'codeReader', delivery: 'post' });
        assert.ok(result.ok);
        await kit.database.db.updateTable('people').set({ street: 'Ny Adelgade 1' }).execute();
        assert.equal((await kit.orders.getOrder(result.order.id))?.shipTo?.street, 'Nørrebrogade 12, 2. th.');
      }));

    test('for pickup: the slot is booked and the letter confirms office, address and time', () =>
      withOrders(dialect, async (kit) => {
        const slotId = await firstFreeSlot(kit); // today 10:30 in Copenhagen
        const result = await kit.orders.placeOrder({
          cpr: anna.cpr,
          kind: 'codeReader',
          delivery: 'pickup',
          slotId,
        });
        assert.ok(result.ok);
        const slot = await kit.orders.getSlot(slotId);
        assert.equal(slot?.booked, 1);
        assert.equal(result.order.officeId, 'bs-101');
        assert.equal(result.order.slotId, slotId);
        assert.equal(result.order.expectedBy, slot?.startsAt);
        assert.equal(result.order.trackingNo, null);
        assert.equal(result.order.shipTo, null);

        const letter = await new MessageStore(kit.database.db).latestTo(anna.cpr, 'digitalpost');
        assert.equal(letter?.id, result.order.letterId);
        assert.equal(letter?.subject, 'Din tid i Borgerservice: hent din MitID kodeoplæser');
        assert.ok(
          letter?.body.includes(
            'Borgerservice København\nRådhuspladsen 1\n1550 København V\ntirsdag den 24. november 2026 kl. 10.30',
          ),
          letter?.body,
        );
        assert.ok(letter?.body.includes('Sådan aktiverer du MitID kodeoplæser'));
      }));

    test('the letter in English when asked', () =>
      withOrders(dialect, async (kit) => {
        const result = await kit.orders.placeOrder({
          cpr: anna.cpr,
          kind: 'codeDisplay',
          delivery: 'post',
          lang: 'en',
        });
        assert.ok(result.ok);
        const letter = await new MessageStore(kit.database.db).latestTo(anna.cpr, 'digitalpost');
        assert.equal(letter?.subject, 'Your MitID code display has been ordered');
      }));

    test('a kodeviser and a kodeoplæser may be on their way at the same time', () =>
      withOrders(dialect, async (kit) => {
        const display = await kit.orders.placeOrder({ cpr: anna.cpr, kind: 'codeDisplay', delivery: 'post' });
        const reader = await kit.orders.placeOrder({
          cpr: anna.cpr,
          kind: 'codeReader',
          delivery: 'pickup',
          slotId: await firstFreeSlot(kit),
        });
        assert.ok(display.ok && reader.ok);
        assert.equal((await kit.orders.openOrder(anna.cpr, 'codeDisplay'))?.id, display.order.id);
        assert.equal((await kit.orders.openOrder(anna.cpr, 'codeReader'))?.id, reader.order.id);
        assert.equal((await new MessageStore(kit.database.db).listByRecipient(anna.cpr)).length, 2);
      }));
  });
}
