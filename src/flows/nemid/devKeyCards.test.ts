import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ANNA, logIn, startHarness } from './testing/nemidHarness.ts';

test('the dev page lists people with user-ID and active key card, used codes marked', async () => {
  const h = await startHarness();
  try {
    await logIn(h);
    const json = await h.app.inject('/dev/noeglekort.json');
    assert.equal(json.statusCode, 200);
    const [anna] = json.json().people;
    assert.equal(anna.cpr, ANNA.cpr);
    assert.equal(anna.name, 'Anna Berg');
    assert.equal(anna.userId, ANNA.userId);
    assert.equal(anna.keyCard.cardNumber, h.anna.keyCard.cardNumber);
    assert.equal(anna.keyCard.codes.length, 48);
    assert.equal(anna.keyCard.codes.filter((c: { used: boolean }) => c.used).length, 1);
    assert.deepEqual(Object.keys(anna).sort(), ['cpr', 'keyCard', 'name', 'userId']);

    const page = await h.app.inject('/dev/noeglekort');
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('Anna Berg'));
    assert.ok(page.body.includes(`Bruger-ID: ${ANNA.userId}`));
    assert.ok(page.body.includes(`Nøglekort ${h.anna.keyCard.cardNumber} (47 ubrugte nøgler)`));
    assert.equal(page.body.match(/\(brugt\)/g)?.length, 1);
    const en = await h.app.inject('/dev/noeglekort?lang=en');
    assert.ok(en.body.includes(`Key card ${h.anna.keyCard.cardNumber} (47 unused keys)`));
  } finally {
    await h.close();
  }
});

test('without development pages there is no key-card page', async () => {
  const h = await startHarness({ devPages: false });
  try {
    assert.equal((await h.app.inject('/dev/noeglekort')).statusCode, 404);
    assert.equal((await h.app.inject('/dev/noeglekort.json')).statusCode, 404);
  } finally {
    await h.close();
  }
});
