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
    da: 'Ukendt tilladelse. Kendte tilladelser: enrollment.start, enrollment.status, approvals.create, nemid.login, oidc.login, oidc.cpr.',
    en: 'Unknown permission. Known permissions: enrollment.start, enrollment.status, approvals.create, nemid.login, oidc.login, oidc.cpr.',
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
  'clients.refusal.invalidDialect': {
    da: 'Dialekten skal være signaturgruppen eller idura (og en intern klient har ingen); OpenID Connect-indstillinger kræver en dialekt.',
    en: 'The dialect must be signaturgruppen or idura (and an internal client has none); OpenID Connect settings need a dialect.',
  },
  'clients.refusal.invalidAuthMethod': {
    da: 'Klientgodkendelsen skal være client_secret_basic, client_secret_post eller private_key_jwt.',
    en: 'The client authentication must be client_secret_basic, client_secret_post or private_key_jwt.',
  },
  'clients.refusal.invalidJwks': {
    da: 'Nøglerne skal være offentlige RSA- eller EC-nøgler (JWK) uden privat del; private_key_jwt kræver mindst én.',
    en: 'The keys must be public RSA or EC keys (JWK) without a private part; private_key_jwt needs at least one.',
  },
  'clients.refusal.invalidOrganisation': {
    da: 'Organisationen skal være 1–100 tegn: bogstaver, cifre, mellemrum, punktum, bindestreg eller understregning.',
    en: 'The organisation must be 1–100 characters: letters, digits, space, dot, hyphen or underscore.',
  },
  'clients.refusal.invalidSsoGroup': {
    da: 'SSO-gruppen skal være 1–64 tegn: små bogstaver, cifre, punktum, bindestreg eller understregning.',
    en: 'The SSO group must be 1–64 characters: lower-case letters, digits, dot, hyphen or underscore.',
  },
  'clients.refusal.invalidAlg': {
    da: 'ID-tokenets signatur skal være RS256 eller ES256.',
    en: "The ID token's signature must be RS256 or ES256.",
  },
  'clients.refusal.secretTooShort': {
    da: 'En hemmelighed skal være mindst 32 tegn uden mellemrum.',
    en: 'A secret must be at least 32 characters without spaces.',
  },
  'clients.refusal.clientInUse': {
    da: 'Klientens godkendelser gemmes stadig; deaktivér klienten i stedet.',
    en: "The client's authentications are still kept; disable the client instead.",
  },
  'clients.refusal.configuredClient': {
    da: 'Denne klient kommer fra indstillingerne og oprettes igen ved næste start; deaktivér den i stedet.',
    en: 'This client comes from the settings and is written again at the next start; disable it instead.',
  },
} satisfies Record<string, Text>;
