import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Refused } from './common.ts';
import { idura } from './idura.ts';
import { signaturgruppen } from './signaturgruppen.ts';
import { parseTransaction } from './transaction.ts';
import { checkPaymentInitiation, formatKroner, type PaymentInitiation, transferText } from './transfer.ts';

const TRANSFER = {
  type: 'payment_initiation',
  instructedAmount: { currency: 'DKK', amount: '1250.00' },
  debtorAccount: { regNo: '1234', accountNo: '0001234567' },
  creditorAccount: { regNo: '9999', accountNo: '0087654321' },
  remittanceInformationUnstructured: 'Husleje december',
};

const problem = (detail: unknown): string => {
  const r = checkPaymentInitiation(detail);
  assert.ok(!r.ok, `${JSON.stringify(detail)} was accepted`);
  return r.description;
};
const ok = (detail: unknown): PaymentInitiation => {
  const r = checkPaymentInitiation(detail);
  assert.ok(r.ok, r.ok ? '' : r.description);
  return r.value;
};
const refusal = (parse: () => unknown): string => {
  try {
    parse();
  } catch (e) {
    if (e instanceof Refused) return e.refusal.description;
    throw e;
  }
  assert.fail('accepted');
};
const b64 = (s: string): string => Buffer.from(s).toString('base64');

describe('checkPaymentInitiation', () => {
  test('the contract example passes and is normalised (member order, the message NFC and trimmed)', () => {
    assert.deepEqual(ok(TRANSFER), TRANSFER);
    const reordered = ok({ ...TRANSFER, remittanceInformationUnstructured: '  Ha\u030avetur ' });
    assert.equal(reordered.remittanceInformationUnstructured, 'Håvetur');
    const { remittanceInformationUnstructured: _m, ...noMessage } = TRANSFER;
    assert.deepEqual(Object.keys(ok(noMessage)), [
      'type',
      'instructedAmount',
      'debtorAccount',
      'creditorAccount',
    ]);
  });

  test('every rule has its own description', () => {
    const cases: [unknown, RegExp][] = [
      [[TRANSFER], /must hold a JSON object/],
      [{ ...TRANSFER, type: 'account_information' }, /type must be payment_initiation/],
      [{ ...TRANSFER, locations: ['x'] }, /member not allowed: locations/],
      [{ ...TRANSFER, creditorAccount: undefined }, /creditorAccount must be an object/],
      [{ type: 'payment_initiation' }, /instructedAmount is missing/],
      [{ ...TRANSFER, instructedAmount: { currency: 'EUR', amount: '1.00' } }, /currency must be DKK/],
      [{ ...TRANSFER, instructedAmount: { currency: 'DKK' } }, /instructedAmount.amount is missing/],
      [{ ...TRANSFER, instructedAmount: { currency: 'DKK', amount: '1', x: 1 } }, /not allowed: x/],
      [{ ...TRANSFER, instructedAmount: { currency: 'DKK', amount: 1250 } }, /amount must be a string/],
      [{ ...TRANSFER, instructedAmount: { currency: 'DKK', amount: '0.00' } }, /must be above 0/],
      [
        { ...TRANSFER, debtorAccount: { regNo: '123', accountNo: '1' } },
        /debtorAccount.regNo must be 4 digits/,
      ],
      [
        { ...TRANSFER, creditorAccount: { regNo: '1234', accountNo: '' } },
        /accountNo must be 1 to 10 digits/,
      ],
      [{ ...TRANSFER, creditorAccount: { regNo: '1234', accountNo: '12345678901' } }, /1 to 10 digits/],
      [{ ...TRANSFER, creditorAccount: { regNo: '1234', accountNo: '１２' } }, /1 to 10 digits/],
      [{ ...TRANSFER, remittanceInformationUnstructured: '' }, /remittanceInformationUnstructured is empty/],
      [{ ...TRANSFER, remittanceInformationUnstructured: 'x'.repeat(36) }, /longer than 35 characters/],
      [{ ...TRANSFER, remittanceInformationUnstructured: 'a\u202Eb' }, /formatting character \(U\+202E\)/],
      [{ ...TRANSFER, remittanceInformationUnstructured: 'a\nb' }, /line break/],
      [{ ...TRANSFER, remittanceInformationUnstructured: 7 }, /must be a string/],
      [
        { ...TRANSFER, remittanceInformationUnstructured: 'שכר דירה' },
        /mixes right-to-left letters with digits/,
      ],
    ];
    for (const [detail, expected] of cases) assert.match(problem(detail), expected, JSON.stringify(detail));
  });

  test('amounts: exactly the contract pattern, above 0 (property)', () => {
    const pattern = /^(0|[1-9][0-9]{0,8})\.[0-9]{2}$/;
    fc.assert(
      fc.property(fc.string({ maxLength: 14 }), (amount) => {
        const r = checkPaymentInitiation({ ...TRANSFER, instructedAmount: { currency: 'DKK', amount } });
        assert.equal(r.ok, pattern.test(amount) && amount !== '0.00', amount);
      }),
    );
    for (const a of ['01.00', '1.0', '1,00', '1000000000.00', '-1.00', ' 1.00', '1.00 '])
      assert.match(problem({ ...TRANSFER, instructedAmount: { currency: 'DKK', amount: a } }), /amount/);
    ok({ ...TRANSFER, instructedAmount: { currency: 'DKK', amount: '999999999.99' } });
    ok({ ...TRANSFER, instructedAmount: { currency: 'DKK', amount: '0.01' } });
  });
});

describe('transferText', () => {
  test('Danish and English, as the contract spells them', () => {
    const t = ok(TRANSFER);
    assert.equal(transferText(t, 'da'), 'Overfør 1.250,00 kr. til 9999 0087654321. Besked: Husleje december');
    assert.equal(
      transferText(t, 'en'),
      'Transfer DKK 1,250.00 to 9999 0087654321. Message: Husleje december',
    );
    const { remittanceInformationUnstructured: _m, ...bare } = t;
    assert.equal(transferText(bare, 'da'), 'Overfør 1.250,00 kr. til 9999 0087654321');
    assert.equal(transferText(bare, 'en'), 'Transfer DKK 1,250.00 to 9999 0087654321');
  });

  test('thousands are grouped; the account number is as sent', () => {
    assert.equal(formatKroner('999999999.99', 'da'), '999.999.999,99');
    assert.equal(formatKroner('1000.00', 'en'), '1,000.00');
    assert.equal(formatKroner('0.50', 'da'), '0,50');
    assert.equal(formatKroner('100.00', 'da'), '100,00');
    const t = ok({ ...TRANSFER, creditorAccount: { regNo: '0040', accountNo: '7' } });
    assert.match(transferText(t, 'da'), / til 0040 7\. /);
  });

  test('every valid transfer renders within 130 characters, and back to its amount (property)', () => {
    const digits = (min: number, max: number) =>
      fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 99_999_999_999 }),
        digits(4, 4),
        digits(1, 10),
        fc.string({ unit: fc.constantFrom(...'abcæøåÆØÅ 0123-./'), minLength: 1, maxLength: 35 }),
        fc.constantFrom('da' as const, 'en' as const),
        (oere, regNo, accountNo, message, lang) => {
          const amount = `${Math.floor(oere / 100)}.${String(oere % 100).padStart(2, '0')}`;
          const r = checkPaymentInitiation({
            ...TRANSFER,
            instructedAmount: { currency: 'DKK', amount },
            creditorAccount: { regNo, accountNo },
            remittanceInformationUnstructured: message.trim() === '' ? 'x' : message,
          });
          assert.ok(r.ok, r.ok ? '' : r.description);
          const text = transferText(r.value, lang);
          assert.ok([...text].length <= 130, text);
          const shown =
            lang === 'da'
              ? formatKroner(amount, 'da').replaceAll('.', '').replace(',', '.')
              : formatKroner(amount, 'en').replaceAll(',', '');
          assert.equal(shown, amount);
          assert.ok(text.includes(`${regNo} ${accountNo}`));
        },
      ),
    );
  });
});

describe('parseTransaction', () => {
  const details = JSON.stringify([TRANSFER]);
  const danish = 'Overfør 1.250,00 kr. til 9999 0087654321. Besked: Husleje december';

  test('the details give the text in the request language, default da', () => {
    assert.equal(parseTransaction({ authorization_details: details }, null, false)?.text, danish);
    assert.match(
      parseTransaction({ authorization_details: details }, 'en', false)?.text ?? '',
      /^Transfer DKK/,
    );
    assert.equal(parseTransaction({}, 'da', true), null);
  });

  test('one element only; the sign text must be the rendering, or stands alone', () => {
    assert.match(
      refusal(() =>
        parseTransaction({ authorization_details: JSON.stringify([TRANSFER, TRANSFER]) }, 'da', false),
      ),
      /exactly one payment_initiation/,
    );
    assert.match(
      refusal(() => parseTransaction({ authorization_details: '[' }, 'da', false)),
      /not valid JSON/,
    );
    assert.match(
      refusal(() => parseTransaction({ authorization_details: '{}' }, 'da', false)),
      /JSON array/,
    );
    const same = { authorization_details: details, signtext_base64: b64(danish), signtext_type: 'text' };
    assert.equal(parseTransaction(same, 'da', true)?.details?.creditorAccount.accountNo, '0087654321');
    assert.match(
      refusal(() => parseTransaction({ ...same, signtext_base64: b64(`${danish}!`) }, 'da', true)),
      /must be the text of authorization_details/,
    );
    // The English rendering is another text: a Danish sign text beside an English request differs.
    assert.match(
      refusal(() => parseTransaction(same, 'en', true)),
      /must be the text/,
    );
    const alone = parseTransaction(
      { signtext_base64: b64('Jeg accepterer vilkårene'), signtext_type: 'text' },
      'da',
      true,
    );
    assert.deepEqual(alone, { text: 'Jeg accepterer vilkårene', type: 'text', details: null });
    assert.match(
      refusal(() =>
        parseTransaction({ signtext_base64: b64('x'.repeat(131)), signtext_type: 'text' }, 'da', true),
      ),
      /longer than 130/,
    );
    assert.match(
      refusal(() => parseTransaction({ signtext_base64: b64('x'), signtext_type: 'pdf' }, 'da', true)),
      /pdf is not offered/,
    );
    assert.match(
      refusal(() => parseTransaction({ signtext_base64: b64('x') }, 'da', true)),
      /needs signtext_type/,
    );
    assert.match(
      refusal(() => parseTransaction({ signtext_type: 'text' }, 'da', true)),
      /needs signtext_base64/,
    );
    // Idura has no sign text: its parameters are not read there.
    assert.equal(parseTransaction({ signtext_base64: b64('x'), signtext_type: 'text' }, 'da', false), null);
  });

  test('the dialects: an approval (or signing), at least substantial', () => {
    const client = { id: 'c', mayCpr: false, testClient: false };
    const settings = { simulationEnabled: false };
    const sg = signaturgruppen.parseRequest(
      {
        scope: 'openid',
        authorization_details: details,
        idp_params: JSON.stringify({ mitid: { loa_value: 'low', action_text: 'SIGN' } }),
      },
      client,
      settings,
    );
    assert.ok(sg.ok);
    assert.equal(sg.request.level, 'substantial');
    assert.equal(sg.request.action, 'sign');
    assert.equal(sg.request.transaction?.text, danish);
    const id = idura.parseRequest(
      {
        scope: 'openid',
        authorization_details: details,
        ui_locales: 'en',
        acr_values: 'urn:grn:authn:dk:mitid:high',
      },
      client,
      settings,
    );
    assert.ok(id.ok);
    assert.equal(id.request.level, 'high');
    assert.equal(id.request.action, 'approve');
    assert.match(id.request.transaction?.text ?? '', /^Transfer DKK 1,250\.00/);
    const plain = idura.parseRequest({ scope: 'openid' }, client, settings);
    assert.ok(plain.ok && plain.request.transaction === undefined && plain.request.action === 'login');
  });
});
