import type { Text } from './types.ts';

/**
 * Texts of the MitID app protocol's server side (src/kinds/app/server): the error messages of
 * /api/app/v1 (one per code in appErrors.ts) and the SMS and e-mails it sends.
 */
export const app = {
  'app.error.invalid_request': {
    da: 'Forespørgslen mangler noget, eller noget i den er forkert.',
    en: 'Something in the request is missing or wrong.',
  },
  'app.error.invalid_client': {
    da: 'Tjenesten kunne ikke godkendes.',
    en: 'The service could not be authenticated.',
  },
  'app.error.not_found': { da: 'Det findes ikke.', en: 'It does not exist.' },
  'app.error.activation_expired': {
    da: 'Aktiveringen er udløbet. Start forfra.',
    en: 'The activation has expired. Start again.',
  },
  'app.error.wrong_code': {
    da: 'Koden er forkert, eller den kan ikke længere bruges. Prøv igen.',
    en: 'The code is wrong, or it can no longer be used. Try again.',
  },
  'app.error.wrong_temporary_pin': {
    da: 'Den midlertidige PIN-kode er forkert. Prøv igen.',
    en: 'The temporary PIN is wrong. Try again.',
  },
  'app.error.code_blocked': {
    da: 'For mange forkerte forsøg. Start forfra; er koden brugt eller spærret, så bestil en ny.',
    en: 'Too many wrong tries. Start again; if the code is used or blocked, order a new one.',
  },
  'app.error.code_expired': {
    da: 'Koden er forkert, eller den kan ikke længere bruges. Bestil en ny kode.',
    en: 'The code is wrong, or it can no longer be used. Order a new code.',
  },
  'app.error.wrong_step': {
    da: 'Dette trin er allerede gennemført, eller det er ikke tid til det endnu.',
    en: 'This step has been done already, or it is not its turn yet.',
  },
  'app.error.too_many_devices': {
    da: 'MitID app er allerede aktiveret på 3 enheder. Fjern en af dem først.',
    en: 'The MitID app is already activated on 3 devices. Remove one of them first.',
  },
  'app.error.invalid_device_signature': {
    da: 'Enheden kunne ikke genkendes. Aktivér MitID app igen.',
    en: 'The device could not be recognised. Activate the MitID app again.',
  },
  'app.error.pin_blocked': {
    da: 'Din PIN-kode er spærret efter for mange forkerte forsøg.',
    en: 'Your PIN is blocked after too many wrong tries.',
  },
  'app.error.wrong_pin': {
    da: 'PIN-koden er forkert.',
    en: 'The PIN is wrong.',
  },
  'app.error.wrong_channel_proof': {
    da: 'Koden passer ikke til et login, der venter på dig. Tjek koden i browseren, og prøv igen.',
    en: 'The code does not match a login waiting for you. Check the code in the browser and try again.',
  },
  'app.error.transaction_not_pending': {
    da: 'Anmodningen er allerede besvaret, eller den er udløbet.',
    en: 'The request has already been answered, or it has expired.',
  },
  'app.error.invalid_approval': {
    da: 'Godkendelsen kunne ikke bekræftes.',
    en: 'The approval could not be verified.',
  },
  'app.error.biometrics_not_allowed': {
    da: 'Biometri er slået fra for denne enhed.',
    en: 'Biometrics are turned off for this device.',
  },
  'app.error.request_too_large': {
    da: 'Forespørgslen er for stor.',
    en: 'The request is too large.',
  },
  'app.error.rate_limited': {
    da: 'Du har prøvet for mange gange. Vent lidt, og prøv igen.',
    en: 'Too many attempts. Wait a little and try again.',
  },
  'app.error.server_error': {
    da: 'Der skete en fejl hos MitID. Prøv igen senere.',
    en: 'Something went wrong at MitID. Try again later.',
  },

  'app.temporaryPin.sms': {
    da: 'Din midlertidige PIN-kode til MitID app er {pin}. Den gælder i 15 minutter. Giv den aldrig til andre.',
    en: 'Your temporary PIN for the MitID app is {pin}. It is valid for 15 minutes. Never give it to anyone.',
  },
  'app.newDevice.subject': {
    da: 'MitID app er aktiveret på en ny enhed',
    en: 'The MitID app has been activated on a new device',
  },
  'app.newDevice.sms': {
    da: 'MitID app er aktiveret på en ny enhed ({device}) {date} kl. {time}. Var det ikke dig, så ring til MitID Support på 33 98 00 10.',
    en: 'The MitID app was activated on a new device ({device}) on {date} at {time}. If it was not you, call MitID Support on +45 33 98 00 10.',
  },
  'app.newDevice.email': {
    da: 'Hej\n\nMitID app er aktiveret på en ny enhed: {device}, {date} kl. {time}.\n\nVar det dig, skal du ikke gøre noget.\n\nVar det ikke dig, så ring straks til MitID Support på 33 98 00 10 (mandag-fredag 8-20, weekend og helligdage 10-16).\n\nVenlig hilsen\nMitID',
    en: 'Hello\n\nThe MitID app was activated on a new device: {device}, on {date} at {time}.\n\nIf it was you, there is nothing to do.\n\nIf it was not you, call MitID Support at once on +45 33 98 00 10 (Monday-Friday 8-20, weekends and holidays 10-16).\n\nKind regards\nMitID',
  },
  'app.use.subject': { da: 'Dit MitID er brugt', en: 'Your MitID has been used' },
  'app.use.body': {
    da: 'Dit MitID blev brugt til at godkende hos {service} {date} kl. {time}. Var det ikke dig, så spær dit MitID og ring til MitID Support på 33 98 00 10.',
    en: 'Your MitID was used to approve at {service} on {date} at {time}. If it was not you, block your MitID and call MitID Support on +45 33 98 00 10.',
  },
  'app.codeGuessing.warning.subject': {
    da: 'Forkerte aktiveringskoder til dit MitID',
    en: 'Wrong activation codes for your MitID',
  },
  'app.codeGuessing.warning.sms': {
    da: 'MitID: Der er tastet flere forkerte aktiveringskoder til MitID app for dit bruger-ID ({date} kl. {time}). Din kode virker stadig. Var det ikke dig, så del aldrig din aktiveringskode med andre.',
    en: 'MitID: Several wrong activation codes for the MitID app were typed for your user-ID ({date} at {time}). Your code still works. If it was not you, never share your activation code with anyone.',
  },
  'app.codeGuessing.warning.email': {
    da: 'Hej\n\nDer er tastet flere forkerte aktiveringskoder til MitID app for dit bruger-ID, senest {date} kl. {time}.\n\nVar det dig, skal du ikke gøre noget: din kode virker stadig.\n\nVar det ikke dig, har nogen prøvet at gætte din kode. Del aldrig din aktiveringskode med andre. Ring til MitID Support på 33 98 00 10, hvis du er i tvivl.\n\nVenlig hilsen\nMitID',
    en: 'Hello\n\nSeveral wrong activation codes for the MitID app were typed for your user-ID, most recently on {date} at {time}.\n\nIf it was you, there is nothing to do: your code still works.\n\nIf it was not you, someone has tried to guess your code. Never share your activation code with anyone. Call MitID Support on +45 33 98 00 10 if in doubt.\n\nKind regards\nMitID',
  },
  'app.codeGuessing.blocked.subject': {
    da: 'Din aktiveringskode til MitID er spærret',
    en: 'Your MitID activation code is blocked',
  },
  'app.codeGuessing.blocked.sms': {
    da: 'MitID: Din aktiveringskode til MitID app er spærret, fordi der er tastet for mange forkerte koder for dit bruger-ID ({date} kl. {time}). Lav en ny kode i din netbank eller på MitID.dk.',
    en: 'MitID: Your activation code for the MitID app is blocked because too many wrong codes were typed for your user-ID ({date} at {time}). Make a new code in your net bank or on MitID.dk.',
  },
  'app.codeGuessing.blocked.email': {
    da: 'Hej\n\nDin aktiveringskode til MitID app er spærret, fordi der er tastet for mange forkerte koder for dit bruger-ID, senest {date} kl. {time}.\n\nDu kan lave en ny kode med det samme i din netbank eller på MitID.dk.\n\nVar det ikke dig, har nogen prøvet at gætte din kode. Del aldrig din aktiveringskode med andre. Ring til MitID Support på 33 98 00 10, hvis du er i tvivl.\n\nVenlig hilsen\nMitID',
    en: 'Hello\n\nYour activation code for the MitID app is blocked because too many wrong codes were typed for your user-ID, most recently on {date} at {time}.\n\nYou can make a new code at once in your net bank or on MitID.dk.\n\nIf it was not you, someone has tried to guess your code. Never share your activation code with anyone. Call MitID Support on +45 33 98 00 10 if in doubt.\n\nKind regards\nMitID',
  },
} satisfies Record<string, Text>;
