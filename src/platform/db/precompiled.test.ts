import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Kysely, type Migration, sql } from 'kysely';
import { precompile } from './precompiled.ts';
import { dialectsUnderTest, openTestDatabase } from './testDb.ts';

interface Db {
  things: { id: string; owner: string; n: number; note: string | null };
}

const migrations: Record<string, Migration> = {
  '0001_things': {
    up: async (db: Kysely<unknown>) => {
      await db.schema
        .createTable('things')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('n', 'integer', (c) => c.notNull())
        .addColumn('note', 'text')
        .execute();
    },
  },
};

const insert = precompile<Db, { id: string; owner: string; n: number }, never>((db, p) =>
  db.insertInto('things').values({ id: p('id'), owner: p('owner'), n: p('n'), note: null }),
);
const byOwner = precompile<Db, { owner: string; min: number }, { id: string; n: number }>((db, p) =>
  db
    .selectFrom('things')
    .select(['id', 'n'])
    .where('owner', '=', p('owner'))
    .where('n', '>=', p('min'))
    // A constant stays in the query as it was compiled.
    .where('id', '!=', 'never')
    .orderBy('n'),
);
const bump = precompile<Db, { id: string; by: number; was: number }, never>((db, p) =>
  db
    .updateTable('things')
    .set({ n: sql<number>`n + ${p('by')}` })
    .where('id', '=', p('id'))
    .where('n', '=', p('was')),
);

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: a precompiled query runs with new values each time, in and out of transactions`, async () => {
    const database = await openTestDatabase<Db>(dialect, migrations);
    try {
      const db = database.db;
      for (const [i, owner] of ['ann', 'bo', 'ann'].entries())
        assert.equal(await insert.affected(db, { id: `t${i}`, owner, n: i }), 1);
      assert.deepEqual(
        (await byOwner.execute(db, { owner: 'ann', min: 0 })).rows.map((r) => ({ ...r })),
        [
          { id: 't0', n: 0 },
          { id: 't2', n: 2 },
        ],
      );
      assert.deepEqual({ ...(await byOwner.takeFirst(db, { owner: 'bo', min: 0 })) }, { id: 't1', n: 1 });
      assert.equal(await byOwner.takeFirst(db, { owner: 'bo', min: 2 }), undefined);
      // A compare-and-set: the second one with the old value changes nothing.
      assert.equal(await bump.affected(db, { id: 't1', by: 5, was: 1 }), 1);
      assert.equal(await bump.affected(db, { id: 't1', by: 5, was: 1 }), 0);
      await database.db.transaction().execute(async (trx) => {
        const t = trx;
        assert.equal(await bump.affected(t, { id: 't1', by: 1, was: 6 }), 1);
        assert.equal((await byOwner.takeFirst(t, { owner: 'bo', min: 0 }))?.n, 7);
      });
      // A value that looks like SQL is only a value.
      await insert.affected(db, { id: "x'); drop table things; --", owner: 'eve', n: 9 });
      assert.equal((await byOwner.takeFirst(db, { owner: 'eve', min: 0 }))?.id, "x'); drop table things; --");
    } finally {
      await database.close();
    }
  });
}

test('a parameter without a value is an error, not NULL', async () => {
  const database = await openTestDatabase<Db>('sqlite', migrations);
  try {
    const db = database.db;
    await assert.rejects(() => byOwner.execute(db, { owner: 'ann' } as never), /no value for parameter min/);
  } finally {
    await database.close();
  }
});

test('a parameter that is not a value of the query is refused at compilation', async () => {
  const database = await openTestDatabase<Db>('sqlite', migrations);
  try {
    const db = database.db;
    // The param is asked for but used as JavaScript, not given to the query.
    const wrong = precompile<Db, { owner: string }, { id: string }>((d, p) =>
      d
        .selectFrom('things')
        .select('id')
        .where('owner', '=', String(p('owner')).slice(0, 0)),
    );
    await assert.rejects(() => wrong.execute(db, { owner: 'ann' }), /parameter owner is not a value/);
  } finally {
    await database.close();
  }
});

test('the SQL is compiled once per dialect and shared by transactions', async () => {
  const database = await openTestDatabase<Db>('sqlite', migrations);
  try {
    let builds = 0;
    const counted = precompile<Db, { id: string }, { id: string }>((d, p) => {
      builds++;
      return d.selectFrom('things').select('id').where('id', '=', p('id'));
    });
    const db = database.db;
    await counted.execute(db, { id: 'a' });
    await counted.execute(db, { id: 'b' });
    await database.db.transaction().execute(async (trx) => {
      await counted.execute(trx, { id: 'c' });
    });
    assert.equal(builds, 1);
  } finally {
    await database.close();
  }
});
