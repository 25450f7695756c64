import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { serverErrorCodes } from './appErrors.ts';

test('the client knows exactly the error codes in the protocol doc’s table', () => {
  const doc = readFileSync(new URL('../../../../docs/protocols/app.md', import.meta.url), 'utf8');
  const table = doc.slice(doc.indexOf('## Errors'));
  const documented = [...table.matchAll(/^\|\s*(`[a-z_]+`(?:\s*\/\s*`[a-z_]+`)*)\s*\|/gm)]
    .flatMap((m) => (m[1] ?? '').split('/'))
    .map((c) => c.trim().replaceAll('`', ''));
  assert.deepEqual([...documented].sort(), [...serverErrorCodes].sort());
});
