import type { Text } from './types.ts';

/** Texts of the OpenID Connect provider's own pages (src/flows/login/provider/pages.ts). */
export const oidc = {
  'oidc.error.title': {
    da: 'Login kunne ikke gennemføres',
    en: 'The login could not be completed',
  },
  'oidc.error.body': {
    da: 'Tjenesten, du kom fra, sendte en forespørgsel, som MitID ikke kan bruge. Gå tilbage til tjenesten, og prøv igen. Sker det igen, så kontakt tjenesten.',
    en: 'The service you came from sent a request that MitID cannot use. Go back to the service and try again. If it happens again, contact the service.',
  },
  'oidc.error.code': {
    da: 'Fejlkode til tjenesten: {code}',
    en: 'Error code for the service: {code}',
  },
  'oidc.unavailable.title': {
    da: 'Login er ikke tilgængeligt',
    en: 'Login is not available',
  },
  'oidc.unavailable.body': {
    da: 'Login med MitID er ikke tilgængeligt her endnu. Gå tilbage til tjenesten.',
    en: 'Logging in with MitID is not available here yet. Go back to the service.',
  },
  'oidc.logout.title': {
    da: 'Log ud',
    en: 'Log out',
  },
  'oidc.logout.question': {
    da: 'Vil du logge ud af MitID hos {service}?',
    en: 'Do you want to log out of MitID at {service}?',
  },
  'oidc.logout.yes': { da: 'Log ud', en: 'Log out' },
  'oidc.logout.no': { da: 'Bliv logget ind', en: 'Stay logged in' },
  'oidc.logout.done': {
    da: 'Du er logget ud af MitID hos tjenesten.',
    en: 'You are logged out of MitID at the service.',
  },
} satisfies Record<string, Text>;
