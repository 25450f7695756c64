/**
 * The assurance table's properties: order does not matter, a proof more never lowers the level,
 * no single factor of knowledge or possession alone reaches high, loa never exceeds ial or aal,
 * and levelAtLeast is a total order.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { amrOf, assuranceOf, factorsOf, levelAtLeast, loaOf } from './assurance.ts';
import { FACTORS, KIND_NAMES, LEVELS, type Level, METHODS, type Proof } from './Kind.ts';

const proof: fc.Arbitrary<Proof> = fc.record({
  authenticatorId: fc.string({ maxLength: 4 }),
  kind: fc.constantFrom(...KIND_NAMES),
  factors: fc.subarray([...FACTORS]),
  methods: fc.subarray([...METHODS], { minLength: 1 }),
  at: fc.nat(),
});
const level = fc.constantFrom(...LEVELS);
const rank = (l: Level | undefined): number => (l === undefined ? -1 : LEVELS.indexOf(l));

test('the order of the proofs does not matter', () => {
  fc.assert(
    fc.property(fc.array(proof, { maxLength: 4 }), (ps) => {
      const reversed = [...ps].reverse();
      assert.equal(assuranceOf(reversed), assuranceOf(ps));
      assert.deepEqual(amrOf(reversed), amrOf(ps));
      assert.deepEqual(factorsOf(reversed), factorsOf(ps));
    }),
  );
});

test('one proof more never lowers the level', () => {
  fc.assert(
    fc.property(fc.array(proof, { maxLength: 4 }), proof, (ps, extra) => {
      assert.ok(rank(assuranceOf([...ps, extra])) >= rank(assuranceOf(ps)));
    }),
  );
});

test('high needs two methods: no single method reaches it', () => {
  fc.assert(
    fc.property(fc.constantFrom(...METHODS), (m) => {
      assert.notEqual(assuranceOf([{ methods: [m] }]), 'high');
    }),
  );
});

test('loa is at most both ial and aal, and equals one of them', () => {
  fc.assert(
    fc.property(level, level, (ial, aal) => {
      const loa = loaOf(ial, aal);
      assert.ok(levelAtLeast(ial, loa) && levelAtLeast(aal, loa));
      assert.ok(loa === ial || loa === aal);
    }),
  );
});

test('levelAtLeast is a total order', () => {
  fc.assert(
    fc.property(level, level, level, (a, b, c) => {
      assert.ok(levelAtLeast(a, b) || levelAtLeast(b, a));
      if (levelAtLeast(a, b) && levelAtLeast(b, c)) assert.ok(levelAtLeast(a, c));
      if (levelAtLeast(a, b) && levelAtLeast(b, a)) assert.equal(a, b);
    }),
  );
});

test('the table as MitID and decision 0010 give it', () => {
  assert.equal(assuranceOf([{ methods: ['app'] }]), 'substantial');
  assert.equal(assuranceOf([{ methods: ['app', 'pin'] }]), 'high');
  assert.equal(assuranceOf([{ methods: ['app', 'biometrics'] }]), 'high');
  assert.equal(assuranceOf([{ methods: ['password'] }]), 'low');
  assert.equal(assuranceOf([{ methods: ['codeDisplay'] }, { methods: ['password'] }]), 'substantial');
  assert.equal(assuranceOf([{ methods: ['chip'] }, { methods: ['password'] }]), 'high');
  assert.equal(assuranceOf([{ methods: ['pin'] }]), undefined);
  assert.equal(assuranceOf([]), undefined);
});
