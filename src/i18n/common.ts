import type { Text } from './types.ts';

/** Texts shared by every page: layout, language switch, generic buttons. */
export const common = {
  'common.skipToContent': { da: 'Gå til sidens indhold', en: 'Skip to content' },
  'common.languageSwitch': { da: 'English', en: 'Dansk' },
  'common.languageSwitchLabel': { da: 'Read this page in English', en: 'Læs siden på dansk' },
  'common.continue': { da: 'Fortsæt', en: 'Continue' },
  'common.back': { da: 'Tilbage', en: 'Back' },
  'common.cancel': { da: 'Afbryd', en: 'Cancel' },
  'common.help': { da: 'Hjælp', en: 'Help' },
  'common.logout': { da: 'Log af', en: 'Log out' },
  'common.errorPrefix': { da: 'Fejl:', en: 'Error:' },
  'common.errorSummaryTitle': { da: 'Der er et problem', en: 'There is a problem' },
  'common.mitidSiteName': { da: 'MitID', en: 'MitID' },
  'common.bankSiteName': { da: 'Min Bank', en: 'Min Bank' },
  'common.mitidFooter': {
    da: 'MitID support: 33 98 00 10. Mandag–fredag 08:00–20:00, weekend og helligdage 10:00–16:00.',
    en: 'MitID support: +45 33 98 00 10. Monday–Friday 08:00–20:00, weekends and holidays 10:00–16:00.',
  },
  'common.bankFooter': {
    da: 'Min Bank er en demonstrationsbank. Ingen rigtige penge.',
    en: 'Min Bank is a demonstration bank. No real money.',
  },
  'common.demoNotice': {
    da: 'Dette er en åben demonstration af MitID. Brug aldrig rigtige oplysninger.',
    en: 'This is an open demonstration of MitID. Never use real personal data.',
  },
} satisfies Record<string, Text>;
