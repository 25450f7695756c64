import type { Text } from './types.ts';

/**
 * Texts of the staff registry (src/core/staff, `npm run staff`) and of the Borgerservice clerk
 * page (src/flows/borgerservice): staff only.
 */
export const borgerservice = {
  'staff.refusal.nameInvalid': {
    da: 'Navnet skal være 1–100 tegn uden kontroltegn.',
    en: 'The name must be 1–100 characters without control characters.',
  },
  'staff.refusal.roleInvalid': {
    da: 'Rollen skal være clerk (Borgerservice) eller supporter (MitID support).',
    en: 'The role must be clerk (Borgerservice) or supporter (MitID support).',
  },
  'staff.refusal.officeRequired': {
    da: 'En medarbejder i Borgerservice skal have et kontor, fx --office bs-101.',
    en: 'A Borgerservice clerk needs an office, e.g. --office bs-101.',
  },
  'staff.refusal.officeNotForSupporter': {
    da: 'MitID support hører ikke til et Borgerservice-kontor: udelad --office.',
    en: 'MitID support belongs to no Borgerservice office: leave out --office.',
  },
  'staff.refusal.officeUnknown': {
    da: 'Der er intet Borgerservice-kontor med det id (fx bs-101).',
    en: 'There is no Borgerservice office with that id (e.g. bs-101).',
  },
  'staff.refusal.loginInvalid': {
    da: 'Login skal være 3–40 tegn: små bogstaver, cifre, punktum, bindestreg eller understregning.',
    en: 'A login must be 3–40 characters: lower-case letters, digits, dot, hyphen or underscore.',
  },
  'staff.refusal.loginTaken': {
    da: 'Det login er allerede i brug.',
    en: 'That login is already in use.',
  },
  'staff.refusal.passwordTooShort': {
    da: 'Adgangskoden skal være mindst 12 tegn.',
    en: 'The password must be at least 12 characters.',
  },
  'staff.refusal.passwordTooLong': {
    da: 'Adgangskoden må højst være 128 tegn.',
    en: 'The password must be at most 128 characters.',
  },
  'borgerservice.title': { da: 'Borgerservice: udlevering af MitID', en: 'Borgerservice: MitID handover' },
  'borgerservice.login.intro': {
    da: 'Kun for medarbejdere i Borgerservice. Log på med dit login og din adgangskode.',
    en: 'For Borgerservice staff only. Log in with your login and password.',
  },
  'borgerservice.login.login': { da: 'Login', en: 'Login' },
  'borgerservice.login.password': { da: 'Adgangskode', en: 'Password' },
  'borgerservice.login.submit': { da: 'Log på', en: 'Log in' },
  'borgerservice.login.wrong': {
    da: 'Login eller adgangskode er forkert.',
    en: 'The login or the password is wrong.',
  },
  'borgerservice.login.locked': {
    da: 'For mange forkerte forsøg. Prøv igen efter kl. {time}.',
    en: 'Too many wrong attempts. Try again after {time}.',
  },
  'borgerservice.login.notClerk': {
    da: 'Dit login hører ikke til et Borgerservice-kontor.',
    en: 'Your login belongs to no Borgerservice office.',
  },
  'borgerservice.logout': { da: 'Log af', en: 'Log out' },
  'borgerservice.who': { da: '{name}, {office}', en: '{name}, {office}' },
  'borgerservice.today.title': { da: 'Dagens afhentninger', en: "Today's pickups" },
  'borgerservice.today.date': { da: '{office}, {date}', en: '{office}, {date}' },
  'borgerservice.today.none': {
    da: 'Der er ingen afhentninger i dag.',
    en: 'There are no pickups today.',
  },
  'borgerservice.today.time': { da: 'Tid', en: 'Time' },
  'borgerservice.today.name': { da: 'Navn', en: 'Name' },
  'borgerservice.today.kind': { da: 'Enhed', en: 'Device' },
  'borgerservice.today.status': { da: 'Status', en: 'Status' },
  'borgerservice.today.choose': { da: 'Udlevér til {name}', en: 'Hand over to {name}' },
  'borgerservice.status.ready': { da: 'Klar til afhentning', en: 'Ready for pickup' },
  'borgerservice.status.waiting': { da: 'Ikke modtaget på kontoret endnu', en: 'Not at the office yet' },
  'borgerservice.status.collected': { da: 'Udleveret kl. {time}', en: 'Handed over at {time}' },
  'borgerservice.kind.codeDisplay': { da: 'MitID kodeviser', en: 'MitID code display' },
  'borgerservice.kind.codeReader': { da: 'MitID kodeoplæser', en: 'MitID code reader' },
  'borgerservice.kind.chip': { da: 'MitID chip', en: 'MitID chip' },
  'borgerservice.order.title': { da: 'Udlevering til {name}', en: 'Handover to {name}' },
  'borgerservice.order.details': {
    da: '{kind}, afhentning kl. {time}. Født {birthDate}.',
    en: '{kind}, pickup at {time}. Born {birthDate}.',
  },
  'borgerservice.id.title': { da: 'Kontrollér legitimation', en: 'Check the ID' },
  'borgerservice.id.intro': {
    da: 'Kontrollér, at billedet og navnet på legitimationen passer på personen. Kun dokumenttypen og de sidste 4 tegn af nummeret gemmes.',
    en: 'Check that the photo and the name on the ID match the person. Only the document type and the last 4 characters of its number are kept.',
  },
  'borgerservice.id.type': { da: 'Type af legitimation', en: 'Type of ID' },
  'borgerservice.id.passport': { da: 'Pas', en: 'Passport' },
  'borgerservice.id.drivingLicence': { da: 'Kørekort', en: 'Driving licence' },
  'borgerservice.id.residenceCard': {
    da: 'Andet billed-ID (fx opholdskort)',
    en: 'Other photo ID (e.g. residence card)',
  },
  'borgerservice.id.number': { da: 'Dokumentnummer', en: 'Document number' },
  'borgerservice.id.numberHint': {
    da: 'Som det står på legitimationen. Kun de sidste 4 tegn gemmes.',
    en: 'As it is on the ID. Only the last 4 characters are kept.',
  },
  'borgerservice.id.submit': { da: 'Legitimation er kontrolleret', en: 'The ID is checked' },
  'borgerservice.id.typeMissing': { da: 'Vælg typen af legitimation.', en: 'Choose the type of ID.' },
  'borgerservice.id.numberInvalid': {
    da: 'Indtast dokumentnummeret: 5–20 bogstaver og cifre.',
    en: 'Enter the document number: 5–20 letters and digits.',
  },
  'borgerservice.id.recorded': {
    da: 'Legitimation: {type}, nummer der slutter på {last4}.',
    en: 'ID: {type}, number ending in {last4}.',
  },
  'borgerservice.serial.title': {
    da: 'Scan eller indtast serienummeret',
    en: 'Scan or enter the serial number',
  },
  'borgerservice.serial.label': { da: 'Serienummer', en: 'Serial number' },
  'borgerservice.serial.hint': {
    da: 'Står på bagsiden af enheden, fx KV-123456789.',
    en: 'It is on the back of the device, e.g. KV-123456789.',
  },
  'borgerservice.serial.submit': { da: 'Udlevér', en: 'Hand over' },
  'borgerservice.serial.mismatch': {
    da: 'Serienummeret passer ikke til bestillingen. Kontrollér, at det er den rigtige enhed, og scan eller indtast nummeret igen.',
    en: 'The serial number does not match the order. Check that it is the right device, and scan or enter the number again.',
  },
  'borgerservice.serial.missing': {
    da: 'Scan eller indtast serienummeret.',
    en: 'Scan or enter the serial number.',
  },
  'borgerservice.done.title': { da: 'Enheden er udleveret', en: 'The device is handed over' },
  'borgerservice.done.body': {
    da: '{name} har fået sin {kind} ({serial}). Personen aktiverer den selv via netbanken eller MitID.dk.',
    en: '{name} has their {kind} ({serial}). They activate it themselves through their net bank or MitID.dk.',
  },
  'borgerservice.refusal.alreadyCollected': {
    da: 'Enheden er allerede udleveret.',
    en: 'The device has already been handed over.',
  },
  'borgerservice.refusal.notReady': {
    da: 'Enheden er ikke modtaget på kontoret endnu, så den kan ikke udleveres.',
    en: 'The device has not reached the office yet, so it cannot be handed over.',
  },
  'borgerservice.refusal.orderNotFound': {
    da: 'Afhentningen findes ikke blandt dagens afhentninger på dit kontor.',
    en: "The pickup is not among today's pickups at your office.",
  },
  'borgerservice.refusal.idInvalid': {
    da: 'Legitimationen skal kontrolleres igen.',
    en: 'The ID must be checked again.',
  },
  'borgerservice.back': { da: 'Tilbage til dagens afhentninger', en: "Back to today's pickups" },
} satisfies Record<string, Text>;
