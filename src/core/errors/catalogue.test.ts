import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalogue } from '../../i18n/catalogue.ts';
import { languages } from '../../i18n/types.ts';
import { platformErrors } from '../../platform/http/errors.ts';
import { errors, vocabularies } from './catalogue.ts';

type Entry = {
  status: number;
  expose: boolean;
  publicAs?: string;
  text: string;
  wire?: Record<string, string>;
  wireText?: Record<string, string>;
};
const entries = Object.entries(errors) as [string, Entry][];

test('every entry has its texts in Danish and English', () => {
  for (const [code, def] of entries) {
    for (const id of [def.text, ...Object.values(def.wireText ?? {})]) {
      const text = (catalogue as Record<string, Record<string, string> | undefined>)[id];
      for (const lang of languages) assert.ok(text?.[lang]?.trim(), `${code}: ${id} lacks ${lang}`);
    }
  }
});

test('a name is used once in each vocabulary, and only in a known vocabulary', () => {
  const seen = new Map<string, string>();
  for (const [code, def] of entries) {
    for (const [vocabulary, name] of Object.entries(def.wire ?? {})) {
      assert.ok(Object.hasOwn(vocabularies, vocabulary), `${code}: unknown vocabulary ${vocabulary}`);
      const key = `${vocabulary} ${name}`;
      assert.equal(seen.get(key), undefined, `${key} is the name of ${seen.get(key)} and ${code}`);
      seen.set(key, code);
    }
  }
});

test('codes are ERR_*, statuses 4xx or 5xx; an unexposed code is shown as an exposed one', () => {
  for (const [code, def] of entries) {
    assert.match(code, /^ERR_[A-Z0-9_]+$/);
    assert.ok(def.status >= 400 && def.status < 600, code);
    if (def.expose) continue;
    const shown = def.publicAs ? (errors as Record<string, Entry>)[def.publicAs] : undefined;
    assert.ok(shown?.expose, `${code} is shown as ${def.publicAs}, which must be exposed`);
  }
});

test('the catalogue keeps every generic code with its status (what the platform itself refuses with)', () => {
  for (const [code, def] of Object.entries(platformErrors)) {
    assert.equal((errors as Record<string, Entry>)[code]?.status, def.status, code);
  }
});
