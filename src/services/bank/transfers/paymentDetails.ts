/**
 * A transfer as the `payment_initiation` authorization details (RFC 9396) of decision 0013 §2, and
 * the text the person approves, rendered by the bank itself from those details (the same rendering
 * MitID makes; the bank never imports MitID's code, it is another organisation).
 *
 * Rules:
 * - the details are canonical: one element, the members in one order, the message left out when
 *   there is none (never an empty string), the amount as `^(0|[1-9][0-9]{0,8})\.[0-9]{2}$`;
 * - the creditor's account number is rendered as sent, without leading-zero changes;
 * - da: `Overfør 1.250,00 kr. til 9999 0087654321[. Besked: <message>]`,
 *   en: `Transfer DKK 1,250.00 to 9999 0087654321[. Message: <message>]`.
 */
import type { Lang } from '../../../i18n/types.ts';

export interface AccountRef {
  regNo: string;
  accountNo: string;
}

export interface PaymentInitiation {
  type: 'payment_initiation';
  instructedAmount: { currency: 'DKK'; amount: string };
  debtorAccount: AccountRef;
  creditorAccount: AccountRef;
  remittanceInformationUnstructured?: string;
}

export interface TransferFacts {
  amountOre: number;
  debtor: AccountRef;
  creditor: AccountRef;
  message: string | undefined;
}

const AMOUNT = /^(0|[1-9][0-9]{0,8})\.[0-9]{2}$/;

/** Øre as the details' amount: 125000 → "1250.00". */
export function amountOfOre(ore: number): string {
  return `${Math.floor(ore / 100)}.${String(ore % 100).padStart(2, '0')}`;
}

/** The canonical details (a one-element array) of a transfer. */
export function paymentDetails(f: TransferFacts): PaymentInitiation[] {
  return [
    {
      type: 'payment_initiation',
      instructedAmount: { currency: 'DKK', amount: amountOfOre(f.amountOre) },
      debtorAccount: { regNo: f.debtor.regNo, accountNo: f.debtor.accountNo },
      creditorAccount: { regNo: f.creditor.regNo, accountNo: f.creditor.accountNo },
      ...(f.message ? { remittanceInformationUnstructured: f.message } : {}),
    },
  ];
}

/** The facts of stored details, or undefined when they are not one well-formed element. */
export function factsOfDetails(value: unknown): TransferFacts | undefined {
  if (!Array.isArray(value) || value.length !== 1) return undefined;
  const d = value[0] as Partial<PaymentInitiation> | null;
  const amount = d?.instructedAmount?.amount;
  if (d?.type !== 'payment_initiation' || d.instructedAmount?.currency !== 'DKK') return undefined;
  if (typeof amount !== 'string' || !AMOUNT.test(amount)) return undefined;
  const ref = (a: unknown): AccountRef | undefined => {
    const r = a as Partial<AccountRef> | null;
    return typeof r?.regNo === 'string' && typeof r.accountNo === 'string'
      ? { regNo: r.regNo, accountNo: r.accountNo }
      : undefined;
  };
  const debtor = ref(d.debtorAccount);
  const creditor = ref(d.creditorAccount);
  if (!debtor || !creditor) return undefined;
  const [kroner = '0', ore = '0'] = amount.split('.');
  return {
    amountOre: Number(kroner) * 100 + Number(ore),
    debtor,
    creditor,
    message: d.remittanceInformationUnstructured,
  };
}

/** "1250.00" as the person reads it: "1.250,00" (da) or "1,250.00" (en). */
export function formatAmount(amount: string, lang: Lang): string {
  const [kroner = '0', ore = '00'] = amount.split('.');
  const grouped = kroner.replace(/\B(?=(\d{3})+$)/g, lang === 'da' ? '.' : ',');
  return lang === 'da' ? `${grouped},${ore}` : `${grouped}.${ore}`;
}

/** The text the person approves for these details, in `lang`. */
export function transferText(details: PaymentInitiation[], lang: Lang): string {
  const [d] = details;
  if (!d) throw new Error('no payment_initiation element');
  const amount = formatAmount(d.instructedAmount.amount, lang);
  const to = `${d.creditorAccount.regNo} ${d.creditorAccount.accountNo}`;
  const message = d.remittanceInformationUnstructured;
  return lang === 'da'
    ? `Overfør ${amount} kr. til ${to}${message ? `. Besked: ${message}` : ''}`
    : `Transfer DKK ${amount} to ${to}${message ? `. Message: ${message}` : ''}`;
}
