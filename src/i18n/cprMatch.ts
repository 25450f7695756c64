import type { Text } from './types.ts';

/**
 * Texts of the login box's CPR page (src/flows/login/box: the `cpr_match` prompt, decision 0013
 * §6): a private service asks for the CPR number, MitID says only whether it is the person's.
 */
export const cprMatch = {
  'login.cpr.title': { da: 'Bekræft dit CPR-nummer', en: 'Confirm your CPR number' },
  'login.cpr.intro': {
    da: '{service} beder om dit CPR-nummer. MitID fortæller kun {service}, om det nummer, du indtaster, passer til dit MitID.',
    en: '{service} asks for your CPR number. MitID only tells {service} whether the number you enter belongs to your MitID.',
  },
  'login.cpr.label': { da: 'CPR-nummer', en: 'CPR number' },
  'login.cpr.hint': {
    da: '10 cifre (DDMMÅÅXXXX), med eller uden bindestreg',
    en: '10 digits (DDMMYYXXXX), with or without a dash',
  },
  'login.cpr.missing': { da: 'Indtast dit CPR-nummer.', en: 'Enter your CPR number.' },
  'login.cpr.format': {
    da: 'Et CPR-nummer er 10 cifre, fx 010190-1234 eller 0101901234.',
    en: 'A CPR number is 10 digits, for example 010190-1234 or 0101901234.',
  },
  'login.cpr.mismatch.one': {
    da: 'CPR-nummeret passer ikke til dit MitID. Du har {tries} forsøg tilbage.',
    en: 'The CPR number does not match your MitID. You have {tries} try left.',
  },
  'login.cpr.mismatch.many': {
    da: 'CPR-nummeret passer ikke til dit MitID. Du har {tries} forsøg tilbage.',
    en: 'The CPR number does not match your MitID. You have {tries} tries left.',
  },
  'login.cpr.continue': { da: 'Bekræft', en: 'Confirm' },
} satisfies Record<string, Text>;
