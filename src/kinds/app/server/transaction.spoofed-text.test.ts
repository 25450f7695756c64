/**
 * "The app shows only what it says" (issue 7, item 4): a service cannot make the app show a text
 * other than the one it sent and the person signs. Each case first shows that the request reached
 * the API (the client authenticated, the text was read), then that nothing was stored and the
 * refusal names the field; and that the digest the person signs is over the NFC text shown.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { transactionDigest } from '../../../core/authentications/index.ts';
import { dialectsUnderTest } from '../../../platform/db/testDb.ts';
import { type AppHarness, startAppHarness, type TestPerson } from './testing/appHarness.ts';
import type { TestDevice } from './testing/TestDevice.ts';

for (const dialect of await dialectsUnderTest()) {
  describe(`${dialect}: texts a person reads`, () => {
    let h: AppHarness;
    let person: TestPerson;
    let device: TestDevice;
    before(async () => {
      h = await startAppHarness({ dialect });
      ({ person, device } = await h.activatedPerson());
    });
    after(() => h.close());

    const base = () => ({ userId: person.userId, serviceName: 'Min Bank', action: 'approve' });
    const stored = async (): Promise<number> =>
      (await h.database.db.selectFrom('authentications').select('id').execute()).length;

    test('the issue’s example: a right-to-left override that would show "til 4321 8000" is refused', async () => {
      const before = await stored();
      const res = await h.createTransaction({ ...base(), text: 'til \u202e0008 1234\u202c' });
      assert.equal(res.statusCode, 400);
      assert.deepEqual(
        { error: res.json().error, field: res.json().field, problem: res.json().problem },
        { error: 'invalid_request', field: 'text', problem: 'format' },
      );
      assert.equal(typeof res.json().message, 'string');
      assert.equal(await stored(), before, 'nothing stored');
      assert.deepEqual(await device.pending(), [], 'nothing for the app to show');
    });

    test('every class of character is refused, in the text and in the service name, field named', async () => {
      const cases: [string, string][] = [
        ['format', 'til 1234\u2069'],
        ['format', 'til 12\u200b34'],
        ['format', '\ufefftil 1234'],
        ['format', 'Over\u00adfør'],
        ['format', 'til 1234\u{e0041}'],
        ['format', 'til 12\u061c34'],
        ['privateUse', 'til \ue000 1234'],
        ['unassigned', 'til \u0378 1234'],
        ['surrogate', 'til \ud800 1234'],
        ['lineBreak', 'til\n1234'],
        ['control', 'til\t1234'],
        ['invisible', 'til\u3164 1234'],
        ['rtlWithDigits', 'til \u05d0 0008 1234'],
        ['empty', '  '],
      ];
      const before = await stored();
      for (const field of ['text', 'serviceName']) {
        for (const [problem, value] of cases) {
          const body = { ...base(), text: 'Overfør 1,00 kr.', [field]: value };
          const res = await h.createTransaction(body);
          const what = `${field}: ${JSON.stringify(value)}`;
          assert.equal(res.statusCode, 400, what);
          assert.deepEqual(
            { error: res.json().error, field: res.json().field, problem: res.json().problem },
            { error: 'invalid_request', field, problem },
            what,
          );
        }
      }
      assert.equal(await stored(), before, 'no refused request left a transaction behind');
    });

    test('a lone surrogate escaped in the JSON is refused, not turned into U+FFFD', async () => {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/transactions',
        headers: {
          authorization: `Basic ${Buffer.from('minbank:bank-client-secret-for-tests-0123456789').toString('base64')}`,
          'content-type': 'application/json',
        },
        payload: `{"userId":${JSON.stringify(person.userId)},"serviceName":"Min Bank","action":"login","text":"til \\ud800 1234"}`,
      });
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().field, 'text');
      assert.equal(res.json().problem, 'surrogate');
    });

    test('NFC before the count: 130 decomposed characters pass (and are stored composed), 131 do not', async () => {
      const decomposed = `Overfo\u0308r ${'a\u030a'.repeat(122)}`; // ö and å, each sent as letter + combining mark
      const composed = decomposed.normalize('NFC');
      assert.equal([...composed].length, 130);
      assert.ok(decomposed.length > 200, 'sent as far more than 130 UTF-16 units and code points');
      const res = await h.createTransaction({ ...base(), text: decomposed });
      assert.equal(res.statusCode, 201);
      const over = await h.createTransaction({ ...base(), text: `${decomposed}a\u030a` });
      assert.equal(over.statusCode, 400);
      assert.deepEqual(
        { field: over.json().field, problem: over.json().problem },
        { field: 'text', problem: 'tooLong' },
      );
      const status = await h.transactionStatus(res.json().transactionId);
      assert.equal(status.text, composed);
    });

    test('the digest the app signs is over the NFC text it is shown', async () => {
      const res = await h.createTransaction({
        ...base(),
        serviceName: 'Mi\u0301n Bank', // í decomposed
        text: 'Overfør 1.250,00 kr. til A\u030ase',
      });
      assert.equal(res.statusCode, 201);
      const tx = (await device.pending()).find((t) => t.id === res.json().transactionId);
      assert.ok(tx);
      assert.equal(tx.text, 'Overfør 1.250,00 kr. til Åse');
      assert.equal(tx.serviceName, 'Mín Bank');
      assert.equal(
        tx.digest,
        transactionDigest({
          id: tx.id,
          serviceName: 'Mín Bank',
          action: 'approve',
          text: 'Overfør 1.250,00 kr. til Åse',
          level: tx.level,
          createdAt: tx.createdAt,
        }),
      );
      assert.notEqual(
        tx.digest,
        transactionDigest({
          id: tx.id,
          serviceName: 'Mi\u0301n Bank',
          action: 'approve',
          text: 'Overfør 1.250,00 kr. til A\u030ase',
          level: tx.level,
          createdAt: tx.createdAt,
        }),
        'not over the decomposed text as sent',
      );
    });

    test('a device name with a bidi override (it goes into the owner’s new-device warning) starts no activation', async () => {
      const activations = async () =>
        (await h.database.db.selectFrom('app_activations').select('id').execute()).length;
      const before = await activations();
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/app/v1/activations',
        payload: { userId: person.userId, deviceName: 'iPhone \u202eenohp s’nerak\u202c' },
      });
      assert.equal(res.statusCode, 400);
      assert.deepEqual(
        { error: res.json().error, field: res.json().field, problem: res.json().problem },
        { error: 'invalid_request', field: 'deviceName', problem: 'format' },
      );
      assert.equal(await activations(), before, 'no flow started');
      const fine = await h.app.inject({
        method: 'POST',
        url: '/api/app/v1/activations',
        payload: { userId: person.userId, deviceName: 'Karens iPhone' },
      });
      assert.equal(fine.statusCode, 201, 'the same request with a plain name starts one');
    });
  });
}
