import type { Text } from './types.ts';

/** Texts of the client registry's administration (src/core/clients/ClientAdmin.ts, the CLI). */
export const clients = {
  'clients.refusal.invalidId': {
    da: 'Klient-id skal være 2–64 tegn: små bogstaver, cifre, punktum, bindestreg eller understregning.',
    en: 'A client id must be 2–64 characters: lower-case letters, digits, dot, hyphen or underscore.',
  },
  'clients.refusal.invalidName': {
    da: 'Navnet skal være 1–100 tegn uden kontroltegn.',
    en: 'The name must be 1–100 characters without control characters.',
  },
  'clients.refusal.unknownPermission': {
    da: 'Ukendt tilladelse. Kendte tilladelser: enrollment.start, enrollment.status, approvals.create, nemid.login.',
    en: 'Unknown permission. Known permissions: enrollment.start, enrollment.status, approvals.create, nemid.login.',
  },
  'clients.refusal.invalidOrigin': {
    da: 'Oprindelsen skal være en http(s)-adresse uden sti, fx https://bank.example.',
    en: 'The origin must be an http(s) address without a path, e.g. https://bank.example.',
  },
  'clients.refusal.invalidRedirectUri': {
    da: 'En adresse skal være en fuld http(s)-adresse uden brugernavn og uden #.',
    en: 'An address must be a full http(s) address without a user name and without #.',
  },
  'clients.refusal.clientExists': {
    da: 'Der findes allerede en klient med dette id.',
    en: 'A client with this id already exists.',
  },
  'clients.refusal.notFound': {
    da: 'Klienten eller hemmeligheden findes ikke.',
    en: 'The client or the secret does not exist.',
  },
  'clients.refusal.internalHasNoSecret': {
    da: 'En intern klient har ingen hemmelighed.',
    en: 'An internal client has no secret.',
  },
  'clients.refusal.configSecret': {
    da: 'Denne hemmelighed kommer fra BANK_CLIENT_SECRET og skiftes ved næste start; ændr indstillingen i stedet.',
    en: 'This secret comes from BANK_CLIENT_SECRET and is replaced at the next start; change the setting instead.',
  },
} satisfies Record<string, Text>;
