import type { Text } from './types.ts';

/** Texts of the NemID login (src/flows/nemid). */
export const nemid = {
  'nemid.pageTitle': { da: 'Log på med NemID', en: 'Log on with NemID' },
  'nemid.boxTitle': { da: 'NemID', en: 'NemID' },
  'nemid.loginAt': { da: 'Log på hos {client}', en: 'Log on to {client}' },
  'nemid.userId.label': { da: 'Bruger-ID', en: 'User ID' },
  'nemid.password.label': { da: 'Adgangskode', en: 'Password' },
  'nemid.submit': { da: 'Log på', en: 'Log on' },
  'nemid.cancel': { da: 'Afbryd', en: 'Cancel' },

  'nemid.error.userIdRequired': { da: 'Indtast dit bruger-ID.', en: 'Enter your user ID.' },
  'nemid.error.userIdTooLong': { da: 'Bruger-ID’et er for langt.', en: 'The user ID is too long.' },
  'nemid.error.userIdFormat': {
    da: 'Indtast et gyldigt bruger-ID: bogstaver og tal eller dit CPR-nummer.',
    en: 'Enter a valid user ID: letters and digits, or your CPR number.',
  },
  'nemid.error.passwordRequired': { da: 'Indtast din adgangskode.', en: 'Enter your password.' },
  'nemid.error.passwordTooLong': { da: 'Adgangskoden er for lang.', en: 'The password is too long.' },
  'nemid.error.wrongCredentials': {
    da: 'Forkert bruger-ID eller adgangskode.',
    en: 'Incorrect user ID or password.',
  },
  'nemid.error.slowedDown': {
    da: 'For mange forkerte forsøg på at logge på. Af hensyn til sikkerheden kan du først prøve igen kl. {time}.',
    en: 'Too many incorrect attempts to log on. For your security, you can try again at {time}.',
  },

  'nemid.keycode.cardAndKey': { da: 'Nøglekort {card}, nøgle {key}', en: 'Key card {card}, key {key}' },
  'nemid.keycode.instructions': {
    da: 'Find nøglenummeret på dit nøglekort, og indtast koden, der står ud for det.',
    en: 'Find the key number on your key card and enter the code next to it.',
  },
  'nemid.keycode.label': { da: 'Nøgle', en: 'Key' },
  'nemid.keycode.hint': { da: '6 cifre fra dit nøglekort.', en: '6 digits from your key card.' },
  'nemid.error.codeRequired': {
    da: 'Indtast koden fra dit nøglekort.',
    en: 'Enter the code from your key card.',
  },
  'nemid.error.codeFormat': { da: 'Koden skal være 6 cifre.', en: 'The code must be 6 digits.' },
  'nemid.error.codeWrong': {
    da: 'Forkert nøgle. Du har {left} forsøg tilbage.',
    en: 'Wrong key. You have {left} attempts left.',
  },
  'nemid.error.keyUsed': {
    da: 'Nøglen er allerede brugt. Indtast i stedet koden til den nye nøgle.',
    en: 'That key has already been used. Enter the code for the new key instead.',
  },

  'nemid.failed.title': { da: 'Du blev ikke logget på', en: 'You were not logged on' },
  'nemid.failed.tooManyCodes': {
    da: 'Du har indtastet forkert nøgle for mange gange. Start forfra for at logge på.',
    en: 'You have entered a wrong key too many times. Start again to log on.',
  },
  'nemid.failed.noKeys': {
    da: 'Du har ikke et nøglekort med ubrugte nøgler. Kontakt NemID support for at få et nyt nøglekort.',
    en: 'You do not have a key card with unused keys. Contact NemID support to get a new key card.',
  },
  'nemid.failed.generic': {
    da: 'Log-på blev afbrudt. Start forfra for at logge på.',
    en: 'The log-on was stopped. Start again to log on.',
  },
  'nemid.backTo': { da: 'Tilbage til {client}', en: 'Back to {client}' },
  'nemid.done.title': { da: 'Du er logget på', en: 'You are logged on' },
  'nemid.done.body': {
    da: 'Du er allerede logget på med NemID. Fortsæt hos {client}.',
    en: 'You have already logged on with NemID. Continue at {client}.',
  },

  'nemid.dev.title': { da: 'NemID nøglekort (udvikling)', en: 'NemID key cards (development)' },
  'nemid.dev.banner': {
    da: 'Udviklingsside: viser personernes NemID bruger-ID og aktive nøglekort. Findes ikke i drift.',
    en: 'Development page: shows the people’s NemID user IDs and active key cards. Not available in production.',
  },
  'nemid.dev.none': { da: 'Ingen personer har NemID endnu.', en: 'Nobody has NemID yet.' },
  'nemid.dev.userId': { da: 'Bruger-ID: {userId}', en: 'User ID: {userId}' },
  'nemid.dev.cardCaption': {
    da: 'Nøglekort {card} ({unused} ubrugte nøgler)',
    en: 'Key card {card} ({unused} unused keys)',
  },
  'nemid.dev.noCard': { da: 'Intet aktivt nøglekort.', en: 'No active key card.' },
  'nemid.dev.key': { da: 'Nøgle', en: 'Key' },
  'nemid.dev.code': { da: 'Kode', en: 'Code' },
  'nemid.dev.used': { da: 'brugt', en: 'used' },
  'nemid.dev.json': { da: 'Samme oplysninger som JSON', en: 'The same as JSON' },
} satisfies Record<string, Text>;
