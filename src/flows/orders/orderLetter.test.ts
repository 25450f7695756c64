import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateMessage } from '../../core/messages/index.ts';
import { demoOffices } from './demoOffices.ts';
import { orderLetter } from './orderLetter.ts';

const shipTo = {
  name: 'Anna Berg',
  street: 'Nørrebrogade 12, 2. th.',
  postalCode: '2200',
  city: 'København N',
};
const post = {
  delivery: 'post' as const,
  shipTo,
  expectedBy: Date.parse('2026-12-09T09:00:00Z'),
  trackingNo: 'RR473124829DK',
};
const office = demoOffices[0];
if (!office) throw new Error('no demo office');
const pickup = { delivery: 'pickup' as const, office, startsAt: Date.parse('2026-12-08T08:30:00Z') };

test('a post letter in Danish: address, latest arrival, tracking number and the four activation steps', () => {
  const letter = orderLetter('da', 'Anna Berg', 'codeDisplay', post);
  assert.equal(letter.subject, 'Din MitID kodeviser er bestilt');
  for (const part of [
    'Kære Anna Berg',
    'Vi har modtaget din bestilling af en MitID kodeviser',
    'Anna Berg\nNørrebrogade 12, 2. th.\n2200 København N',
    'Du modtager den senest onsdag den 9. december 2026. Forsendelsesnummer: RR473124829DK.',
    'Sådan aktiverer du MitID kodeviser',
    '1. Log ind på din netbank med NemID, som du plejer.',
    '2. Opret din MitID adgangskode. Den skal indeholde mindst 8 tegn og må ikke indeholde dit bruger-ID.',
    '3. Indtast det serienummer, som står på bagsiden af MitID kodeviseren.',
    '4. Tryk på knappen, der sidder ved siden af displayet på din MitID kodeviser.',
    'Indtast koden.',
    '33 98 00 10',
  ]) {
    assert.ok(letter.body.includes(part), part);
  }
});

test('a kodeoplæser letter has its own steps: the code is read aloud', () => {
  const letter = orderLetter('da', 'Anna Berg', 'codeReader', post);
  assert.equal(letter.subject, 'Din MitID kodeoplæser er bestilt');
  assert.ok(letter.body.includes('bagsiden af MitID kodeoplæseren'));
  assert.ok(letter.body.includes('Koden læses også op.'));
  assert.ok(!letter.body.includes('kodeviser'));
});

test('a pickup letter confirms the office, its address and the time, in Copenhagen time', () => {
  const letter = orderLetter('da', 'Anna Berg', 'codeDisplay', pickup);
  assert.equal(letter.subject, 'Din tid i Borgerservice: hent din MitID kodeviser');
  assert.ok(
    letter.body.includes(
      'Borgerservice København\nRådhuspladsen 1\n1550 København V\ntirsdag den 8. december 2026 kl. 09.30',
    ),
    letter.body,
  );
  assert.ok(letter.body.includes('billedlegitimation'));
  assert.ok(letter.body.includes('Sådan aktiverer du MitID kodeviser'));
  assert.ok(!letter.body.includes('Forsendelsesnummer'));
});

test('the letter in English', () => {
  const letter = orderLetter('en', 'Anna Berg', 'codeReader', pickup);
  assert.equal(letter.subject, 'Your appointment at Borgerservice: collect your MitID code reader');
  assert.ok(letter.body.includes('Dear Anna Berg'));
  assert.ok(letter.body.includes('at 09:30'));
  assert.ok(letter.body.includes('The code is also read aloud.'));
});

test('every letter passes the Digital Post rules', () => {
  for (const lang of ['da', 'en'] as const)
    for (const kind of ['codeDisplay', 'codeReader'] as const)
      for (const details of [post, pickup]) {
        const letter = orderLetter(lang, 'Anna Berg', kind, details);
        assert.doesNotThrow(() => validateMessage({ channel: 'digitalpost', to: '0101901234', ...letter }));
      }
});
