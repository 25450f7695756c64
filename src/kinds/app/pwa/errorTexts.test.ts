/**
 * Every error code the app protocol can answer has the app's own message in both languages, and
 * the app's script knows it (errorText.js lists the codes it has texts for).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { catalogue, isMessageId } from '../../../i18n/catalogue.ts';
import { appErrorStatus } from '../server/appErrors.ts';

/** Answered only to services (HTTP Basic), never to the app. */
const notForTheApp = new Set(['invalid_client']);
const codes = Object.keys(appErrorStatus).filter((c) => !notForTheApp.has(c));
const script = readFileSync(new URL('./static/errorText.js', import.meta.url), 'utf8');

test('every protocol error has a Danish and an English message in the app', () => {
  for (const code of codes) {
    const id = `appUi.error.${code}`;
    assert.ok(isMessageId(id), `${id} is missing`);
    assert.ok(catalogue[id].da && catalogue[id].en, id);
  }
});

test('the app script shows its own message for every protocol error', () => {
  for (const code of codes) assert.ok(script.includes(`'${code}'`), `errorText.js does not know ${code}`);
});

test('the messages that count tries say how many are left', () => {
  for (const code of ['wrong_code', 'wrong_temporary_pin', 'wrong_pin']) {
    assert.match(catalogue[`appUi.error.${code}` as keyof typeof catalogue].da, /\{attemptsLeft\}/);
  }
});
