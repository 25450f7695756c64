/**
 * A transfer the person approves (decision 0013 §2): one RFC 9396 `authorization_details` element
 * of type `payment_initiation`, checked member by member, and the text MitID renders from it in
 * the request's language. Pure. The rules, each refused with its own description:
 *
 * - the element is a JSON object with exactly `type`, `instructedAmount`, `debtorAccount`,
 *   `creditorAccount` and, optionally, `remittanceInformationUnstructured`; no other members;
 * - `instructedAmount` is `{ currency, amount }`: currency `DKK` only; amount a string matching
 *   `^(0|[1-9][0-9]{0,8})\.[0-9]{2}$`, above 0;
 * - each account is `{ regNo, accountNo }`: regNo 4 digits, accountNo 1–10 digits (as sent: no
 *   leading zero is added or taken away);
 * - the message, when present, is a person text (checkPersonText) of 1–35 characters, and so is
 *   the whole rendered text (no right-to-left letters beside its digits).
 *
 * Rendered: da `Overfør 1.250,00 kr. til 9999 0087654321` (+ `. Besked: <message>`), en
 * `Transfer DKK 1,250.00 to 9999 0087654321` (+ `. Message: <message>`).
 */
import { checkPersonText } from '../../../platform/text/checkPersonText.ts';
import { textProblems } from './common.ts';

export const PAYMENT_INITIATION = 'payment_initiation';
/** The message's limit (decision 0013 §2): the rendered text then always fits an authentication's 130. */
export const TRANSFER_MESSAGE_MAX = 35;

export interface Account {
  regNo: string;
  accountNo: string;
}

/** One `payment_initiation` element, normalised: the members in this order, the message NFC and trimmed. */
export interface PaymentInitiation {
  type: typeof PAYMENT_INITIATION;
  instructedAmount: { currency: 'DKK'; amount: string };
  debtorAccount: Account;
  creditorAccount: Account;
  remittanceInformationUnstructured?: string;
}

export type TransferCheck = { ok: true; value: PaymentInitiation } | { ok: false; description: string };

const AMOUNT = /^(0|[1-9][0-9]{0,8})\.[0-9]{2}$/;
const REG_NO = /^[0-9]{4}$/;
const ACCOUNT_NO = /^[0-9]{1,10}$/;
const MEMBERS = [
  'type',
  'instructedAmount',
  'debtorAccount',
  'creditorAccount',
  'remittanceInformationUnstructured',
];

const MESSAGE_PROBLEMS = textProblems(TRANSFER_MESSAGE_MAX, 'must be a string');

class Bad extends Error {}
const bad = (description: string): never => {
  throw new Bad(description);
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** An object with exactly these members (each present), else refused naming the first stranger. */
function exactly(v: unknown, field: string, members: readonly string[]): Record<string, unknown> {
  if (!isObject(v)) return bad(`${field} must be an object with ${members.join(' and ')}`);
  for (const k of Object.keys(v)) if (!members.includes(k)) bad(`${field} has a member not allowed: ${k}`);
  for (const k of members) if (!(k in v)) bad(`${field}.${k} is missing`);
  return v;
}

function account(v: unknown, field: string): Account {
  const a = exactly(v, field, ['regNo', 'accountNo']);
  if (typeof a.regNo !== 'string' || !REG_NO.test(a.regNo)) bad(`${field}.regNo must be 4 digits`);
  if (typeof a.accountNo !== 'string' || !ACCOUNT_NO.test(a.accountNo))
    bad(`${field}.accountNo must be 1 to 10 digits`);
  return { regNo: a.regNo as string, accountNo: a.accountNo as string };
}

function check(detail: unknown): PaymentInitiation {
  const f = PAYMENT_INITIATION;
  if (!isObject(detail)) return bad('authorization_details must hold a JSON object');
  if (detail.type !== f) bad(`authorization_details type must be ${f}`);
  for (const k of Object.keys(detail)) if (!MEMBERS.includes(k)) bad(`${f} has a member not allowed: ${k}`);
  for (const k of MEMBERS.slice(0, 4)) if (!(k in detail)) bad(`${f}.${k} is missing`);
  const amount = exactly(detail.instructedAmount, `${f}.instructedAmount`, ['currency', 'amount']);
  if (amount.currency !== 'DKK') bad(`${f}.instructedAmount.currency must be DKK`);
  if (typeof amount.amount !== 'string' || !AMOUNT.test(amount.amount)) {
    bad(`${f}.instructedAmount.amount must be a string of kroner and two decimals, such as "1250.00"`);
  }
  if (/^0\.00$/.test(amount.amount as string)) bad(`${f}.instructedAmount.amount must be above 0`);
  const out: PaymentInitiation = {
    type: f,
    instructedAmount: { currency: 'DKK', amount: amount.amount as string },
    debtorAccount: account(detail.debtorAccount, `${f}.debtorAccount`),
    creditorAccount: account(detail.creditorAccount, `${f}.creditorAccount`),
  };
  const message = detail.remittanceInformationUnstructured;
  if (message !== undefined) {
    const field = `${f}.remittanceInformationUnstructured`;
    const checked = checkPersonText(message, { field, max: TRANSFER_MESSAGE_MAX });
    if (!checked.ok) {
      const at =
        checked.codePoint === undefined
          ? ''
          : ` (U+${checked.codePoint.toString(16).toUpperCase().padStart(4, '0')})`;
      bad(`${field} ${MESSAGE_PROBLEMS[checked.problem]}${at}`);
    } else out.remittanceInformationUnstructured = checked.value;
    // The message is shown after the account numbers: right-to-left letters there would redraw
    // the digits (checkPersonText's rtlWithDigits), so the whole text is checked as well.
    for (const lang of ['da', 'en'] as const) {
      const whole = checkPersonText(transferText(out, lang), { field, max: 130 });
      if (!whole.ok) bad(`${field} ${MESSAGE_PROBLEMS[whole.problem]}`);
    }
  }
  return out;
}

/** One `payment_initiation` element → its normalised form, or the description of its first problem. */
export function checkPaymentInitiation(detail: unknown): TransferCheck {
  try {
    return { ok: true, value: check(detail) };
  } catch (e) {
    if (e instanceof Bad) return { ok: false, description: e.message };
    throw e;
  }
}

/** "1250.00" → "1.250,00" (da) or "1,250.00" (en). */
export function formatKroner(amount: string, lang: 'da' | 'en'): string {
  const [kroner = '0', oere = '00'] = amount.split('.');
  const grouped = kroner.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'da' ? '.' : ',');
  return lang === 'da' ? `${grouped},${oere}` : `${grouped}.${oere}`;
}

/** The text the person approves, in the request's language (decision 0013 §2). */
export function transferText(t: PaymentInitiation, lang: 'da' | 'en'): string {
  const to = `${t.creditorAccount.regNo} ${t.creditorAccount.accountNo}`;
  const amount = formatKroner(t.instructedAmount.amount, lang);
  const message = t.remittanceInformationUnstructured;
  if (lang === 'da') return `Overfør ${amount} kr. til ${to}${message ? `. Besked: ${message}` : ''}`;
  return `Transfer DKK ${amount} to ${to}${message ? `. Message: ${message}` : ''}`;
}
