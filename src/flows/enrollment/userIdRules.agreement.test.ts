/**
 * The same properties run against the server's rules (src/core/identity/userIdRules.ts) and the browser's copy
 * (static/userIdRules.js), and the two must give the same answer for any text at all: live
 * feedback that disagrees with the server would tell the person a wrong thing.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { type UserIdProblem, userIdProblems } from '../../core/identity/index.ts';
import {
  allowedText,
  anyText,
  digit,
  forbiddenChar,
  validUserId,
} from '../../core/identity/testing/index.ts';
import * as browser from './static/userIdRules.js';

const implementations: [string, (input: string) => UserIdProblem[]][] = [
  ['server (userIdRules.ts)', (s) => userIdProblems(s)],
  ['browser (static/userIdRules.js)', (s) => browser.userIdProblems(s)],
];
const ids = (problems: UserIdProblem[]): string[] => problems.map((p) => p.id);
const runs = { numRuns: 500 };

for (const [name, problems] of implementations) {
  describe(name, () => {
    test('a generated valid user-ID passes', () => {
      fc.assert(
        fc.property(validUserId, (s) => assert.deepEqual(problems(s), [])),
        runs,
      );
    });

    test('a forbidden character anywhere gives invalidCharacters naming it', () => {
      fc.assert(
        fc.property(allowedText(20), forbiddenChar, allowedText(20), (before, bad, after) => {
          const found = problems(before + bad + after).find(
            (p) => p.id === 'enrollment.userId.invalidCharacters',
          );
          assert.ok(found && 'params' in found, 'invalidCharacters expected');
          // Named as the person's text is checked: after NFC (U+F900 becomes U+8C48).
          const c = [...bad.normalize('NFC')][0] ?? '';
          const cp = (c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
          assert.ok(found.params.characters.includes(c) || found.params.characters.includes(`U+${cp}`));
        }),
        runs,
      );
    });

    test('10 digits in a row anywhere look like a CPR number', () => {
      fc.assert(
        fc.property(anyText, fc.string({ unit: digit, minLength: 10, maxLength: 10 }), anyText, (a, d, b) =>
          assert.ok(ids(problems(a + d + b)).includes('enrollment.userId.looksLikeCpr')),
        ),
        runs,
      );
    });

    test('6 digits, a hyphen, full stop or space, and 4 digits anywhere look like a CPR number', () => {
      const six = fc.string({ unit: digit, minLength: 6, maxLength: 6 });
      const four = fc.string({ unit: digit, minLength: 4, maxLength: 4 });
      const sep = fc.constantFrom('-', '.', ' ');
      fc.assert(
        fc.property(anyText, six, sep, four, anyText, (a, d6, s, d4, b) =>
          assert.ok(ids(problems(a + d6 + s + d4 + b)).includes('enrollment.userId.looksLikeCpr')),
        ),
        runs,
      );
    });

    test('length bounds: 1–4 too short, 5–48 fine, 49+ too long (in characters, not UTF-16 units)', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 80 }), fc.constantFrom('a', 'å', 'Ø', '@'), (n, c) => {
          const got = ids(problems(c.repeat(n)));
          assert.equal(got.includes('enrollment.userId.tooShort'), n < 5);
          assert.equal(got.includes('enrollment.userId.tooLong'), n > 48);
        }),
        runs,
      );
      assert.deepEqual(ids(problems('')), ['enrollment.userId.missing']);
    });

    test('a space at the start or end is refused', () => {
      fc.assert(
        fc.property(validUserId, fc.boolean(), (s, atStart) => {
          const spaced = atStart ? ` ${s}` : `${s} `;
          assert.ok(ids(problems(spaced)).includes('enrollment.userId.leadingOrTrailingSpace'));
        }),
        runs,
      );
    });

    test('the guide: "J()nas Jen5en" is valid, "211788-0967" is refused', () => {
      assert.deepEqual(problems('J()nas Jen5en'), []);
      assert.deepEqual(ids(problems('211788-0967')), ['enrollment.userId.looksLikeCpr']);
    });
  });
}

test('server and browser agree on any text at all', () => {
  fc.assert(
    fc.property(anyText, (s) => assert.deepEqual(browser.userIdProblems(s), userIdProblems(s))),
    { numRuns: 3000 },
  );
});
