import type { Text } from './types.ts';

/**
 * Texts of the staff registry (src/core/staff, `npm run staff`) and of the Borgerservice clerk
 * page (src/flows/borgerservice): staff only.
 */
export const borgerservice = {
  'staff.refusal.nameInvalid': {
    da: 'Navnet skal være 1–100 tegn uden kontroltegn.',
    en: 'The name must be 1–100 characters without control characters.',
  },
  'staff.refusal.roleInvalid': {
    da: 'Rollen skal være clerk (Borgerservice) eller supporter (MitID support).',
    en: 'The role must be clerk (Borgerservice) or supporter (MitID support).',
  },
  'staff.refusal.officeRequired': {
    da: 'En medarbejder i Borgerservice skal have et kontor, fx --office bs-101.',
    en: 'A Borgerservice clerk needs an office, e.g. --office bs-101.',
  },
  'staff.refusal.officeNotForSupporter': {
    da: 'MitID support hører ikke til et Borgerservice-kontor: udelad --office.',
    en: 'MitID support belongs to no Borgerservice office: leave out --office.',
  },
  'staff.refusal.officeUnknown': {
    da: 'Der er intet Borgerservice-kontor med det id (fx bs-101).',
    en: 'There is no Borgerservice office with that id (e.g. bs-101).',
  },
  'staff.refusal.loginInvalid': {
    da: 'Login skal være 3–40 tegn: små bogstaver, cifre, punktum, bindestreg eller understregning.',
    en: 'A login must be 3–40 characters: lower-case letters, digits, dot, hyphen or underscore.',
  },
  'staff.refusal.loginTaken': {
    da: 'Det login er allerede i brug.',
    en: 'That login is already in use.',
  },
  'staff.refusal.passwordTooShort': {
    da: 'Adgangskoden skal være mindst 12 tegn.',
    en: 'The password must be at least 12 characters.',
  },
  'staff.refusal.passwordTooLong': {
    da: 'Adgangskoden må højst være 128 tegn.',
    en: 'The password must be at most 128 characters.',
  },
} satisfies Record<string, Text>;
