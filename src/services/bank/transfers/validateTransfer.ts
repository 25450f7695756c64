/**
 * The transfer form, checked field by field (each its own message, all at once), before anything
 * is stored. Rules:
 * - from: one of the customer's own accounts (by id);
 * - regNo: 4 digits; accountNo: 1–10 digits (spaces ignored; leading zeros kept as typed);
 * - the creditor is not the debtor account itself;
 * - amount: parseAmount, and at most the from account's balance;
 * - message: optional; if given a person text (checkPersonText) of at most 35 characters, and the
 *   whole text to approve (in both languages) a person text too: it always has digits, so a
 *   right-to-left message would be drawn out of order (MitID refuses such a request).
 */
import type { MessageId } from '../../../i18n/catalogue.ts';
import { checkPersonText } from '../../../platform/text/checkPersonText.ts';
import type { Account } from '../customerStore.ts';
import { parseAmount } from './parseAmount.ts';
import { paymentDetails, transferText } from './paymentDetails.ts';

export const MESSAGE_MAX = 35;
/** The most characters of a text to approve (an authentication's text, decision 0013 §2). */
const TEXT_MAX = 130;

export interface TransferInput {
  from: string;
  regNo: string;
  accountNo: string;
  amount: string;
  message: string;
}

export interface ValidTransfer {
  account: Account;
  creditor: { regNo: string; accountNo: string };
  amountOre: number;
  message: string | undefined;
}

export type FormField = keyof TransferInput;

export type TransferCheck =
  | { ok: true; value: ValidTransfer }
  | { ok: false; errors: { field: FormField; message: MessageId }[] };

const str = (v: unknown): string => (typeof v === 'string' ? v.slice(0, 200) : '');

/** The form's fields as typed (for showing them again), from a parsed body. */
export function transferInput(body: unknown): TransferInput {
  const b = (body ?? {}) as Record<string, unknown>;
  return {
    from: str(b.from),
    regNo: str(b.regNo),
    accountNo: str(b.accountNo),
    amount: str(b.amount),
    message: str(b.message),
  };
}

export function validateTransfer(input: TransferInput, accounts: readonly Account[]): TransferCheck {
  const errors: { field: FormField; message: MessageId }[] = [];
  const account = accounts.find((a) => a.id === input.from);
  if (!account) errors.push({ field: 'from', message: 'bank.transfer.error.from' });
  const regNo = input.regNo.replace(/\s/g, '');
  if (!/^\d{4}$/.test(regNo)) {
    errors.push({
      field: 'regNo',
      message: regNo ? 'bank.transfer.error.regNo' : 'bank.transfer.error.regNoMissing',
    });
  }
  const accountNo = input.accountNo.replace(/\s/g, '');
  if (!/^\d{1,10}$/.test(accountNo)) {
    errors.push({
      field: 'accountNo',
      message: accountNo ? 'bank.transfer.error.accountNo' : 'bank.transfer.error.accountNoMissing',
    });
  } else if (account && regNo === account.reg_no && accountNo === account.account_no) {
    errors.push({ field: 'accountNo', message: 'bank.transfer.error.sameAccount' });
  }
  const amount = parseAmount(input.amount);
  if (!amount.ok) {
    const byProblem = {
      missing: 'bank.transfer.error.amountMissing',
      format: 'bank.transfer.error.amountFormat',
      tooLarge: 'bank.transfer.error.amountTooLarge',
      zero: 'bank.transfer.error.amountZero',
    } as const;
    errors.push({ field: 'amount', message: byProblem[amount.problem] });
  } else if (account && amount.ore > account.balance_ore) {
    errors.push({ field: 'amount', message: 'bank.transfer.error.amountOverBalance' });
  }
  let message: string | undefined;
  if (input.message.trim() !== '') {
    const checked = checkPersonText(input.message, { field: 'message', max: MESSAGE_MAX });
    if (checked.ok) message = checked.value;
    else {
      errors.push({
        field: 'message',
        message:
          checked.problem === 'tooLong'
            ? 'bank.transfer.error.messageTooLong'
            : 'bank.transfer.error.messageChars',
      });
    }
  }
  if (errors.length > 0 || !account || !amount.ok) return { ok: false, errors };
  const details = paymentDetails({
    amountOre: amount.ore,
    debtor: { regNo: account.reg_no, accountNo: account.account_no },
    creditor: { regNo, accountNo },
    message,
  });
  const wholeText = (['da', 'en'] as const).every(
    (lang) => checkPersonText(transferText(details, lang), { field: 'text', max: TEXT_MAX }).ok,
  );
  if (!wholeText)
    return { ok: false, errors: [{ field: 'message', message: 'bank.transfer.error.messageChars' }] };
  return { ok: true, value: { account, creditor: { regNo, accountNo }, amountOre: amount.ore, message } };
}
