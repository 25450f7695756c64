import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Account } from '../customerStore.ts';
import { parseAmount } from './parseAmount.ts';
import { amountOfOre, factsOfDetails, formatAmount, paymentDetails, transferText } from './paymentDetails.ts';
import { type TransferInput, transferInput, validateTransfer } from './validateTransfer.ts';

const account: Account = {
  id: 'acc-1',
  cpr: '1505831017',
  name: 'Lønkonto',
  reg_no: '9999',
  account_no: '0012345678',
  balance_ore: 2_345_650,
  created_at: 0,
};
const good: TransferInput = {
  from: 'acc-1',
  regNo: '9999',
  accountNo: '0087654321',
  amount: '1.250,00',
  message: 'Husleje december',
};

describe('parseAmount', () => {
  for (const [typed, ore] of [
    ['1.250,00', 125_000],
    ['1250.00', 125_000],
    ['1250,00', 125_000],
    ['1250', 125_000],
    ['1.250', 125_000],
    ['1250.5', 125_050],
    ['0,01', 1],
    [' 12 500,75 ', 1_250_075],
    ['999.999.999,99', 99_999_999_999],
    ['007', 700],
  ] as const) {
    test(`"${typed}" is ${ore} øre`, () => assert.deepEqual(parseAmount(typed), { ok: true, ore }));
  }
  for (const [typed, problem] of [
    ['', 'missing'],
    ['   ', 'missing'],
    [undefined, 'missing'],
    ['12,5,0', 'format'],
    ['1,250.00', 'format'],
    ['12.50.00', 'format'],
    ['1.25,00', 'format'],
    ['-5', 'format'],
    ['1e3', 'format'],
    ['12,345', 'format'],
    ['kr. 100', 'format'],
    ['١٢٣', 'format'],
    ['1000000000', 'tooLarge'],
    ['1.000.000.000,00', 'tooLarge'],
    ['0', 'zero'],
    ['0,00', 'zero'],
  ] as const) {
    test(`"${typed}" is refused: ${problem}`, () =>
      assert.deepEqual(parseAmount(typed), { ok: false, problem }));
  }
});

describe('validateTransfer', () => {
  test('a good form: the account, the creditor as typed (leading zeros kept), øre, the message', () => {
    const r = validateTransfer(good, [account]);
    assert.deepEqual(r, {
      ok: true,
      value: {
        account,
        creditor: { regNo: '9999', accountNo: '0087654321' },
        amountOre: 125_000,
        message: 'Husleje december',
      },
    });
  });

  test('an empty message is no message; spaces in numbers are ignored', () => {
    const r = validateTransfer({ ...good, regNo: ' 99 99', accountNo: '0087 654321', message: '  ' }, [
      account,
    ]);
    assert.ok(r.ok);
    assert.equal(r.value.message, undefined);
    assert.equal(r.value.creditor.accountNo, '0087654321');
  });

  test('every field gets its own message, all at once', () => {
    const r = validateTransfer(
      { from: 'acc-2', regNo: '12', accountNo: '12345678901', amount: 'abc', message: 'x'.repeat(36) },
      [account],
    );
    assert.deepEqual(r, {
      ok: false,
      errors: [
        { field: 'from', message: 'bank.transfer.error.from' },
        { field: 'regNo', message: 'bank.transfer.error.regNo' },
        { field: 'accountNo', message: 'bank.transfer.error.accountNo' },
        { field: 'amount', message: 'bank.transfer.error.amountFormat' },
        { field: 'message', message: 'bank.transfer.error.messageTooLong' },
      ],
    });
  });

  test('missing fields say what to type', () => {
    const r = validateTransfer({ from: 'acc-1', regNo: '', accountNo: '', amount: '', message: '' }, [
      account,
    ]);
    assert.ok(!r.ok);
    assert.deepEqual(
      r.errors.map((e) => e.message),
      [
        'bank.transfer.error.regNoMissing',
        'bank.transfer.error.accountNoMissing',
        'bank.transfer.error.amountMissing',
      ],
    );
  });

  test('another customer’s account id is not a from account', () => {
    const r = validateTransfer({ ...good, from: 'someone-elses' }, [account]);
    assert.ok(!r.ok);
    assert.deepEqual(r.errors, [{ field: 'from', message: 'bank.transfer.error.from' }]);
  });

  test('more than the balance, zero, and the account itself are refused', () => {
    const over = validateTransfer({ ...good, amount: '23456,51' }, [account]);
    assert.ok(!over.ok);
    assert.deepEqual(over.errors, [{ field: 'amount', message: 'bank.transfer.error.amountOverBalance' }]);
    assert.ok(validateTransfer({ ...good, amount: '23456,50' }, [account]).ok, 'the whole balance is fine');
    const zero = validateTransfer({ ...good, amount: '0,00' }, [account]);
    assert.ok(!zero.ok);
    assert.equal(zero.errors[0]?.message, 'bank.transfer.error.amountZero');
    const self = validateTransfer({ ...good, accountNo: '0012345678' }, [account]);
    assert.ok(!self.ok);
    assert.deepEqual(self.errors, [{ field: 'accountNo', message: 'bank.transfer.error.sameAccount' }]);
  });

  test('a message that could hide or move what the person reads is refused', () => {
    // A right-to-left message has no digits of its own, but the text to approve always has some.
    for (const message of ['Husleje\u202E0001', 'linje\nto', 'tab\there', 'zero\u200Bwidth', 'שכר דירה']) {
      const r = validateTransfer({ ...good, message }, [account]);
      assert.ok(!r.ok, JSON.stringify(message));
      assert.deepEqual(r.errors, [{ field: 'message', message: 'bank.transfer.error.messageChars' }]);
    }
    const nfc = validateTransfer({ ...good, message: 'A\u030Arhus' }, [account]);
    assert.ok(nfc.ok);
    assert.equal(nfc.value.message, 'Århus', 'NFC, as MitID normalises it');
  });

  test('transferInput takes strings only, cut to 200 characters', () => {
    assert.deepEqual(transferInput({ from: ['a'], regNo: 9999, amount: 'x'.repeat(300) }), {
      from: '',
      regNo: '',
      accountNo: '',
      amount: 'x'.repeat(200),
      message: '',
    });
    assert.deepEqual(transferInput(undefined).from, '');
  });
});

describe('the payment_initiation details and the text to approve', () => {
  const details = paymentDetails({
    amountOre: 125_000,
    debtor: { regNo: '9999', accountNo: '0012345678' },
    creditor: { regNo: '9999', accountNo: '0087654321' },
    message: 'Husleje december',
  });

  test('canonical, as decision 0013 §2 writes them', () => {
    assert.equal(
      JSON.stringify(details),
      '[{"type":"payment_initiation","instructedAmount":{"currency":"DKK","amount":"1250.00"},"debtorAccount":{"regNo":"9999","accountNo":"0012345678"},"creditorAccount":{"regNo":"9999","accountNo":"0087654321"},"remittanceInformationUnstructured":"Husleje december"}]',
    );
    const none = paymentDetails({
      amountOre: 1,
      debtor: { regNo: '1', accountNo: '2' },
      creditor: { regNo: '3', accountNo: '4' },
      message: undefined,
    });
    assert.equal('remittanceInformationUnstructured' in (none[0] ?? {}), false, 'no message, no member');
    assert.equal(none[0]?.instructedAmount.amount, '0.01');
  });

  test('the text in Danish and English, with and without a message', () => {
    assert.equal(
      transferText(details, 'da'),
      'Overfør 1.250,00 kr. til 9999 0087654321. Besked: Husleje december',
    );
    assert.equal(
      transferText(details, 'en'),
      'Transfer DKK 1,250.00 to 9999 0087654321. Message: Husleje december',
    );
    const [d] = details;
    assert.ok(d);
    const plain = [{ ...d, remittanceInformationUnstructured: undefined }];
    delete plain[0]?.remittanceInformationUnstructured;
    assert.equal(transferText(plain, 'da'), 'Overfør 1.250,00 kr. til 9999 0087654321');
    assert.equal(formatAmount('123456789.05', 'da'), '123.456.789,05');
    assert.equal(formatAmount('123456789.05', 'en'), '123,456,789.05');
    assert.equal(formatAmount('999.00', 'da'), '999,00');
    assert.equal(amountOfOre(99_999_999_999), '999999999.99');
  });

  test('factsOfDetails reads them back, and nothing else', () => {
    assert.deepEqual(factsOfDetails(JSON.parse(JSON.stringify(details))), {
      amountOre: 125_000,
      debtor: { regNo: '9999', accountNo: '0012345678' },
      creditor: { regNo: '9999', accountNo: '0087654321' },
      message: 'Husleje december',
    });
    const [d] = details;
    for (const bad of [
      [],
      [d, d],
      [{ ...d, type: 'other' }],
      [{ ...d, instructedAmount: { currency: 'EUR', amount: '1.00' } }],
      [{ ...d, instructedAmount: { currency: 'DKK', amount: '01.00' } }],
      [{ ...d, debtorAccount: null }],
      null,
    ]) {
      assert.equal(factsOfDetails(bad), undefined, JSON.stringify(bad));
    }
  });
});
