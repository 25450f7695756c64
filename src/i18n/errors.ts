import type { Text } from './types.ts';

/**
 * Texts of the error pages and JSON errors: the generic codes of src/platform/http/errors.ts and
 * the MitID catalogue's own (src/core/errors/catalogue.ts; the app protocol's are app.error.* in
 * app.ts). catalogue.test.ts there fails when an entry's text is missing in either language.
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
  'error.ERR_INVALID_CLIENT': {
    da: 'Tjenesten kunne ikke godkendes.',
    en: 'The service could not be authenticated.',
  },
  'error.ERR_UNKNOWN_PERSON': {
    da: 'Der findes ingen person med dette CPR-nummer og navn.',
    en: 'There is no person with this CPR number and name.',
  },
  'error.ERR_IDENTIFICATION_TOO_OLD': {
    da: 'Kunden skal være identificeret inden for de seneste 15 minutter.',
    en: 'The customer must have been identified within the last 15 minutes.',
  },
  'error.ERR_ALREADY_HAS_MITID': { da: 'Personen har allerede MitID.', en: 'The person already has MitID.' },
  'error.ERR_GRANT_INVALID': {
    da: 'Koden er ugyldig, udløbet eller allerede brugt.',
    en: 'The code is invalid, expired or already used.',
  },
  'error.ERR_GRANT_TYPE_UNSUPPORTED': {
    da: 'Denne grant_type understøttes ikke.',
    en: 'This grant_type is not supported.',
  },
  'error.ERR_USER_ID_INVALID': {
    da: 'Bruger-ID’et opfylder ikke reglerne.',
    en: 'The user-ID does not meet the rules.',
  },
  'error.ERR_USER_ID_TAKEN': { da: 'Bruger-ID’et er optaget.', en: 'The user-ID is taken.' },
  'error.ERR_USER_ID_RESERVED': {
    da: 'Bruger-ID’et er reserveret til en anden persons NemID.',
    en: 'The user-ID is reserved for another person’s NemID.',
  },
  'error.ERR_IDENTITY_NOT_FOUND': { da: 'MitID findes ikke.', en: 'The MitID does not exist.' },
  'error.ERR_STATUS_CHANGE_NOT_ALLOWED': {
    da: 'MitID kan ikke skifte til denne status.',
    en: 'The MitID cannot change to this status.',
  },
  'error.ERR_IDENTITY_REVOKED': {
    da: 'MitID er spærret for altid og kan ikke ændres.',
    en: 'The MitID is revoked for good and cannot be changed.',
  },
  'error.ERR_FLOW_FINISHED': {
    da: 'Forløbet er allerede afsluttet.',
    en: 'The process has already been completed.',
  },
  'error.ERR_FLOW_CHANGED': {
    da: 'Forløbet er ændret i et andet vindue. Genindlæs siden.',
    en: 'The process was changed in another window. Reload the page.',
  },
  'error.ERR_STEP_INCOMPLETE': {
    da: 'Et tidligere trin mangler. Gå tilbage og gør det færdigt.',
    en: 'An earlier step is missing. Go back and complete it.',
  },
  'error.ERR_ORDER_NOT_FOUND': { da: 'Bestillingen findes ikke.', en: 'The order does not exist.' },
  'error.ERR_ORDER_STEP_NOT_ALLOWED': {
    da: 'Bestillingen kan ikke gå til dette trin.',
    en: 'The order cannot move to this step.',
  },
  'error.ERR_ALREADY_ORDERED': {
    da: 'Der er allerede bestilt en enhed.',
    en: 'A device has already been ordered.',
  },
  'error.ERR_SLOT_REQUIRED': { da: 'Vælg en tid til afhentning.', en: 'Choose a time for pick-up.' },
  'error.ERR_SLOT_NOT_FOUND': { da: 'Tiden findes ikke.', en: 'The time does not exist.' },
  'error.ERR_SLOT_PAST': {
    da: 'Tiden er overskredet. Vælg en anden.',
    en: 'The time has passed. Choose another.',
  },
  'error.ERR_SLOT_FULL': { da: 'Tiden er optaget. Vælg en anden.', en: 'The time is taken. Choose another.' },
  'error.ERR_CHIP_BY_POST_ONLY': {
    da: 'En MitID chip kan kun sendes med posten.',
    en: 'A MitID chip can only be sent by post.',
  },
  'error.ERR_OUT_OF_STOCK': {
    da: 'Der er ingen enhed på lager. Ordren er ikke ændret.',
    en: 'No device in stock. The order is unchanged.',
  },
  'error.ERR_ORDER_NOT_READY': {
    da: 'Ordren er ikke klar til afhentning endnu.',
    en: 'The order is not ready for collection yet.',
  },
  'error.ERR_SERIAL_MISMATCH': {
    da: 'Serienummeret passer ikke til ordren.',
    en: 'The serial number does not match the order.',
  },
  'error.ERR_ALREADY_COLLECTED': {
    da: 'Ordren er allerede afhentet.',
    en: 'The order has already been collected.',
  },
  'error.ERR_PHOTO_ID_INVALID': {
    da: 'Vælg legitimationens type, og skriv de sidste 4 tegn af dens nummer.',
    en: 'Choose the type of ID and type the last 4 characters of its number.',
  },
  'error.ERR_INTERNAL': {
    da: 'Der opstod en uventet fejl. Prøv igen senere.',
    en: 'An unexpected error occurred. Please try again later.',
  },
} satisfies Record<string, Text>;
