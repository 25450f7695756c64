import type { Text } from './types.ts';

/**
 * Texts of the error pages. Every error code in src/platform/http/errors.ts has a text here;
 * a test fails when one is missing.
 */
export const errors = {
  'error.title': { da: 'Der skete en fejl', en: 'Something went wrong' },
  'error.code': { da: 'Fejlkode: {code}', en: 'Error code: {code}' },
  'error.reference': {
    da: 'Oplys referencen {ref}, hvis du kontakter support.',
    en: 'Quote the reference {ref} if you contact support.',
  },
  'error.goHome': { da: 'Gå til forsiden', en: 'Go to the front page' },
  'error.ERR_NOT_FOUND': { da: 'Siden findes ikke.', en: 'The page does not exist.' },
  'error.ERR_BAD_REQUEST': {
    da: 'Forespørgslen kunne ikke forstås.',
    en: 'The request could not be understood.',
  },
  'error.ERR_CSRF': {
    da: 'Siden er udløbet eller blev sendt fra et andet sted. Gå tilbage, genindlæs siden og prøv igen.',
    en: 'The page has expired or was sent from somewhere else. Go back, reload the page and try again.',
  },
  'error.ERR_RATE_LIMITED': {
    da: 'Du har prøvet for mange gange. Vent lidt, og prøv igen.',
    en: 'Too many attempts. Wait a little and try again.',
  },
  'error.ERR_PAYLOAD_TOO_LARGE': { da: 'Det indsendte er for stort.', en: 'What was sent is too large.' },
  'error.ERR_UNAUTHORIZED': { da: 'Du skal logge på først.', en: 'You need to log in first.' },
  'error.ERR_FORBIDDEN': {
    da: 'Du har ikke adgang til denne side.',
    en: 'You do not have access to this page.',
  },
  'error.ERR_FLOW_EXPIRED': {
    da: 'Forløbet er udløbet. Start forfra.',
    en: 'The process has expired. Please start again.',
  },
  'error.ERR_FLOW_NOT_FOUND': {
    da: 'Forløbet findes ikke eller hører til en anden browser. Start forfra.',
    en: 'The process does not exist or belongs to another browser. Please start again.',
  },
  'error.ERR_METHOD_NOT_ALLOWED': {
    da: 'Handlingen er ikke tilladt her.',
    en: 'This action is not allowed here.',
  },
  'error.ERR_UNAVAILABLE': {
    da: 'Tjenesten er midlertidigt utilgængelig. Prøv igen om lidt.',
    en: 'The service is temporarily unavailable. Please try again shortly.',
  },
  'error.ERR_INTERNAL': {
    da: 'Der opstod en uventet fejl. Prøv igen senere.',
    en: 'An unexpected error occurred. Please try again later.',
  },
} satisfies Record<string, Text>;
