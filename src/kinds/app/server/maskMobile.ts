/** "+4512344050" → "+45 •• •• 40 50": enough for the person to recognise the number. */
export function maskMobile(e164: string): string {
  const digits = e164.replace(/\D/g, '');
  const last4 = digits.slice(-4);
  return `+45 •• •• ${last4.slice(0, 2)} ${last4.slice(2)}`;
}
