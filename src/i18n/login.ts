import type { Text } from './types.ts';

/**
 * Texts of the login box (src/flows/login/box): the action on top, the user-ID step, the waiting
 * step (QR code, typed code, "Åbn MitID app"), the method choice and the code device's, the
 * password's and the chip's steps with each refusal (decision 0014 §4), the clear pages for a
 * rejected, cancelled or expired login, Afbryd and Hjælp (the support number and hours from the guide).
 */
export const login = {
  // The action on top of the box, and the app's text when the service sent no reference text.
  'login.action.login': { da: 'Log på hos {service}', en: 'Log on to {service}' },
  'login.action.approve': { da: 'Godkend hos {service}', en: 'Approve at {service}' },
  'login.action.confirm': { da: 'Bekræft hos {service}', en: 'Confirm at {service}' },
  'login.action.accept': { da: 'Acceptér hos {service}', en: 'Accept at {service}' },
  'login.action.sign': { da: 'Underskriv hos {service}', en: 'Sign at {service}' },

  'login.wordmark': { da: 'MitID', en: 'MitID' },
  'login.userId.label': { da: 'Bruger-ID', en: 'User ID' },
  'login.userId.missing': { da: 'Indtast dit bruger-ID.', en: 'Enter your user ID.' },
  'login.userId.tooLong': {
    da: 'Et bruger-ID har højst {max} tegn.',
    en: 'A user ID has at most {max} characters.',
  },
  'login.userId.invalid': {
    da: 'Bruger-ID’et indeholder tegn, som et bruger-ID ikke kan have: {characters}.',
    en: 'The user ID contains characters that a user ID cannot have: {characters}.',
  },
  'login.continue': { da: 'FORTSÆT', en: 'CONTINUE' },
  'login.cancel': { da: 'Afbryd', en: 'Cancel' },
  'login.help': { da: 'Hjælp', en: 'Help' },
  'login.help.body': {
    da: 'Har du brug for hjælp til MitID, kan du ringe til MitID support på 33 98 00 10.',
    en: 'If you need help with MitID, call MitID support on +45 33 98 00 10.',
  },
  'login.help.hours': {
    da: 'Mandag – fredag: 08:00-20:00, Weekend/helligdage: 10:00-16:00',
    en: 'Monday – Friday: 08:00-20:00, Weekends/public holidays: 10:00-16:00',
  },

  'login.kind.offered': { da: 'Du bruger {kind}.', en: 'You use {kind}.' },
  'login.kind.switch': { da: 'Skift login-metode', en: 'Change login method' },
  'login.kind.current': { da: 'Valgt', en: 'Selected' },
  'login.kind.unavailable': { da: 'Ikke tilgængelig endnu', en: 'Not available yet' },
  'login.kind.tooLow': {
    da: 'Kan ikke bruges her: {service} kræver et højere sikringsniveau.',
    en: 'Cannot be used here: {service} requires a higher level of assurance.',
  },
  'login.method.app': { da: 'MitID app', en: 'MitID app' },
  'login.method.codeDevice': {
    da: 'MitID kodeviser eller kodeoplæser',
    en: 'MitID code display or code reader',
  },
  'login.method.chip': { da: 'MitID chip', en: 'MitID chip' },

  // The code device's steps (decision 0014 §4): the code, then the password.
  'login.code.title': {
    da: 'Indtast koden fra din MitID kodeviser eller kodeoplæser',
    en: 'Enter the code from your MitID code display or code reader',
  },
  'login.code.intro': {
    da: 'Tryk på knappen på din kodeviser eller kodeoplæser, og indtast de 6 cifre.',
    en: 'Press the button on your code display or code reader and enter the 6 digits.',
  },
  'login.code.label': { da: 'Kode', en: 'Code' },
  'login.code.hint': { da: '6 cifre', en: '6 digits' },
  'login.code.missing': { da: 'Indtast koden.', en: 'Enter the code.' },
  'login.code.format': {
    da: 'Koden er 6 cifre. Tast kun tal.',
    en: 'The code is 6 digits. Type digits only.',
  },
  'login.code.wrong': { da: 'Koden er forkert. Prøv igen.', en: 'The code is wrong. Try again.' },
  'login.code.wrong.one': {
    da: 'Koden er forkert. Prøv igen. Du har 1 forsøg tilbage.',
    en: 'The code is wrong. Try again. You have 1 try left.',
  },
  'login.code.wrong.many': {
    da: 'Koden er forkert. Prøv igen. Du har {tries} forsøg tilbage.',
    en: 'The code is wrong. Try again. You have {tries} tries left.',
  },
  'login.code.slowed': {
    da: 'Du har tastet forkert kode for mange gange. Vent til kl. {time}, og prøv igen.',
    en: 'You have entered a wrong code too many times. Wait until {time} and try again.',
  },
  'login.password.title': { da: 'Indtast din MitID adgangskode', en: 'Enter your MitID password' },
  'login.password.label': { da: 'Adgangskode', en: 'Password' },
  'login.password.missing': { da: 'Indtast din adgangskode.', en: 'Enter your password.' },
  'login.password.tooLong': {
    da: 'En adgangskode har højst {max} tegn.',
    en: 'A password has at most {max} characters.',
  },
  'login.password.wrong': { da: 'Adgangskoden er forkert.', en: 'The password is wrong.' },
  'login.password.lockedUntil': {
    da: 'Din adgangskode er spærret til kl. {time}. Prøv igen derefter, eller ring til MitID support på 33 98 00 10.',
    en: 'Your password is locked until {time}. Try again then, or call MitID support on +45 33 98 00 10.',
  },
  'login.password.locked': {
    da: 'Din adgangskode er spærret. Ring til MitID support på 33 98 00 10.',
    en: 'Your password is locked. Call MitID support on +45 33 98 00 10.',
  },
  'login.step.continue': { da: 'FORTSÆT', en: 'CONTINUE' },

  // The chip's step: the password and START (WebAuthn).
  'login.chip.title': {
    da: 'Indtast din adgangskode og tryk START',
    en: 'Enter your password and press START',
  },
  'login.chip.intro': {
    da: 'Sæt din MitID chip i, indtast din adgangskode, tryk START, og tryk på chippen, når den blinker.',
    en: 'Insert your MitID chip, enter your password, press START and touch the chip when it flashes.',
  },
  'login.chip.start': { da: 'START', en: 'START' },
  'login.chip.waiting': { da: 'Tryk på din chip …', en: 'Touch your chip …' },
  'login.chip.noScript': {
    da: 'MitID chip kræver, at JavaScript er slået til i din browser.',
    en: 'The MitID chip needs JavaScript to be turned on in your browser.',
  },
  'login.chip.unsupported': {
    da: 'Din browser kan ikke bruge en MitID chip. Prøv en anden browser.',
    en: 'Your browser cannot use a MitID chip. Try another browser.',
  },
  'login.chip.wrong': {
    da: 'Chippen blev ikke genkendt. Prøv igen.',
    en: 'The chip was not recognised. Try again.',
  },
  'login.chip.expired': {
    da: 'Det tog for lang tid. Tryk START, og prøv igen.',
    en: 'That took too long. Press START and try again.',
  },

  'login.wait.scan': {
    da: 'Åbn MitID app, og scan QR-koden.',
    en: 'Open the MitID app and scan the QR code.',
  },
  'login.wait.qrAlt': {
    da: 'QR-kode, som du scanner med MitID app',
    en: 'QR code to scan with the MitID app',
  },
  'login.wait.cannotScan': { da: 'Kan du ikke scanne?', en: 'Can’t scan?' },
  'login.wait.typeCode': {
    da: 'Vælg “Indtast kode” i MitID app, og skriv denne kode:',
    en: 'Choose “Enter code” in the MitID app and type this code:',
  },
  'login.wait.openApp': { da: 'Åbn MitID app', en: 'Open MitID app' },
  'login.wait.phoneStatus': {
    da: 'Åbn MitID app for at godkende.',
    en: 'Open the MitID app to approve.',
  },
  'login.wait.phone': {
    da: 'Vend tilbage til denne browser, når du har godkendt.',
    en: 'Come back to this browser when you have approved.',
  },
  'login.wait.approveInApp': {
    da: 'Godkend i MitID app.',
    en: 'Approve in the MitID app.',
  },
  'login.wait.stepUp': {
    da: 'Åbn MitID-appen og godkend med din PIN-kode',
    en: 'Open the MitID app and approve with your PIN',
  },
  'login.wait.approved': { da: 'Godkendt. Du sendes videre …', en: 'Approved. Taking you on …' },
  'login.wait.reference': { da: 'Tekst fra {service}', en: 'Text from {service}' },
  'login.wait.transaction.approve': { da: 'Du godkender:', en: 'You are approving:' },
  'login.wait.transaction.sign': { da: 'Du underskriver:', en: 'You are signing:' },
  'login.wait.timeLeft': { da: 'Tid tilbage: {time}', en: 'Time left: {time}' },
  'login.wait.expiresAt': {
    da: 'Anmodningen udløber kl. {time}.',
    en: 'The request expires at {time}.',
  },
  'login.wait.check': { da: 'Jeg har godkendt', en: 'I have approved' },

  'login.approved.title': { da: 'Godkendt', en: 'Approved' },
  'login.approved.continue': { da: 'Fortsæt til {service}', en: 'Continue to {service}' },
  'login.rejected.title': { da: 'Du afviste anmodningen', en: 'You rejected the request' },
  'login.rejected.body': {
    da: 'Du afviste i MitID app. Der er ikke sket noget hos {service}.',
    en: 'You rejected in the MitID app. Nothing has happened at {service}.',
  },
  'login.cancelled.title': { da: 'Anmodningen er annulleret', en: 'The request has been cancelled' },
  'login.cancelled.body': {
    da: 'Anmodningen kan ikke længere godkendes. Ring til MitID support på 33 98 00 10, hvis du har brug for hjælp.',
    en: 'The request can no longer be approved. Call MitID support on +45 33 98 00 10 if you need help.',
  },
  'login.expired.title': { da: 'Tiden er udløbet', en: 'Time has run out' },
  'login.expired.body': {
    da: 'Du nåede ikke at godkende inden for {minutes} minutter.',
    en: 'You did not approve within {minutes} minutes.',
  },
  'login.expired.retry': { da: 'Prøv igen', en: 'Try again' },
  'login.back': { da: 'Tilbage til {service}', en: 'Back to {service}' },
  'login.gone.title': { da: 'Siden er udløbet', en: 'This page has expired' },
  'login.gone.body': {
    da: 'Login-siden findes ikke eller er udløbet. Gå tilbage til tjenesten, og start forfra.',
    en: 'The login page does not exist or has expired. Go back to the service and start again.',
  },
  'login.finished.title': { da: 'Login er afsluttet', en: 'The login has ended' },
  'login.finished.body': {
    da: 'Der er ikke noget at afslutte i denne browser. Gå tilbage til tjenesten, og start forfra.',
    en: 'There is nothing to complete in this browser. Go back to the service and start again.',
  },
} satisfies Record<string, Text>;
