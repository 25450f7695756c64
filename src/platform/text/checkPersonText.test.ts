import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { checkPersonText, codePointLength, type PersonTextProblem } from './checkPersonText.ts';

const rule = { field: 'text', max: 130 };
const problemOf = (v: unknown, r = rule): PersonTextProblem | 'ok' => {
  const res = checkPersonText(v, r);
  return res.ok ? 'ok' : res.problem;
};

describe('refused, one class of character at a time, with the field named', () => {
  const cases: [string, string, PersonTextProblem][] = [
    ['right-to-left override (the issue’s example)', 'til \u202e0008 1234\u202c', 'format'],
    ['left-to-right embedding', 'til \u202a1234', 'format'],
    ['right-to-left embedding', 'til \u202b1234', 'format'],
    ['pop directional formatting', 'til 1234\u202c', 'format'],
    ['left-to-right override', '\u202dtil 1234', 'format'],
    ['left-to-right isolate', 'til \u20661234\u2069', 'format'],
    ['right-to-left isolate', 'til \u20671234', 'format'],
    ['first strong isolate', 'til \u20681234', 'format'],
    ['pop directional isolate', 'til 1234\u2069', 'format'],
    ['zero-width space', 'til 12\u200b34', 'format'],
    ['zero-width non-joiner', 'til 12\u200c34', 'format'],
    ['zero-width joiner', 'til 12\u200d34', 'format'],
    ['left-to-right mark', 'til 12\u200e34', 'format'],
    ['right-to-left mark', 'til 12\u200f34', 'format'],
    ['Arabic letter mark', 'til 12\u061c34', 'format'],
    ['byte order mark inside', 'til 12\ufeff34', 'format'],
    ['byte order mark at the start (not trimmed away)', '\ufefftil 1234', 'format'],
    ['soft hyphen', 'Over\u00adfør', 'format'],
    ['word joiner', 'til 12\u206034', 'format'],
    ['invisible times', 'a\u2062b', 'format'],
    ['tag character', 'til 1234\u{e0041}', 'format'],
    ['cancel tag', 'til 1234\u{e007f}', 'format'],
    ['language tag', '\u{e0001}til 1234', 'format'],
    ['private use (BMP)', 'til \ue000 1234', 'privateUse'],
    ['private use (plane 15)', 'til \u{f0000} 1234', 'privateUse'],
    ['private use (plane 16)', 'til \u{10fffd} 1234', 'privateUse'],
    ['unassigned', 'til \u0378 1234', 'unassigned'],
    ['unassigned (plane 3)', 'til \u{3ffff} 1234', 'unassigned'],
    ['noncharacter U+FFFF', 'til \uffff', 'unassigned'],
    ['noncharacter U+FDD0', 'til \ufdd0', 'unassigned'],
    ['lone high surrogate', 'til \ud800 1234', 'surrogate'],
    ['lone low surrogate', 'til \udc00 1234', 'surrogate'],
    ['reversed surrogate pair', 'til \udc00\ud800', 'surrogate'],
    ['line feed', 'line one\nline two', 'lineBreak'],
    ['carriage return', 'line one\rline two', 'lineBreak'],
    ['trailing line feed (not trimmed away)', 'text\n', 'lineBreak'],
    ['next line (C1)', 'a\u0085b', 'lineBreak'],
    ['line separator', 'a\u2028b', 'lineBreak'],
    ['paragraph separator', 'a\u2029b', 'lineBreak'],
    ['vertical tab', 'a\u000bb', 'lineBreak'],
    ['tab', 'a\tb', 'control'],
    ['escape (terminal sequences)', 'a\u001b[2Jb', 'control'],
    ['bell', 'bell\u0007', 'control'],
    ['NUL', 'a\u0000b', 'control'],
    ['C1 control', 'a\u009bb', 'control'],
    ['delete', 'a\u007fb', 'control'],
    ['Hangul filler (a letter drawn as nothing)', 'til\u3164 1234', 'invisible'],
    ['combining grapheme joiner', 'a\u034fb', 'invisible'],
    ['Hebrew letter with digits', 'til \u05d0 0008 1234', 'rtlWithDigits'],
    ['Arabic letter with Arabic-Indic digits', 'til \u0628 \u0661\u0662', 'rtlWithDigits'],
    ['empty', '', 'empty'],
    ['spaces only', '   ', 'empty'],
    ['no-break spaces only', '\u00a0\u3000', 'empty'],
  ];
  for (const [what, value, problem] of cases) {
    test(what, () => {
      assert.deepEqual(
        (({ ok, field, problem }) => ({ ok, field, problem }))(
          checkPersonText(value, { field: 'serviceName', max: 130 }) as {
            ok: boolean;
            field: string;
            problem: string;
          },
        ),
        { ok: false, field: 'serviceName', problem },
      );
    });
  }

  test('a value that is not a string', () => {
    for (const v of [undefined, null, 42, ['x'], { text: 'x' }]) assert.equal(problemOf(v), 'notText');
  });

  test('the offending character is named by its code point', () => {
    const res = checkPersonText('til \u202e0008 1234\u202c', rule);
    assert.equal(res.ok ? 0 : res.codePoint, 0x202e);
    const surrogate = checkPersonText('a\ud801', rule);
    assert.equal(surrogate.ok ? 0 : surrogate.codePoint, 0xd801);
  });
});

describe('accepted, as the person reads it', () => {
  test('Danish, punctuation, currency, emoji with their variation selector', () => {
    for (const v of [
      'Overfør 1.250,00 kr. til 9999 0087654321',
      'Log på hos Skattestyrelsen',
      'Æble, Øre & Åen: 100 % (“citat”) – € 5 · §3',
      'Betal ❤️ 💸 ✔︎',
      '東京 ﾃｽﾄ Ｆｕｌｌ-width １２３',
      'שלום',
      'مرحبا بك',
    ]) {
      assert.deepEqual(checkPersonText(v, rule), { ok: true, value: v }, v);
    }
  });

  test('spaces at either end are removed, spaces inside kept', () => {
    assert.deepEqual(checkPersonText('  til  1234\u00a0', rule), { ok: true, value: 'til  1234' });
  });

  test('the text is NFC-normalised before it is counted and returned', () => {
    const decomposed = 'a\u030a'; // a + combining ring above: one character, å
    assert.equal(decomposed.length, 2);
    assert.deepEqual(checkPersonText(decomposed, rule), { ok: true, value: '\u00e5' });
    assert.deepEqual(
      checkPersonText('\u212b', rule),
      { ok: true, value: '\u00c5' },
      'the Angstrom sign is Å',
    );
    const text130 = decomposed.repeat(130);
    assert.equal(codePointLength(text130), 260);
    assert.deepEqual(checkPersonText(text130, rule), { ok: true, value: '\u00e5'.repeat(130) });
    assert.equal(problemOf(decomposed.repeat(131)), 'tooLong');
  });

  test('characters are code points: 130 emoji pass, 131 do not', () => {
    assert.equal(problemOf('💸'.repeat(130)), 'ok');
    assert.equal(problemOf('💸'.repeat(131)), 'tooLong');
  });

  test('a multi-line text allows line feeds and nothing else that breaks lines', () => {
    const lines = { field: 'text', max: 130, multiline: true };
    assert.deepEqual(checkPersonText('one\ntwo', lines), { ok: true, value: 'one\ntwo' });
    assert.equal(problemOf('one\r\ntwo', lines), 'lineBreak');
    assert.equal(problemOf('one\n\u202etwo', lines), 'format');
    assert.equal(problemOf('\n \n', lines), 'empty');
  });
});

describe('properties', () => {
  // Any string at all, including lone surrogates and every plane.
  const anyText = fc.string({ unit: 'binary', maxLength: 40 });
  const safe = fc.string({
    unit: fc.constantFrom(...'abc æøå 0123456789.,-'.split('')),
    minLength: 1,
    maxLength: 60,
  });

  test('whatever is accepted is NFC, within its length, free of every refused class, and stable', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const res = checkPersonText(s, { field: 'text', max: 20 });
        if (!res.ok) return;
        assert.equal(res.value, res.value.normalize('NFC'));
        assert.ok(codePointLength(res.value) <= 20);
        assert.ok(res.value.isWellFormed());
        assert.doesNotMatch(res.value, /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u);
        assert.deepEqual(checkPersonText(res.value, { field: 'text', max: 20 }), res);
      }),
      { numRuns: 2000 },
    );
  });

  test('one format, private-use or unassigned character anywhere in a good text refuses it', () => {
    const bad = fc.oneof(
      fc.constantFrom(
        '\u202a',
        '\u202b',
        '\u202c',
        '\u202d',
        '\u202e',
        '\u2066',
        '\u2067',
        '\u2068',
        '\u2069',
      ),
      fc.constantFrom('\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\ufeff', '\u061c', '\u00ad'),
      fc.integer({ min: 0xe0001, max: 0xe007f }).map((c) => String.fromCodePoint(c)),
      fc.integer({ min: 0xe000, max: 0xf8ff }).map((c) => String.fromCodePoint(c)),
      fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
      fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
    );
    fc.assert(
      fc.property(safe, bad, fc.nat(), (text, c, at) => {
        const i = at % (text.length + 1);
        const res = checkPersonText(text.slice(0, i) + c + text.slice(i), { field: 'text', max: 130 });
        assert.equal(res.ok, false);
      }),
      { numRuns: 2000 },
    );
  });
});
