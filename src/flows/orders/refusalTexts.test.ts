/**
 * Every refusal of placeOrder, advanceOrder and handOver has its public code and a text of its
 * own in Danish and English (orders.refusal.<reason>), and every photo-ID type a name.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { t } from '../../i18n/catalogue.ts';
import { photoIdTypes } from './handOver.ts';
import { orderErrorCodes } from './orderErrorCodes.ts';

test('each refusal: a code, and a text in both languages', () => {
  for (const reason of Object.keys(orderErrorCodes)) {
    for (const lang of ['da', 'en'] as const) {
      const key = `orders.refusal.${reason}`;
      const text = t(lang, key as never, { device: 'X' });
      assert.notEqual(text, key, `${key} in ${lang}`);
      assert.ok(text.length > 10, `${key} in ${lang}`);
    }
  }
  for (const id of photoIdTypes)
    assert.notEqual(t('da', `orders.idType.${id}`), t('en', `orders.idType.${id}`));
});
