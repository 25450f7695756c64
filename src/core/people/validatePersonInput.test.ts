import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type PersonInput, validatePersonInput } from './validatePersonInput.ts';

const anna: PersonInput = {
  cpr: '010190-1234',
  givenName: ' Anna  Marie ',
  familyName: 'Berg-Ørsted',
  street: 'Vestergade 12, 1. tv.',
  postalCode: '1456',
  city: 'København K',
  municipalityCode: '101',
};

test('a good person is tidied and gets the birth date from the CPR number', () => {
  const v = validatePersonInput(anna);
  assert.deepEqual(v, {
    ok: true,
    person: {
      ...anna,
      cpr: '0101901234',
      givenName: 'Anna Marie',
      birthDate: '1990-01-01',
    },
  });
});

test('every broken field is named with a reason', () => {
  const v = validatePersonInput({
    cpr: '310290-1234',
    givenName: '',
    familyName: 'x'.repeat(41),
    street: 'Gade\u0000 1',
    postalCode: '123',
    city: '   ',
    municipalityCode: '1010',
  });
  assert.equal(v.ok, false);
  assert.deepEqual(!v.ok && v.problems, [
    { field: 'cpr', reason: 'date' },
    { field: 'givenName', reason: 'required' },
    { field: 'familyName', reason: 'too_long' },
    { field: 'street', reason: 'format' },
    { field: 'postalCode', reason: 'format' },
    { field: 'city', reason: 'required' },
    { field: 'municipalityCode', reason: 'too_long' },
  ]);
});

test('names are letters with spaces, hyphens, apostrophes and full stops', () => {
  for (const ok of ["O'Neil", 'Søren Aabye', 'Jean-Luc', 'Zoë', 'J. P.']) {
    assert.equal(validatePersonInput({ ...anna, givenName: ok }).ok, true, ok);
  }
  for (const bad of ['<script>', '-Anna', 'Anna2', 'Anna_Berg', '@']) {
    assert.equal(validatePersonInput({ ...anna, givenName: bad }).ok, false, bad);
  }
});

test('the municipality code is exactly three digits', () => {
  for (const bad of ['1', '10', 'abc', '1 1']) {
    const v = validatePersonInput({ ...anna, municipalityCode: bad });
    assert.equal(v.ok, false, bad);
  }
});

test('non-string values are treated as missing, not crashed on', () => {
  const v = validatePersonInput({ ...anna, givenName: undefined as unknown as string, cpr: 7 as never });
  assert.equal(v.ok, false);
  assert.deepEqual(!v.ok && v.problems.map((p) => p.field), ['cpr', 'givenName']);
});
