/**
 * The documents and the catalogue agree: every canonical code is in docs/errors.md with its
 * status, every app/v1 name in app.md's table, every ra/v1 name in enrollment.md's, and no
 * document names a code the catalogue lacks.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { errors } from './catalogue.ts';

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

/** code → HTTP status from the first table after `heading` (a row may name two codes: `a` / `b`). */
function table(doc: string, heading: string, pattern: RegExp): Record<string, number> {
  const at = doc.indexOf(heading);
  assert.ok(at >= 0, `the document has no "${heading}"`);
  const rows: Record<string, number> = {};
  let started = false;
  for (const line of doc.slice(at).split('\n')) {
    if (!line.startsWith('|')) {
      if (started) break;
      continue;
    }
    started = true;
    const cells = line.split('|').map((c) => c.trim());
    const status = Number(cells[2]);
    if (!Number.isInteger(status)) continue;
    for (const m of (cells[1] ?? '').matchAll(pattern)) rows[m[1] ?? ''] = status;
  }
  return rows;
}

/** name → status of every entry with a name in `vocabulary`. */
function named(vocabulary: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const def of Object.values(errors) as { status: number; wire?: Record<string, string> }[]) {
    const name = def.wire?.[vocabulary];
    if (name) out[name] = def.status;
  }
  return out;
}

const sorted = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).sort());

test('docs/errors.md lists every canonical code with its status, and no other', () => {
  const all = Object.fromEntries(Object.entries(errors).map(([code, def]) => [code, def.status]));
  assert.deepEqual(sorted(table(read('docs/errors.md'), '| code', /`(ERR_[A-Z0-9_]+)`/g)), sorted(all));
});

test("app.md's table lists every app/v1 name with its status, and no other", () => {
  const doc = read('docs/protocols/app.md');
  assert.deepEqual(sorted(table(doc, '## Errors', /`([a-z_]+)`/g)), sorted(named('app/v1')));
});

test("enrollment.md's table lists every ra/v1 name with its status, and no other", () => {
  const doc = read('docs/protocols/enrollment.md');
  assert.deepEqual(sorted(table(doc, '| error ', /`([a-z_]+)`/g)), sorted(named('ra/v1')));
});

test('docs/errors.md lists the OAuth names of the token endpoint', () => {
  const doc = read('docs/errors.md');
  for (const name of Object.keys(named('oauth'))) assert.match(doc, new RegExp(`\`${name}\``), name);
});
