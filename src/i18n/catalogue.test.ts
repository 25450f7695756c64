import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalogue, t } from './catalogue.ts';
import { languages } from './types.ts';

const paramsOf = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

test('every message id has a non-empty text in every language', () => {
  for (const [id, text] of Object.entries(catalogue)) {
    for (const lang of languages) {
      const value = (text as Record<string, unknown>)[lang];
      assert.equal(typeof value, 'string', `${id} lacks ${lang}`);
      assert.notEqual((value as string).trim(), '', `${id} has an empty ${lang} text`);
    }
  }
});

test('both languages of a message use the same parameters', () => {
  for (const [id, text] of Object.entries(catalogue)) {
    assert.deepEqual(paramsOf(text.da), paramsOf(text.en), id);
  }
});

test('t fills in parameters', () => {
  assert.equal(t('en', 'error.code', { code: 'ERR_X' }), 'Error code: ERR_X');
  assert.equal(t('da', 'error.code', { code: 'ERR_X' }), 'Fejlkode: ERR_X');
});
