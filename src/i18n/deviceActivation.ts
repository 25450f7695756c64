import type { Text } from './types.ts';

/**
 * Texts of the enrollment's device activation step (src/flows/enrollment/routes/
 * deviceActivationPage.ts): the guide's "Sådan aktiverer du MitID kodeviser/kodeoplæser" steps
 * 2–4 on one page, each field's refusal, and the page after it ("Din MitID er klar").
 */
export const deviceActivation = {
  'deviceActivation.intro': {
    da: 'Din {device} er modtaget. Opret din MitID adgangskode, og tilknyt {device} til dig. Adgangskoden skal du bruge sammen med din {device}, hver gang du logger ind.',
    en: 'Your {device} has arrived. Create your MitID password and link the {device} to you. You use the password together with your {device} every time you log in.',
  },
  'deviceActivation.passwordTitle': { da: 'Opret din MitID adgangskode', en: 'Create your MitID password' },
  'deviceActivation.password': { da: 'Adgangskode', en: 'Password' },
  'deviceActivation.passwordAgain': { da: 'Gentag adgangskode', en: 'Repeat the password' },
  'deviceActivation.serialTitle': {
    da: 'Indtast serienummeret fra bagsiden af din {device}',
    en: 'Enter the serial number from the back of your {device}',
  },
  'deviceActivation.serial': { da: 'Serienummer', en: 'Serial number' },
  'deviceActivation.serialHint': {
    da: 'Fx {example}. Serienummeret på din {device} slutter med {last4}.',
    en: 'For example {example}. The serial number of your {device} ends in {last4}.',
  },
  'deviceActivation.serialHintNoOrder': { da: 'Fx {example}.', en: 'For example {example}.' },
  'deviceActivation.codeTitleDisplay': {
    da: 'Tryk på knappen ved siden af displayet på din MitID kodeviser, og indtast koden',
    en: 'Press the button beside the display of your MitID code display and enter the code',
  },
  'deviceActivation.codeTitleReader': {
    da: 'Tryk på knappen på din MitID kodeoplæser, og indtast koden, den læser op',
    en: 'Press the button on your MitID code reader and enter the code it reads aloud',
  },
  'deviceActivation.code': { da: 'Kode', en: 'Code' },
  'deviceActivation.codeHint': { da: '6 cifre', en: '6 digits' },
  'deviceActivation.submit': { da: 'Aktivér MitID', en: 'Activate MitID' },
  'deviceActivation.error.passwordAgainMissing': {
    da: 'Gentag adgangskoden.',
    en: 'Repeat the password.',
  },
  'deviceActivation.error.passwordMismatch': {
    da: 'De to adgangskoder er ikke ens.',
    en: 'The two passwords are not the same.',
  },
  'deviceActivation.error.serialMissing': {
    da: 'Indtast serienummeret fra bagsiden af din {device}.',
    en: 'Enter the serial number from the back of your {device}.',
  },
  'deviceActivation.error.serialFormat': {
    da: 'Serienummeret består af {prefix} og 9 cifre, fx {example}.',
    en: 'The serial number is {prefix} and 9 digits, for example {example}.',
  },
  'deviceActivation.error.serialWrong': {
    da: 'Serienummeret passer ikke til den {device}, du har bestilt. Tjek nummeret på bagsiden.',
    en: 'The serial number does not match the {device} you ordered. Check the number on the back.',
  },
  'deviceActivation.error.serialLimit': {
    da: 'Du har indtastet et forkert serienummer for mange gange. Prøv igen kl. {time}.',
    en: 'You have entered a wrong serial number too many times. Try again at {time}.',
  },
  'deviceActivation.error.codeMissing': { da: 'Indtast koden.', en: 'Enter the code.' },
  'deviceActivation.error.codeFormat': {
    da: 'Koden består af 6 cifre.',
    en: 'The code is 6 digits.',
  },
  'deviceActivation.error.codeWrong': {
    da: 'Koden er forkert. Tryk på knappen igen, og indtast den nye kode.',
    en: 'The code is wrong. Press the button again and enter the new code.',
  },
  'deviceActivation.error.codeSlowed': {
    da: 'Koden er forkert for mange gange. Vent til kl. {time}, tryk på knappen, og indtast den nye kode.',
    en: 'The code was wrong too many times. Wait until {time}, press the button and enter the new code.',
  },
  'deviceActivation.error.notActivatable': {
    da: 'Din MitID kan ikke aktiveres med denne enhed. Kontakt MitID support.',
    en: 'Your MitID cannot be activated with this device. Contact MitID support.',
  },
  'deviceActivation.doneTitle': { da: 'Din MitID er klar', en: 'Your MitID is ready' },
  'deviceActivation.done': {
    da: 'Din {device} og din adgangskode er aktiveret. Du kan nu bruge MitID.',
    en: 'Your {device} and your password are activated. You can now use MitID.',
  },
  'deviceActivation.howToLogIn': {
    da: 'Sådan logger du ind: indtast dit bruger-ID {userId}, tryk på knappen på din {device}, indtast koden, og indtast din adgangskode.',
    en: 'How to log in: enter your user ID {userId}, press the button on your {device}, enter the code, and enter your password.',
  },
} satisfies Record<string, Text>;
