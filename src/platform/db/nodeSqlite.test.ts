import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { openNodeSqlite } from './nodeSqlite.ts';

/** node:sqlite's rows have a null prototype. */
const plain = (rows: unknown[]): unknown[] => rows.map((r) => ({ ...(r as object) }));

function withSqlite(cacheSize: number, fn: (db: ReturnType<typeof openNodeSqlite>) => void): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'node-sqlite-'));
  const db = openNodeSqlite(path.join(dir, 'test.sqlite'), cacheSize);
  try {
    db.raw.exec('create table t (id integer primary key, name text)');
    fn(db);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a statement is prepared once and reused with new parameters', () => {
  withSqlite(10, (db) => {
    const insert = db.prepare('insert into t (id, name) values (?, ?)');
    insert.run([1, 'a']);
    assert.equal(db.prepare('insert into t (id, name) values (?, ?)'), insert);
    db.prepare('insert into t (id, name) values (?, ?)').run([2, 'b']);
    const select = db.prepare('select name from t where id = ?');
    assert.equal(select.reader, true);
    assert.equal(insert.reader, false);
    assert.deepEqual(plain(select.all([1])), [{ name: 'a' }]);
    assert.deepEqual(plain(db.prepare('select name from t where id = ?').all([2])), [{ name: 'b' }]);
    assert.equal(db.statements.size, 2);
  });
});

test('the cache keeps at most its size, dropping the least recently used', () => {
  withSqlite(3, (db) => {
    const first = db.prepare('select 1');
    db.prepare('select 2');
    db.prepare('select 3');
    assert.equal(db.prepare('select 1'), first); // used again: now the most recent
    db.prepare('select 4'); // drops "select 2"
    assert.equal(db.statements.size, 3);
    assert.equal(db.prepare('select 1'), first);
    const again = db.prepare('select 2');
    assert.deepEqual(plain(again.all([])), [{ 2: 2 }]);
    assert.equal(db.statements.size, 3);
  });
});

test('a failing statement leaves the cached one usable', () => {
  withSqlite(10, (db) => {
    const insert = db.prepare('insert into t (id, name) values (?, ?)');
    insert.run([1, 'a']);
    assert.throws(() => db.prepare('insert into t (id, name) values (?, ?)').run([1, 'again']));
    db.prepare('insert into t (id, name) values (?, ?)').run([2, 'b']);
    assert.deepEqual(plain(db.prepare('select count(*) as n from t').all([])), [{ n: 2 }]);
  });
});
