import type { Text } from './types.ts';

/**
 * Texts of the MitID password (src/kinds/password): each rule is one sentence that reads both as
 * a requirement in the list and as the refusal when it is broken (the guide: "Skal indeholde
 * mindst 8 tegn", "Må ikke indeholde dit bruger-ID"), and the lock refusals the login box shows.
 */
export const password = {
  'password.rule.missing': { da: 'Indtast en adgangskode.', en: 'Enter a password.' },
  'password.rule.tooShort': {
    da: 'Adgangskoden skal indeholde mindst 8 tegn.',
    en: 'The password must have at least 8 characters.',
  },
  'password.rule.tooLong': {
    da: 'Adgangskoden må højst indeholde 64 tegn.',
    en: 'The password must have at most 64 characters.',
  },
  'password.rule.containsUserId': {
    da: 'Adgangskoden må ikke indeholde dit bruger-ID.',
    en: 'The password must not contain your user ID.',
  },
  'password.rule.tenDigits': {
    da: 'Adgangskoden må ikke indeholde 10 tal i træk.',
    en: 'The password must not contain 10 digits in a row.',
  },
  'password.rule.commonWord': {
    da: 'Adgangskoden må ikke være ordet "adgangskode" eller "password".',
    en: 'The password must not be the word "password" or "adgangskode".',
  },
  'password.rule.keyboardRow': {
    da: 'Adgangskoden må ikke være en række taster på tastaturet, fx "qwertyui" eller "12345678".',
    en: 'The password must not be a row of keys on the keyboard, such as "qwertyui" or "12345678".',
  },
  'password.rules.title': { da: 'Krav til adgangskode', en: 'Password requirements' },
  'password.rules.met': { da: 'opfyldt', en: 'met' },
  'password.rules.broken': { da: 'ikke opfyldt', en: 'not met' },
  'password.rules.allOk': {
    da: 'Adgangskoden opfylder alle krav.',
    en: 'The password meets every requirement.',
  },
  'password.wrong': {
    da: 'Adgangskoden er forkert. Du har {left} forsøg tilbage, før din adgangskode spærres i 15 minutter.',
    en: 'The password is wrong. You have {left} tries left before your password is locked for 15 minutes.',
  },
  'password.lockedUntil': {
    da: 'Din adgangskode er spærret på grund af for mange forkerte forsøg. Prøv igen kl. {time}.',
    en: 'Your password is locked after too many wrong tries. Try again at {time}.',
  },
  'password.lockedForGood': {
    da: 'Din adgangskode er spærret på grund af for mange forkerte forsøg. Kontakt MitID support for at få den genåbnet.',
    en: 'Your password is locked after too many wrong tries. Contact MitID support to have it reopened.',
  },
} satisfies Record<string, Text>;
