import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateMessage } from '../../core/messages/index.ts';
import { demoOffices } from './demoOffices.ts';
import { orderLetter, readyLetter, shippedLetter } from './orderLetter.ts';

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
  priceOre: 0,
};
const office = demoOffices[0];
if (!office) throw new Error('no demo office');
const pickup = {
  delivery: 'pickup' as const,
  office,
  startsAt: Date.parse('2026-12-08T08:30:00Z'),
  priceOre: 0,
};

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
    'Pris: 0 kr.',
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

test('a fourth device costs: the price and the invoice', () => {
  const da = orderLetter('da', 'Anna Berg', 'codeDisplay', { ...post, priceOre: 4176 });
  assert.ok(da.body.includes('Pris: 41,76 kr. Betaling: faktura i Digital Post.'), da.body);
  assert.ok(!da.body.includes('Pris: 0 kr.'));
  const en = orderLetter('en', 'Anna Berg', 'codeReader', { ...post, priceOre: 4171 });
  assert.ok(en.body.includes('Price: DKK 41.71. Payment: invoice in Digital Post.'), en.body);
  assert.ok(orderLetter('en', 'Anna Berg', 'codeReader', post).body.includes('Price: DKK 0 (free).'));
});

test('a chip letter: 143,60 kr., how to add it on MitID.dk, no activation steps of a code device', () => {
  const letter = orderLetter('da', 'Anna Berg', 'chip', { ...post, priceOre: 14360 });
  assert.equal(letter.subject, 'Din MitID chip er bestilt');
  assert.ok(letter.body.includes('Pris: 143,60 kr. Betaling: faktura i Digital Post.'), letter.body);
  assert.ok(letter.body.includes('Sådan tilføjer du din MitID chip'));
  assert.ok(letter.body.includes('vente 24 timer'));
  assert.ok(!letter.body.includes('serienummer'));
});

test("the shipped letter: tracking number, the serial's last four digits and the four steps", () => {
  const letter = shippedLetter('da', 'Anna Berg', 'codeDisplay', {
    trackingNo: 'RR473124829DK',
    serial: 'KV-123456789',
  });
  assert.equal(letter.subject, 'Din MitID kodeviser er sendt');
  for (const part of [
    'Kære Anna Berg',
    'Din MitID kodeviser er sendt med posten. Forsendelsesnummer: RR473124829DK.',
    'Serienummeret på bagsiden af din MitID kodeviser slutter med 6789.',
    '1. Log ind på din netbank med NemID',
    '2. Opret din MitID adgangskode.',
    '3. Indtast det serienummer',
    '4. Tryk på knappen',
  ]) {
    assert.ok(letter.body.includes(part), part);
  }
  assert.ok(!letter.body.includes('123456789'), 'never the whole serial');
  const en = shippedLetter('en', 'Anna Berg', 'codeReader', {
    trackingNo: 'RR473124829DK',
    serial: 'KO-100000042',
  });
  assert.equal(en.subject, 'Your MitID code reader has been sent');
  assert.ok(en.body.includes('ends in 0042'));
  const chip = shippedLetter('da', 'Anna Berg', 'chip', { trackingNo: 'RR473124829DK', serial: null });
  assert.equal(chip.subject, 'Din MitID chip er sendt');
  assert.ok(!chip.body.includes('Serienummeret'));
});

test("the ready letter: office, time, photo ID, the serial's last four digits", () => {
  const letter = readyLetter('da', 'Anna Berg', 'codeReader', {
    office,
    startsAt: pickup.startsAt,
    serial: 'KO-123451234',
  });
  assert.equal(letter.subject, 'Din MitID kodeoplæser er klar til afhentning');
  for (const part of [
    'klar til afhentning i Borgerservice',
    'Borgerservice København\nRådhuspladsen 1\n1550 København V\ntirsdag den 8. december 2026 kl. 09.30',
    'pas eller kørekort',
    'slutter med 1234',
  ]) {
    assert.ok(letter.body.includes(part), part);
  }
  assert.equal(
    readyLetter('en', 'Anna Berg', 'codeReader', { office, startsAt: pickup.startsAt, serial: 'KO-1' })
      .subject,
    'Your MitID code reader is ready for collection',
  );
});

test('every letter passes the Digital Post rules', () => {
  for (const lang of ['da', 'en'] as const) {
    for (const kind of ['codeDisplay', 'codeReader', 'chip'] as const)
      for (const details of [post, pickup, { ...post, priceOre: 14360 }]) {
        const letter = orderLetter(lang, 'Anna Berg', kind, details);
        assert.doesNotThrow(() => validateMessage({ channel: 'digitalpost', to: '0101901234', ...letter }));
      }
    for (const letter of [
      shippedLetter(lang, 'Anna Berg', 'codeDisplay', {
        trackingNo: 'RR473124829DK',
        serial: 'KV-123456789',
      }),
      shippedLetter(lang, 'Anna Berg', 'chip', { trackingNo: 'RR473124829DK', serial: null }),
      readyLetter(lang, 'Anna Berg', 'codeReader', {
        office,
        startsAt: pickup.startsAt,
        serial: 'KO-123456789',
      }),
    ]) {
      assert.doesNotThrow(() => validateMessage({ channel: 'digitalpost', to: '0101901234', ...letter }));
    }
  }
});
