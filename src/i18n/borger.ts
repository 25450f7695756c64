import type { Text } from './types.ts';

/** Texts of Borger (src/services/borger), the second demo service: a small self-service site. */
export const borger = {
  'borger.siteName': { da: 'Borger', en: 'Borger' },
  'borger.footer': {
    da: 'Borger er en demonstration af en offentlig selvbetjening, der logger på med MitID.',
    en: 'Borger is a demonstration of a public self-service site that logs in with MitID.',
  },
  'borger.home.title': { da: 'Velkommen til Borger', en: 'Welcome to Borger' },
  'borger.home.intro': {
    da: 'Log på med MitID for at se de oplysninger, MitID giver os om dig.',
    en: 'Log in with MitID to see the details MitID gives us about you.',
  },
  'borger.home.login': { da: 'Log på med MitID', en: 'Log in with MitID' },
  'borger.home.loggedOut': { da: 'Du er logget af.', en: 'You have been logged out.' },
  'borger.mitid.referenceText': { da: 'Log på Borger', en: 'Log on to Borger' },
  'borger.me.title': { da: 'Dine oplysninger', en: 'Your details' },
  'borger.me.intro': {
    da: 'Det er de oplysninger, MitID har givet Borger, da du loggede på.',
    en: 'These are the details MitID gave Borger when you logged in.',
  },
  'borger.me.name': { da: 'Navn', en: 'Name' },
  'borger.me.birthDate': { da: 'Fødselsdato', en: 'Date of birth' },
  'borger.me.age': { da: 'Alder', en: 'Age' },
  'borger.me.years': { da: '{age} år', en: '{age} years' },
  'borger.me.uuid': { da: 'MitID-uuid', en: 'MitID UUID' },
  'borger.me.cpr': { da: 'CPR-nummer', en: 'CPR number' },
  'borger.me.cprHidden': {
    da: 'De sidste fire cifre er skjult.',
    en: 'The last four digits are hidden.',
  },
  'borger.me.unknown': { da: 'Ikke oplyst', en: 'Not given' },
  'borger.login.failedTitle': { da: 'Login mislykkedes', en: 'Login failed' },
  'borger.login.cancelled': {
    da: 'Du afbrød login. Du kan prøve igen, når du er klar.',
    en: 'You cancelled the login. You can try again when you are ready.',
  },
  'borger.login.noLogin': {
    da: 'Dette login blev ikke startet i denne browser, eller det er allerede brugt. Du er ikke logget på. Start forfra.',
    en: 'This login was not started in this browser, or it has already been used. You are not logged in. Please start again.',
  },
  'borger.login.failed': {
    da: 'Vi kunne ikke logge dig på. Prøv igen.',
    en: 'We could not log you in. Please try again.',
  },
  'borger.login.unavailable': {
    da: 'Vi kunne ikke logge dig på med MitID lige nu. Prøv igen om lidt.',
    en: 'We could not log you in with MitID right now. Please try again shortly.',
  },
  'borger.login.tryAgain': { da: 'Prøv igen', en: 'Try again' },
} satisfies Record<string, Text>;
