/**
 * An amount in kroner as a person types it, into øre. Accepted: the Danish form (`1.250,00`,
 * `1250,00`, `1.250`, `1250,5`) and the decimal point (`1250.00`, `1250.5`); spaces are ignored.
 * A dot followed by exactly three digits and no comma is a Danish thousands separator (`1.250` is
 * 1250 kr.). Rules, the first broken one answered: something typed (`missing`), one of those forms
 * (`format`), at most 9 digits of kroner (`tooLarge`), above 0 (`zero`). Nothing is guessed.
 */
export type AmountResult =
  | { ok: true; ore: number }
  | { ok: false; problem: 'missing' | 'format' | 'tooLarge' | 'zero' };

const DANISH = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/;
const POINT = /^(\d+)\.(\d{1,2})$/;

export function parseAmount(input: unknown): AmountResult {
  if (typeof input !== 'string') return { ok: false, problem: 'missing' };
  const typed = input.replace(/\s/g, '');
  if (typed === '') return { ok: false, problem: 'missing' };
  const m = POINT.exec(typed) ?? DANISH.exec(typed);
  if (!m) return { ok: false, problem: 'format' };
  const kroner = (m[1] ?? '').replaceAll('.', '').replace(/^0+(?=\d)/, '');
  if (kroner.length > 9) return { ok: false, problem: 'tooLarge' };
  const ore = Number(kroner) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (ore <= 0) return { ok: false, problem: 'zero' };
  return { ok: true, ore };
}
