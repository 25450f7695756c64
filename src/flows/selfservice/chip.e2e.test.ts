/**
 * Buying and adding a MitID chip over HTTP, logged in through the real /op with the app (the
 * chip, its orders and the password are the test's port implementations until the kinds land):
 * the price and the address, the receipt, a second order refused; the gate, START's options,
 * a password created first, all-or-nothing on a refusal, one chip.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SoftChip } from '../../kinds/chip/testing/index.ts';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import {
  csrfOf,
  givePassword,
  loginWithApp,
  passwordVerifies,
  type SelfserviceOp,
  startSelfserviceOp,
} from './testing/index.ts';

for (const dialect of await dialectsUnderTest()) {
  describe(`the MitID chip on MitID.dk on ${dialect}`, () => {
    let op: SelfserviceOp;
    before(async () => {
      op = await startSelfserviceOp(dialect);
    });
    const chipOrders = (cpr: string) =>
      op.h.database.db
        .selectFrom('device_orders')
        .select(['id', 'price_ore', 'delivery', 'status'])
        .where('cpr', '=', cpr)
        .where('kind', '=', 'chip')
        .execute();
    after(async () => op?.close());

    const openGate = (identityId: string) =>
      op.h.database.db
        .updateTable('gates' as never)
        .set({ opens_at: op.h.clock.now().getTime() - 1000 } as never)
        .where('identity_id' as never, '=', identityId as never)
        .where('status' as never, '=', 'waiting' as never)
        .execute();
    const kinds = async (identityId: string) =>
      (await op.h.core.authenticators.listFor(identityId))
        .filter((a) => a.status === 'active')
        .map((a) => a.kind);

    test('Køb MitID chip: the price, the address, Bestil, the receipt; a second order is refused', async () => {
      const { person, device } = await op.h.activatedPerson();
      const { browser, text } = await loginWithApp(op, person, device);
      assert.match(text, /href="\/selvbetjening\/chip\/koeb">Køb MitID chip/);
      const page = await browser.follow(`${op.base}/selvbetjening/chip/koeb`);
      assert.match(page.text, /143,60 kr\./);
      assert.match(page.text, /Vestergade 12, 1456 København K/);
      assert.match(page.text, /Faktura i Digital Post/);
      const receipt = await browser.post(`${op.base}/selvbetjening/chip/koeb`, { _csrf: csrfOf(page.text) });
      assert.equal(receipt.status, 200);
      const [order, ...more] = await chipOrders(person.cpr);
      assert.ok(order);
      assert.equal(more.length, 0);
      assert.equal(Number(order.price_ore), 14360);
      assert.equal(order.delivery, 'post');
      assert.ok(receipt.text.includes(`Ordrenummer ${order.id}`));
      const letters = await op.h.messagesTo(person.cpr);
      assert.ok(
        letters.some((m) => m.channel === 'digitalpost'),
        'the letter in Digital Post',
      );
      assert.match(receipt.text, /3–7 hverdage/);
      const again = await browser.post(`${op.base}/selvbetjening/chip/koeb`, { _csrf: csrfOf(page.text) });
      assert.equal(again.status, 409);
      assert.match(again.text, /allerede bestilt/);
      assert.equal((await chipOrders(person.cpr)).length, 1);
    });

    test('Tilføj chip: request access, wait, START, a password first; the chip in the list', async () => {
      const { person, device } = await op.h.activatedPerson();
      const { browser } = await loginWithApp(op, person, device);
      const soft = new SoftChip(op.base);
      const page = await browser.follow(`${op.base}/selvbetjening/chip/tilfoej`);
      assert.match(page.text, /med posten på 3–7 hverdage/);
      assert.doesNotMatch(page.text, /id="chip-form"/);
      const early = await browser.json(`${op.base}/selvbetjening/chip/tilfoej/valg`, {
        _csrf: csrfOf(page.text),
      });
      assert.equal(early.status, 403, 'no options before the gate opens');
      await browser.post(`${op.base}/selvbetjening/adgang`, { _csrf: csrfOf(page.text), action: 'addChip' });
      await openGate(person.identityId);
      const open = await browser.follow(`${op.base}/selvbetjening/chip/tilfoej`);
      assert.match(open.text, /id="chip-form"/);
      assert.match(open.text, /Du har ingen MitID adgangskode/);
      const csrf = csrfOf(open.text);
      const start = async () => {
        const res = await browser.json(`${op.base}/selvbetjening/chip/tilfoej/valg`, { _csrf: csrf });
        assert.equal(res.status, 200);
        return res.body as {
          registrationId: string;
          options: {
            challenge: string;
            user: { id: string };
            authenticatorSelection: Record<string, string>;
          };
        };
      };
      const first = await start();
      assert.equal(first.options.authenticatorSelection.residentKey, 'required');
      assert.equal(first.options.authenticatorSelection.authenticatorAttachment, 'cross-platform');

      // A refused password: nothing written, the gate still open, the ceremony not touched.
      const weak = await browser.json(`${op.base}/selvbetjening/chip/tilfoej`, {
        _csrf: csrf,
        registrationId: first.registrationId,
        response: soft.register(first.options),
        password: 'kort',
        repeat: 'kort',
      });
      assert.equal(weak.status, 400);
      // A chip the kind refuses (another origin): the password is not kept, the ceremony is used.
      const wrong = await browser.json(`${op.base}/selvbetjening/chip/tilfoej`, {
        _csrf: csrf,
        registrationId: first.registrationId,
        response: soft.register(first.options, { origin: 'https://evil.example' }),
        password: 'Chip-kode-2026x',
        repeat: 'Chip-kode-2026x',
      });
      assert.equal(wrong.status, 400);
      assert.match(String(wrong.body.message), /Chippen blev ikke tilsluttet/);
      assert.deepEqual(await kinds(person.identityId), ['app']);
      const replay = await browser.json(`${op.base}/selvbetjening/chip/tilfoej`, {
        _csrf: csrf,
        registrationId: first.registrationId,
        response: soft.register(first.options),
        password: 'Chip-kode-2026x',
        repeat: 'Chip-kode-2026x',
      });
      assert.equal(replay.status, 400, 'one challenge, one try');
      assert.deepEqual(await kinds(person.identityId), ['app']);

      const second = await start();
      const done = await browser.json(`${op.base}/selvbetjening/chip/tilfoej`, {
        _csrf: csrf,
        registrationId: second.registrationId,
        response: soft.register(second.options),
        password: 'Chip-kode-2026x',
        repeat: 'Chip-kode-2026x',
      });
      assert.equal(done.status, 200, JSON.stringify(done.body));
      assert.equal(done.body.redirect, '/selvbetjening');
      assert.deepEqual((await kinds(person.identityId)).sort(), ['app', 'chip', 'password']);
      assert.ok(await passwordVerifies(op, person.identityId, 'Chip-kode-2026x'));
      const profile = await browser.follow(`${op.base}/selvbetjening`);
      assert.match(profile.text, /<td>MitID chip<\/td>/);
      assert.match(profile.text, /<td>MitID adgangskode<\/td>/);

      // One chip: START again is refused.
      const again = await browser.json(`${op.base}/selvbetjening/chip/tilfoej/valg`, { _csrf: csrf });
      assert.equal(again.status, 409);
      assert.equal((await op.h.core.authenticators.listFor(person.identityId, 'chip')).length, 1);
    });

    test('bad input to the chip endpoints: a clear message, nothing changed', async () => {
      const { person, device } = await op.h.activatedPerson();
      await givePassword(op, person, 'Har-kode-2026x');
      const { browser, text } = await loginWithApp(op, person, device);
      await browser.post(`${op.base}/selvbetjening/adgang`, { _csrf: csrfOf(text), action: 'addChip' });
      await openGate(person.identityId);
      const open = await browser.follow(`${op.base}/selvbetjening/chip/tilfoej`);
      assert.doesNotMatch(open.text, /name="password"/, 'a person with a password is not asked for one');
      for (const response of [undefined, null, 'text', 42]) {
        const res = await browser.json(`${op.base}/selvbetjening/chip/tilfoej`, {
          _csrf: csrfOf(open.text),
          response,
        });
        assert.equal(res.status, 400);
        assert.equal(typeof res.body.message, 'string');
      }
      assert.deepEqual((await kinds(person.identityId)).sort(), ['app', 'password']);
      assert.equal(
        (await browser.follow(`${op.base}/selvbetjening/chip/tilfoej`)).text.includes('id="chip-form"'),
        true,
      );
    });
  });
}
