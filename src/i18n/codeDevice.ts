import type { Text } from './types.ts';

/**
 * Texts of the code devices (src/kinds/code-device, decision 0014 §3): the refusals of a code in
 * the login box (code_format, code_wrong, code_slowed) and of the activation step
 * (verifyForActivation's codes), for the box and the wizard to show. `{time}` is a clock time
 * (HH:MM), `{left}` a number of tries.
 */
export const codeDevice = {
  'codeDevice.name.codeDisplay': { da: 'MitID kodeviser', en: 'MitID code display' },
  'codeDevice.name.codeReader': { da: 'MitID kodeoplæser', en: 'MitID code reader' },
  'codeDevice.code.format': {
    da: 'Koden er 6 cifre. Tryk på knappen på din MitID kodeviser eller kodeoplæser, og indtast koden.',
    en: 'The code is 6 digits. Press the button on your MitID code display or code reader and enter the code.',
  },
  'codeDevice.code.wrong.one': {
    da: 'Koden er forkert. Du har {left} forsøg tilbage, før du skal vente.',
    en: 'The code is wrong. You have {left} try left before you have to wait.',
  },
  'codeDevice.code.wrong.many': {
    da: 'Koden er forkert. Du har {left} forsøg tilbage, før du skal vente.',
    en: 'The code is wrong. You have {left} tries left before you have to wait.',
  },
  'codeDevice.code.slowed': {
    da: 'Du har indtastet en forkert kode for mange gange. Du kan prøve igen kl. {time}.',
    en: 'You have entered a wrong code too many times. You can try again at {time}.',
  },
  'codeDevice.activation.serialFormat': {
    da: 'Serienummeret står på bagsiden af enheden: KV- eller KO- og 9 cifre, fx KV-123456789.',
    en: 'The serial number is on the back of the device: KV- or KO- and 9 digits, for example KV-123456789.',
  },
  'codeDevice.activation.serialNotYours': {
    da: 'Serienummeret passer ikke til den enhed, du har bestilt. Tjek nummeret på bagsiden af enheden.',
    en: 'The serial number does not match the device you ordered. Check the number on the back of the device.',
  },
  'codeDevice.activation.codeFormat': {
    da: 'Koden er 6 cifre. Tryk på knappen på enheden, og indtast koden.',
    en: 'The code is 6 digits. Press the button on the device and enter the code.',
  },
  'codeDevice.activation.codeWrong': {
    da: 'Koden er forkert. Tryk på knappen igen, og indtast den nye kode. Forsøg tilbage: {left}.',
    en: 'The code is wrong. Press the button again and enter the new code. Tries left: {left}.',
  },
  'codeDevice.activation.slowed': {
    da: 'Du har indtastet en forkert kode for mange gange. Du kan prøve igen kl. {time}.',
    en: 'You have entered a wrong code too many times. You can try again at {time}.',
  },
  'codeDevice.activation.alreadyActivated': {
    da: 'Enheden er allerede aktiveret.',
    en: 'The device has already been activated.',
  },
} satisfies Record<string, Text>;
