import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dialectsUnderTest, openTestDatabase, type TestDatabase } from '../../platform/db/testDb.ts';
import { mitidMigrations } from '../../roots/mitid/db/migrations.ts';
import type { MitidDb } from '../db/index.ts';
import type { StoredMessage } from './Message.ts';
import { MessageStore } from './MessageStore.ts';

const t0 = new Date('2026-11-24T09:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

function message(id: string, fields: Partial<StoredMessage> = {}): StoredMessage {
  return {
    id,
    channel: 'sms',
    recipient: '+4512345678',
    subject: '',
    body: `Din kode er ${id}`,
    status: 'kept',
    createdAt: t0,
    ...fields,
  };
}

for (const dialect of await dialectsUnderTest()) {
  describe(`MessageStore on ${dialect}`, () => {
    // One database at a time, closed before the next opens: see the note in the report on
    // Kysely's migrator and concurrent PostgreSQL schemas.
    const withDb = async (fn: (database: TestDatabase<MitidDb>) => Promise<void>) => {
      const database = await openTestDatabase<MitidDb>(dialect, mitidMigrations);
      try {
        await fn(database);
      } finally {
        await database.close();
      }
    };
    const withStore = (fn: (store: MessageStore) => Promise<void>) =>
      withDb((d) => fn(new MessageStore(d.db)));

    test('keeps every field as given, æøå and line breaks included', () =>
      withStore(async (store) => {
        const letter = message('l1', {
          channel: 'digitalpost',
          recipient: '0101011234',
          subject: 'Det er din tur til at få MitID',
          body: 'Kære Åse\n\nDu kan nu få MitID.\n',
          status: 'kept',
          createdAt: at(1234),
        });
        await store.add(letter);
        assert.deepEqual(await store.listByRecipient('0101011234'), [letter]);
      }));

    test('lists one recipient’s messages on every channel, newest first', () =>
      withStore(async (store) => {
        await store.add(message('a', { createdAt: at(0) }));
        await store.add(message('c', { createdAt: at(2000) }));
        await store.add(message('b', { createdAt: at(1000) }));
        await store.add(message('other', { recipient: '+4587654321', createdAt: at(3000) }));
        const listed = await store.listByRecipient('+4512345678');
        assert.deepEqual(
          listed.map((m) => m.id),
          ['c', 'b', 'a'],
        );
        assert.deepEqual(
          (await store.listByRecipient('+4512345678', { limit: 2 })).map((m) => m.id),
          ['c', 'b'],
        );
        assert.deepEqual(await store.listByRecipient('+4500000000'), []);
      }));

    test('messages in the same millisecond are ordered by insertion', () =>
      withStore(async (store) => {
        for (const id of ['first', 'second', 'third']) await store.add(message(id));
        assert.deepEqual(
          (await store.listByRecipient('+4512345678')).map((m) => m.id),
          ['third', 'second', 'first'],
        );
        assert.equal((await store.latestTo('+4512345678', 'sms'))?.id, 'third');
      }));

    test('latestTo: the newest message on that channel only', () =>
      withStore(async (store) => {
        await store.add(message('e1', { channel: 'email', recipient: 'anna@example.dk', createdAt: at(0) }));
        await store.add(message('e2', { channel: 'email', recipient: 'anna@example.dk', createdAt: at(10) }));
        await store.add(message('s1', { createdAt: at(20) }));
        assert.equal((await store.latestTo('anna@example.dk', 'email'))?.id, 'e2');
        assert.equal(await store.latestTo('anna@example.dk', 'sms'), undefined);
        assert.equal(
          await store.latestTo('ANNA@example.dk', 'email'),
          undefined,
          'exact match on the normalised key',
        );
      }));

    test('setStatus changes the status and nothing else', () =>
      withStore(async (store) => {
        const m = message('e1', { channel: 'email', recipient: 'anna@example.dk', subject: 'Kode' });
        await store.add(m);
        await store.add(message('e2', { channel: 'email', recipient: 'anna@example.dk', subject: 'Kode' }));
        await store.setStatus('e1', 'failed');
        const listed = await store.listByRecipient('anna@example.dk');
        assert.deepEqual(
          listed.map((x) => [x.id, x.status]),
          [
            ['e2', 'kept'],
            ['e1', 'failed'],
          ],
        );
        assert.deepEqual(listed[1], { ...m, status: 'failed' });
      }));

    test('recipients: count and latest time per recipient, most recent first', () =>
      withStore(async (store) => {
        assert.deepEqual(await store.recipients(), []);
        await store.add(message('s1', { createdAt: at(0) }));
        await store.add(message('s2', { createdAt: at(5000) }));
        await store.add(
          message('e1', { channel: 'email', recipient: 'anna@example.dk', createdAt: at(3000) }),
        );
        await store.add(
          message('d1', { channel: 'digitalpost', recipient: '0101011234', createdAt: at(4000) }),
        );
        assert.deepEqual(await store.recipients(), [
          { recipient: '+4512345678', channel: 'sms', count: 2, latestAt: at(5000) },
          { recipient: '0101011234', channel: 'digitalpost', count: 1, latestAt: at(4000) },
          { recipient: 'anna@example.dk', channel: 'email', count: 1, latestAt: at(3000) },
        ]);
        assert.equal((await store.recipients({ limit: 1 })).length, 1);
      }));

    test('works inside a transaction, and a rollback keeps nothing', () =>
      withDb(async (database) => {
        await assert.rejects(
          database.db.transaction().execute(async (trx) => {
            await new MessageStore(trx).add(message('rolled-back'));
            throw new Error('abort');
          }),
        );
        assert.deepEqual(await new MessageStore(database.db).listByRecipient('+4512345678'), []);
      }));
  });
}
