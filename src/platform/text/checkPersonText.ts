/**
 * A text that a service or a bank sends to be shown to a person (a transaction's text, a service's
 * name; later the OpenID Connect login's action and reference texts). The person approves what
 * they read, so what they read must be what the text says: no character may change how the rest
 * is shown or hide itself. Rules, checked in this order, the first broken one answered:
 *
 * - notText: not a string;
 * - surrogate: a lone UTF-16 surrogate (not a character at all; \p{Cs} with the u flag);
 * - lineBreak: a line break (LF, CR, VT, FF, NEL, U+2028, U+2029); a text with `multiline`
 *   allows LF (U+000A) only;
 * - control: any other C0 or C1 control character (\p{Cc}: NUL, BEL, ESC, TAB, …);
 * - format: a format character (\p{Cf}): the bidi embeddings, overrides and isolates U+202A–202E
 *   and U+2066–2069, the marks U+200E, U+200F, U+061C, zero-width U+200B–200D, U+2060–2064,
 *   U+FEFF, the soft hyphen U+00AD, the tag characters U+E0001–E007F, …;
 * - privateUse: \p{Co} (U+E000–F8FF, planes 15 and 16): shown as whatever the font says;
 * - unassigned: \p{Cn}, including the noncharacters U+FFFE, U+FFFF, U+FDD0–FDEF. "Unassigned" is
 *   as Node's ICU knows Unicode (Unicode 17 in Node 24): a character newer than that is refused
 *   until Node knows it, which is the safe side;
 * - invisible: another default-ignorable code point (drawn as nothing, e.g. the Hangul fillers
 *   U+3164, U+115F, the combining grapheme joiner U+034F), except the variation selectors, which
 *   choose how an emoji or a CJK character looks and cannot move or hide anything;
 * - rtlWithDigits: a right-to-left letter (Hebrew, Arabic, …) in a text with a digit. Even
 *   without control characters the bidi algorithm draws the digits and spaces after a
 *   right-to-left letter right to left: "til א 0008 1234" is shown as "til 1234 0008 א" in a
 *   left-to-right box. Words stay readable, numbers do not; MitID's texts are Danish or English;
 * - empty: nothing left once spaces at either end are removed;
 * - tooLong: more than `max` characters, counted as code points after NFC normalisation (so "å"
 *   sent as a + combining ring counts once, as the person sees it).
 *
 * What passes is returned NFC-normalised and with the spaces at either end removed: that is the
 * text stored, shown, and digested. NFKC is not used: it would silently change what was sent
 * (full-width digits into ASCII ones); a text is shown as sent, or refused.
 */

export type PersonTextProblem =
  | 'notText'
  | 'surrogate'
  | 'lineBreak'
  | 'control'
  | 'format'
  | 'privateUse'
  | 'unassigned'
  | 'invisible'
  | 'rtlWithDigits'
  | 'empty'
  | 'tooLong';

export interface PersonTextRule {
  /** The request's field, named in the refusal. */
  field: string;
  /** Most characters (code points after NFC). */
  max: number;
  /** Allow line feeds (U+000A) between lines; no field takes several lines yet. */
  multiline?: boolean;
}

export type PersonTextResult =
  | { ok: true; value: string }
  | {
      ok: false;
      field: string;
      problem: PersonTextProblem;
      /** The first offending character's code point (for the character classes). */
      codePoint?: number;
    };

const lineBreak = /[\n\v\f\r\u0085\u2028\u2029]/u;
const classes: [PersonTextProblem, RegExp][] = [
  ['surrogate', /\p{Cs}/u],
  ['control', /\p{Cc}/u],
  ['format', /\p{Cf}/u],
  ['privateUse', /\p{Co}/u],
  ['unassigned', /\p{Cn}/u],
  ['invisible', /(?![\uFE00-\uFE0F\u{E0100}-\u{E01EF}])\p{Default_Ignorable_Code_Point}/u],
];

// Scripts written right to left (Script_Extensions, so Arabic-only punctuation counts too). The
// historic ones are left out: no Danish service writes Phoenician.
const rightToLeft =
  /[\p{Script_Extensions=Hebrew}\p{Script_Extensions=Arabic}\p{Script_Extensions=Syriac}\p{Script_Extensions=Thaana}\p{Script_Extensions=Nko}\p{Script_Extensions=Samaritan}\p{Script_Extensions=Mandaic}\p{Script_Extensions=Adlam}\p{Script_Extensions=Hanifi_Rohingya}\p{Script_Extensions=Yezidi}\p{Script_Extensions=Mende_Kikakui}]/u;
const digit = /\p{N}/u;

/** Spaces (\p{Zs}) at either end; JavaScript's trim would also drop U+FEFF, which is refused. */
const edgeSpaces = /^\p{Zs}+|\p{Zs}+$/gu;

/** Characters as a person counts them here: code points. */
export const codePointLength = (s: string): number => [...s].length;

export function checkPersonText(value: unknown, rule: PersonTextRule): PersonTextResult {
  const refuse = (problem: PersonTextProblem, at?: string): PersonTextResult => ({
    ok: false,
    field: rule.field,
    problem,
    ...(at === undefined ? {} : { codePoint: at.codePointAt(0) as number }),
  });
  if (typeof value !== 'string') return refuse('notText');
  if (!value.isWellFormed()) return refuse('surrogate', value.match(/\p{Cs}/u)?.[0]);
  const text = value.normalize('NFC');
  const lines = rule.multiline ? text.split('\n') : [text];
  for (const line of lines) {
    const br = line.match(lineBreak);
    if (br) return refuse('lineBreak', br[0]);
    for (const [problem, pattern] of classes) {
      const found = line.match(pattern);
      if (found) return refuse(problem, found[0]);
    }
  }
  const rtl = text.match(rightToLeft);
  if (rtl && digit.test(text)) return refuse('rtlWithDigits', rtl[0]);
  const trimmed = text.replace(edgeSpaces, '');
  if (trimmed.replaceAll('\n', '').replace(edgeSpaces, '') === '') return refuse('empty');
  if (codePointLength(trimmed) > rule.max) return refuse('tooLong');
  return { ok: true, value: trimmed };
}
