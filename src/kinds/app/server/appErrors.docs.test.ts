import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { catalogue } from '../../../i18n/catalogue.ts';
import { appErrorStatus } from './appErrors.ts';

const doc = readFileSync(new URL('../../../../docs/protocols/app.md', import.meta.url), 'utf8');

/** code → HTTP status from the doc's error table (a row may name two codes: `a` / `b`). */
function documented(): Map<string, number> {
  const table = doc.slice(doc.indexOf('## Errors'));
  const rows = new Map<string, number>();
  for (const line of table.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const status = Number(cells[2]);
    if (!Number.isInteger(status)) continue;
    for (const m of (cells[1] ?? '').matchAll(/`([a-z_]+)`/g)) rows.set(m[1] ?? '', status);
  }
  return rows;
}

test('every error code is in the doc with its HTTP status, and the doc names no other', () => {
  assert.deepEqual(
    Object.fromEntries([...documented()].sort()),
    Object.fromEntries(Object.entries(appErrorStatus).sort()),
  );
});

test('every error code has a text in Danish and English', () => {
  for (const code of Object.keys(appErrorStatus)) {
    const text = (catalogue as Record<string, { da: string; en: string }>)[`app.error.${code}`];
    assert.ok(text?.da && text.en, code);
  }
});
