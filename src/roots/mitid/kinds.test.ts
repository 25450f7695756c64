/**
 * The MitID service's kind registry (kinds.ts): the wizard's choices in the guide's order, and
 * every text of every offer present, and not empty, in Danish and in English.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KIND_NAMES } from '../../core/authenticators/index.ts';
import { catalogue, isMessageId } from '../../i18n/catalogue.ts';
import { languages } from '../../i18n/types.ts';
import { appActivationRules } from '../../kinds/app/index.ts';
import { passwordActivationRules } from '../../kinds/password/index.ts';
import { mitidKinds } from './kinds.ts';

const kinds = mitidKinds();

test('the wizard offers App, Kodeviser, Kodeoplæser at enrollment; the chip only once MitID is in use', () => {
  assert.deepEqual(
    kinds.offered('enrollment').map((k) => k.name),
    ['app', 'codeDisplay', 'codeReader'],
  );
  assert.deepEqual(
    kinds.offered('inUse').map((k) => k.name),
    ['chip'],
  );
  assert.deepEqual(kinds.offer('app')?.deliveries, ['appStore']);
  assert.deepEqual(kinds.offer('app')?.contact, ['mobile']);
  for (const k of ['codeDisplay', 'codeReader']) {
    assert.deepEqual(kinds.offer(k)?.deliveries, ['post', 'pickup'], k);
    assert.deepEqual(kinds.offer(k)?.contact, ['mobile', 'email'], k);
  }
  assert.equal(
    kinds.offer('password'),
    undefined,
    'the password comes with a code device or chip, never alone',
  );
  assert.deepEqual(kinds.activationRules().password, passwordActivationRules, "the password's own rules");
  assert.deepEqual(kinds.activationRules().app, appActivationRules, "the app's own rules");
});

test('every text of every offer is in the catalogue in Danish and English', () => {
  let checked = 0;
  for (const name of KIND_NAMES) {
    const offer = kinds.offer(name);
    if (!offer) continue;
    const ids = [offer.label, offer.hint, offer.name, offer.contactNote, offer.contactMissing];
    if (offer.when === 'enrollment') assert.ok(offer.contactNote && offer.contactMissing, name);
    for (const id of ids.filter((x) => x !== undefined)) {
      assert.ok(isMessageId(id), `${name}: ${id}`);
      for (const lang of languages) assert.ok(catalogue[id][lang].trim(), `${name}: ${id} (${lang})`);
      checked++;
    }
  }
  assert.ok(checked >= 4 * 3 + 3 * 2);
});
