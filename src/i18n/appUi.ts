import type { Text } from './types.ts';

/**
 * Texts of the MitID app (the installable web app at /app). The shell renders them on the server;
 * the app's scripts read the ones they fill in at run time (errors, numbers, times) from the shell.
 */
export const appUi = {
  'appUi.title': { da: 'MitID app', en: 'MitID app' },
  'appUi.noScript': {
    da: 'MitID app skal bruge JavaScript. Slå JavaScript til i din browser.',
    en: 'The MitID app needs JavaScript. Turn on JavaScript in your browser.',
  },
  'appUi.loading': { da: 'Henter …', en: 'Loading …' },
  'appUi.working': { da: 'Vent et øjeblik …', en: 'One moment …' },
  'appUi.continue': { da: 'FORTSÆT', en: 'CONTINUE' },
  'appUi.back': { da: 'Tilbage', en: 'Back' },
  'appUi.cancel': { da: 'Afbryd', en: 'Cancel' },
  'appUi.settings': { da: 'Indstillinger', en: 'Settings' },
  'appUi.install': { da: 'Installer MitID app', en: 'Install the MitID app' },
  'appUi.deviceName': { da: 'MitID app i {browser} på {system}', en: 'MitID app in {browser} on {system}' },

  'appUi.welcome.title': { da: 'Velkommen til MitID app', en: 'Welcome to the MitID app' },
  'appUi.welcome.intro': {
    da: 'Aktivér appen med dit bruger-ID og den aktiveringskode, du kan se i din netbank eller på MitID.dk.',
    en: 'Activate the app with your user ID and the activation code shown in your net bank or on MitID.dk.',
  },
  'appUi.welcome.activate': { da: 'Aktivér MitID app', en: 'Activate the MitID app' },
  'appUi.welcome.transfer': {
    da: 'Jeg har MitID app på en anden enhed',
    en: 'I have the MitID app on another device',
  },

  'appUi.userId.title': { da: 'Indtast dit bruger-ID', en: 'Enter your user ID' },
  'appUi.userId.label': { da: 'Bruger-ID', en: 'User ID' },
  'appUi.userId.hint': {
    da: 'Det bruger-ID, du valgte, da du fik MitID.',
    en: 'The user ID you chose when you got MitID.',
  },
  'appUi.userId.missing': { da: 'Indtast dit bruger-ID.', en: 'Enter your user ID.' },
  'appUi.userId.alreadyHere': {
    da: 'Dette bruger-ID er allerede aktiveret i denne app.',
    en: 'This user ID is already activated in this app.',
  },

  'appUi.code.title': { da: 'Indtast aktiveringskoden', en: 'Enter the activation code' },
  'appUi.code.label': { da: 'Aktiveringskode', en: 'Activation code' },
  'appUi.code.hint': {
    da: 'Koden på 8 cifre, som du kan se i din netbank eller på MitID.dk.',
    en: 'The 8-digit code shown in your net bank or on MitID.dk.',
  },
  'appUi.code.invalid': {
    da: 'Aktiveringskoden skal være 8 cifre.',
    en: 'The activation code must be 8 digits.',
  },

  'appUi.transferIn.title': { da: 'Tilføj fra en anden enhed', en: 'Add from another device' },
  'appUi.transferIn.intro': {
    da: 'Åbn MitID app på din anden enhed, vælg Indstillinger og »Vis overførselskode«. Indtast dit bruger-ID og koden her.',
    en: 'Open the MitID app on your other device, choose Settings and “Show transfer code”. Enter your user ID and the code here.',
  },
  'appUi.transferIn.label': { da: 'Overførselskode', en: 'Transfer code' },
  'appUi.transferIn.hint': {
    da: '8 cifre, fx 1234-5678. Koden gælder i 5 minutter.',
    en: '8 digits, e.g. 1234-5678. The code is valid for 5 minutes.',
  },
  'appUi.transferIn.invalid': {
    da: 'Indtast overførselskoden på 8 cifre, som den står i den anden app, fx 1234-5678.',
    en: 'Enter the 8-digit transfer code as the other app shows it, e.g. 1234-5678.',
  },

  'appUi.tempPin.title': { da: 'Indtast den midlertidige PIN-kode', en: 'Enter the temporary PIN' },
  'appUi.tempPin.sentTo': {
    da: 'Vi har sendt en midlertidig PIN-kode på SMS til {number}.',
    en: 'We have sent a temporary PIN by SMS to {number}.',
  },
  'appUi.tempPin.shownHere': {
    da: 'Din midlertidige PIN-kode står her. Indtast den nedenfor.',
    en: 'Your temporary PIN is shown here. Type it in below.',
  },
  'appUi.tempPin.shownLabel': { da: 'Midlertidig PIN-kode:', en: 'Temporary PIN:' },
  'appUi.tempPin.label': { da: 'Midlertidig PIN-kode', en: 'Temporary PIN' },
  'appUi.tempPin.hint': { da: '8 cifre.', en: '8 digits.' },
  'appUi.tempPin.invalid': {
    da: 'Den midlertidige PIN-kode skal være 8 cifre.',
    en: 'The temporary PIN must be 8 digits.',
  },

  'appUi.pin.title': { da: 'Vælg din personlige PIN-kode', en: 'Choose your personal PIN' },
  'appUi.pin.intro': {
    da: 'Du skal bruge PIN-koden til at låse MitID app op, hver gang du skal bruge den. Vælg 6 cifre, som kun du kender, og vis dem aldrig til andre.',
    en: 'You use the PIN to unlock the MitID app every time you use it. Choose 6 digits that only you know, and never show them to anyone.',
  },
  'appUi.pin.label': { da: 'PIN-kode (6 cifre)', en: 'PIN (6 digits)' },
  'appUi.pin.invalid': { da: 'PIN-koden skal være 6 cifre.', en: 'The PIN must be 6 digits.' },
  'appUi.pin.tooSimple': {
    da: 'Vælg en PIN-kode, der er svær at gætte – ikke fx 123456 eller 111111.',
    en: 'Choose a PIN that is hard to guess – not, for example, 123456 or 111111.',
  },
  'appUi.pinAgain.title': { da: 'Genindtast din personlige PIN-kode', en: 'Type your personal PIN again' },
  'appUi.pinAgain.label': { da: 'PIN-kode igen', en: 'PIN again' },
  'appUi.pinAgain.mismatch': {
    da: 'PIN-koderne er ikke ens. Vælg din PIN-kode igen.',
    en: 'The PINs are not the same. Choose your PIN again.',
  },

  'appUi.notify.title': { da: 'Notifikationer', en: 'Notifications' },
  'appUi.notify.intro': {
    da: 'Du får altid besked via MitID app, SMS eller e-mail, hvis MitID app aktiveres på en ny enhed.',
    en: 'You are always told through the MitID app, SMS or e-mail when the MitID app is activated on a new device.',
  },
  'appUi.notify.everyUse': {
    da: 'Giv mig også besked, hver gang mit MitID bliver brugt',
    en: 'Also tell me every time my MitID is used',
  },
  'appUi.notify.accept': { da: 'Accepter notifikationer', en: 'Accept notifications' },

  'appUi.bio.title': {
    da: 'Ansigtsgenkendelse eller fingeraftryk',
    en: 'Face recognition or fingerprint',
  },
  'appUi.bio.intro': {
    da: 'Hvis du vil, kan du aktivere biometri, så du kan bruge ansigtsgenkendelse eller fingeraftryk i stedet for PIN-kode.',
    en: 'If you like, you can turn on biometrics and use face recognition or a fingerprint instead of the PIN.',
  },
  'appUi.bio.turnOn': { da: 'Aktivér biometri', en: 'Turn on biometrics' },
  'appUi.bio.turnOff': { da: 'Slå biometri fra', en: 'Turn off biometrics' },
  'appUi.bio.skip': { da: 'Ikke nu', en: 'Not now' },
  'appUi.bio.isOn': { da: 'Biometri er slået til.', en: 'Biometrics are on.' },
  'appUi.bio.isOff': { da: 'Biometri er slået fra.', en: 'Biometrics are off.' },
  'appUi.bio.severalUsers': {
    da: 'Biometri kan ikke bruges, når der er flere brugere i appen.',
    en: 'Biometrics cannot be used when the app has several users.',
  },
  'appUi.bio.unavailable': {
    da: 'Denne enhed har ikke ansigtsgenkendelse eller fingeraftryk, som MitID kan bruge.',
    en: 'This device has no face recognition or fingerprint that MitID can use.',
  },
  'appUi.bio.failed': {
    da: 'Biometri blev afbrudt eller kunne ikke bruges. Brug din PIN-kode.',
    en: 'Biometrics were cancelled or could not be used. Use your PIN.',
  },
  'appUi.bio.use': { da: 'Brug biometri', en: 'Use biometrics' },

  'appUi.ready.title': { da: 'MitID app er aktiveret', en: 'The MitID app is activated' },
  'appUi.ready.intro': {
    da: 'Nu er du klar til at bruge MitID som {userId}.',
    en: 'You are now ready to use MitID as {userId}.',
  },
  'appUi.ready.done': { da: 'Gå til MitID app', en: 'Go to the MitID app' },

  'appUi.advice.title': { da: 'Sådan bruger du MitID app', en: 'How to use the MitID app' },
  'appUi.advice.place': {
    da: 'Find en god plads til MitID app, fx på forsiden af din telefon eller tablet, så du hurtigt kan finde den. Vælg »Føj til startskærm« i browserens menu.',
    en: 'Find a good place for the MitID app, e.g. on the home screen of your phone or tablet, so you can find it quickly. Choose “Add to home screen” in the browser’s menu.',
  },
  'appUi.advice.backup': {
    da: 'Lav en backup, hvis du skulle miste din telefon: installer MitID app på flere enheder (fx mobiltelefon og tablet). Du kan have appen på op til 3 enheder.',
    en: 'Make a backup in case you lose your phone: install the MitID app on several devices (e.g. your mobile phone and a tablet). You can have the app on up to 3 devices.',
  },
  'appUi.advice.openYourself': {
    da: 'Du skal selv åbne appen, når du skal godkende eller logge ind. MitID app sender dig ikke en besked.',
    en: 'Open the app yourself when you need to approve or log in. The MitID app does not send you a message.',
  },
  'appUi.advice.unlock': {
    da: 'Brug din PIN-kode – eller fingeraftryk eller ansigtsgenkendelse, hvis du har valgt det.',
    en: 'Use your PIN – or a fingerprint or face recognition, if you turned it on.',
  },
  'appUi.advice.checkText': {
    da: 'Tjek, at teksten svarer til det, du ønsker at gøre, før du godkender.',
    en: 'Check that the text matches what you want to do before you approve.',
  },
  'appUi.advice.swipe': {
    da: 'Godkend ved at swipe fra venstre mod højre, hvis alt er i orden.',
    en: 'Approve by swiping from left to right if everything is in order.',
  },
  'appUi.advice.never': {
    da: 'Godkend aldrig noget på baggrund af et opkald, en e-mail eller et besøg fra nogen, der udgiver sig for at være fra din bank eller supporten.',
    en: 'Never approve anything because of a call, an e-mail or a visit from someone claiming to be from your bank or support.',
  },

  'appUi.home.title': { da: 'MitID', en: 'MitID' },
  'appUi.home.user': { da: 'Bruger', en: 'User' },
  'appUi.home.userIs': { da: 'Bruger-ID: {userId}', en: 'User ID: {userId}' },
  'appUi.home.pendingTitle': { da: 'Venter på dig', en: 'Waiting for you' },
  'appUi.home.none': {
    da: 'Der er ingen anmodninger lige nu. Når du logger på eller godkender hos en tjeneste, så åbn appen her.',
    en: 'There are no requests right now. When you log in or approve at a service, open the app here.',
  },
  'appUi.home.others': {
    da: 'Der venter også noget til: {userIds}.',
    en: 'Something is also waiting for: {userIds}.',
  },
  'appUi.home.refresh': { da: 'Opdater', en: 'Refresh' },
  'appUi.home.loginTitle': { da: 'Log på fra en computer', en: 'Log in from a computer' },
  'appUi.home.loginHint': {
    da: 'Scan QR-koden i MitID-login i browseren, eller indtast koden, der står under den.',
    en: 'Scan the QR code in the MitID login in the browser, or enter the code shown below it.',
  },
  'appUi.home.scan': { da: 'Scan QR-kode', en: 'Scan QR code' },
  'appUi.home.typeCode': { da: 'Indtast kode', en: 'Enter code' },
  'appUi.scan.title': { da: 'Scan QR-koden', en: 'Scan the QR code' },
  'appUi.scan.help': {
    da: 'Hold kameraet op mod QR-koden i MitID-login på din computer. Koden skifter hvert sekund; det er i orden.',
    en: 'Point the camera at the QR code in the MitID login on your computer. The code changes every second; that is fine.',
  },
  'appUi.scan.video': { da: 'Kameraets billede', en: 'The camera’s picture' },
  'appUi.scan.starting': { da: 'Kameraet starter …', en: 'Starting the camera …' },
  'appUi.scan.looking': { da: 'Leder efter QR-koden …', en: 'Looking for the QR code …' },
  'appUi.scan.found': {
    da: 'QR-koden er læst. Vent et øjeblik …',
    en: 'The QR code has been read. One moment …',
  },
  'appUi.scan.notOurs': {
    da: 'Det er ikke en QR-kode fra MitID-login. Scan QR-koden i login-boksen.',
    en: 'That is not a QR code from the MitID login. Scan the QR code in the login box.',
  },
  'appUi.scan.noCamera': {
    da: 'Kameraet kunne ikke bruges. Giv appen adgang til kameraet, eller indtast koden i stedet.',
    en: 'The camera could not be used. Allow the app to use the camera, or enter the code instead.',
  },
  'appUi.scan.noDecoder': {
    da: 'QR-koder kan ikke læses på denne enhed. Indtast koden i stedet.',
    en: 'QR codes cannot be read on this device. Enter the code instead.',
  },
  'appUi.scan.typeInstead': { da: 'Indtast kode i stedet', en: 'Enter the code instead' },
  'appUi.loginCode.title': { da: 'Indtast koden', en: 'Enter the code' },
  'appUi.loginCode.label': { da: 'Koden fra MitID-login', en: 'The code from the MitID login' },
  'appUi.loginCode.hint': {
    da: '6 cifre, som login-boksen i browseren viser under QR-koden.',
    en: '6 digits, shown by the login box in the browser below the QR code.',
  },
  'appUi.loginCode.invalid': {
    da: 'Indtast de 6 cifre, som login-boksen viser.',
    en: 'Enter the 6 digits the login box shows.',
  },
  'appUi.loginCode.submit': { da: 'Fortsæt', en: 'Continue' },
  'appUi.channel.gone': {
    da: 'Login findes ikke længere. Start forfra i browseren.',
    en: 'The login no longer exists. Start again in the browser.',
  },
  'appUi.channel.backToBrowser': { da: 'Gå tilbage til browseren', en: 'Go back to the browser' },
  'appUi.channel.backHint': {
    da: 'Skift tilbage til browseren for at fortsætte hos tjenesten.',
    en: 'Switch back to the browser to continue at the service.',
  },
  'appUi.home.open': { da: 'Se anmodningen fra {service}', en: 'See the request from {service}' },

  'appUi.action.login': { da: 'Log på hos {service}', en: 'Log in at {service}' },
  'appUi.action.approve': { da: 'Godkend hos {service}', en: 'Approve at {service}' },
  'appUi.action.confirm': { da: 'Bekræft hos {service}', en: 'Confirm at {service}' },
  'appUi.action.accept': { da: 'Accepter hos {service}', en: 'Accept at {service}' },
  'appUi.action.sign': { da: 'Underskriv hos {service}', en: 'Sign at {service}' },

  'appUi.tx.textLabel': { da: 'Tekst fra {service}:', en: 'Text from {service}:' },
  'appUi.tx.userLabel': { da: 'Bruger-ID: {userId}', en: 'User ID: {userId}' },
  'appUi.tx.check': {
    da: 'Tjek, at teksten svarer til det, du ønsker at gøre. Har du ikke selv sat handlingen i gang, så afvis.',
    en: 'Check that the text matches what you want to do. If you did not start it yourself, reject it.',
  },
  'appUi.tx.pinRequired': {
    da: 'Denne handling kræver din PIN-kode eller biometri.',
    en: 'This action needs your PIN or biometrics.',
  },
  'appUi.tx.expires': { da: 'Anmodningen udløber kl. {time}.', en: 'The request expires at {time}.' },
  'appUi.tx.swipe': {
    da: 'Swipe fra venstre mod højre for at godkende',
    en: 'Swipe from left to right to approve',
  },
  'appUi.tx.approve': { da: 'Godkend', en: 'Approve' },
  'appUi.tx.reject': { da: 'Afvis', en: 'Reject' },
  'appUi.tx.pinTitle': { da: 'Indtast din PIN-kode', en: 'Enter your PIN' },
  'appUi.tx.pinLabel': { da: 'PIN-kode', en: 'PIN' },
  'appUi.tx.approvedTitle': { da: 'Godkendt', en: 'Approved' },
  'appUi.tx.approved': {
    da: 'Du har godkendt anmodningen fra {service}. Gå tilbage til {service}.',
    en: 'You approved the request from {service}. Go back to {service}.',
  },
  'appUi.tx.rejectedTitle': { da: 'Afvist', en: 'Rejected' },
  'appUi.tx.rejected': {
    da: 'Du har afvist anmodningen fra {service}. Intet er godkendt.',
    en: 'You rejected the request from {service}. Nothing was approved.',
  },
  'appUi.tx.decoupledLabel': { da: '{service} beder dig godkende:', en: '{service} asks you to approve:' },
  'appUi.tx.decoupled': {
    da: 'Du har ikke selv startet dette fra en browser: {service} har sendt anmodningen direkte til din app. Venter du den ikke, fx fordi ingen fra {service} taler med dig lige nu, så afvis og anmeld.',
    en: 'You did not start this from a browser yourself: {service} sent the request straight to your app. If you are not expecting it, for example because nobody from {service} is talking to you right now, reject and report it.',
  },
  'appUi.tx.rejectReport': { da: 'Afvis og anmeld', en: 'Reject and report' },
  'appUi.tx.reportedTitle': { da: 'Afvist og anmeldt', en: 'Rejected and reported' },
  'appUi.tx.reported': {
    da: 'Du har afvist og anmeldt anmodningen fra {service}. {service} kan ikke sende dig nye anmodninger det næste døgn, og anmeldelsen står i din aktivitetslog.',
    en: 'You rejected and reported the request from {service}. {service} cannot send you new requests for the next 24 hours, and the report is in your activity log.',
  },
  'appUi.tx.backHome': { da: 'Tilbage til oversigten', en: 'Back to the overview' },

  'appUi.settings.users': { da: 'Brugere i denne app', en: 'Users in this app' },
  'appUi.settings.addUser': { da: 'Tilføj bruger', en: 'Add user' },
  'appUi.settings.addUserHint': {
    da: 'Flere personer, fx i samme husstand, kan bruge samme app. Hver bruger har sit eget bruger-ID og sin egen PIN-kode – del aldrig jeres koder. Når der er flere brugere, kan biometri ikke bruges.',
    en: 'Several people, e.g. in one household, can use the same app. Each user has their own user ID and PIN – never share your codes. With several users, biometrics cannot be used.',
  },
  'appUi.settings.showTransfer': {
    da: 'Vis overførselskode for {userId}',
    en: 'Show transfer code for {userId}',
  },
  'appUi.settings.remove': { da: 'Fjern {userId} fra denne app', en: 'Remove {userId} from this app' },
  'appUi.remove.title': { da: 'Fjern bruger', en: 'Remove user' },
  'appUi.remove.text': {
    da: '{userId} bliver fjernet fra denne app, og enheden bliver fjernet fra dit MitID. Vil du bruge MitID app her igen, skal du aktivere den på ny.',
    en: '{userId} will be removed from this app, and the device removed from your MitID. To use the MitID app here again, you must activate it again.',
  },
  'appUi.remove.confirm': { da: 'Fjern bruger', en: 'Remove user' },
  'appUi.remove.done': {
    da: '{userId} er fjernet fra denne app.',
    en: '{userId} has been removed from this app.',
  },
  'appUi.settings.biometricsFor': { da: 'Biometri for {userId}', en: 'Biometrics for {userId}' },
  'appUi.settings.language': { da: 'Sprog', en: 'Language' },
  'appUi.settings.help': {
    da: 'Har du brug for hjælp, så kontakt din bank eller ring til MitID support på 33 98 00 10. Mandag–fredag 08:00–20:00, weekend og helligdage 10:00–16:00.',
    en: 'If you need help, contact your bank or call MitID support on +45 33 98 00 10. Monday–Friday 08:00–20:00, weekends and holidays 10:00–16:00.',
  },

  'appUi.transfer.title': { da: 'Overfør til en ny enhed', en: 'Transfer to a new device' },
  'appUi.transfer.intro': {
    da: 'Åbn MitID app på den nye enhed, og vælg »Jeg har MitID app på en anden enhed«. Indtast dit bruger-ID og koden herunder. Koden gælder i 5 minutter og kan kun bruges én gang.',
    en: 'Open the MitID app on the new device and choose “I have the MitID app on another device”. Enter your user ID and the code below. The code is valid for 5 minutes and works once.',
  },
  'appUi.transfer.codeLabel': { da: 'Overførselskode', en: 'Transfer code' },
  'appUi.transfer.qrAlt': {
    da: 'QR-kode med overførselskoden til {userId}',
    en: 'QR code with the transfer code for {userId}',
  },
  'appUi.transfer.validUntil': { da: 'Koden gælder til kl. {time}.', en: 'The code is valid until {time}.' },
  'appUi.transfer.notice': {
    da: 'Du får besked på SMS eller e-mail, når MitID app aktiveres på en ny enhed. Vis aldrig koden til andre.',
    en: 'You get a message by SMS or e-mail when the MitID app is activated on a new device. Never show the code to anyone.',
  },

  'appUi.blocked.title': { da: 'Din PIN-kode er spærret', en: 'Your PIN is blocked' },
  'appUi.blocked.until': {
    da: 'Der er indtastet forkert PIN-kode for mange gange. Du kan prøve igen efter kl. {time}.',
    en: 'A wrong PIN was entered too many times. You can try again after {time}.',
  },
  'appUi.blocked.permanent': {
    da: 'Der er indtastet forkert PIN-kode for mange gange, og PIN-koden er nu spærret. Du skal aktivere MitID app igen med en ny aktiveringskode fra din netbank eller MitID.dk.',
    en: 'A wrong PIN was entered too many times, and the PIN is now blocked. You must activate the MitID app again with a new activation code from your net bank or MitID.dk.',
  },
  'appUi.blocked.help': {
    da: 'Har du ikke selv prøvet, så kontakt MitID support på 33 98 00 10.',
    en: 'If it was not you, contact MitID support on +45 33 98 00 10.',
  },
  'appUi.blocked.reactivate': { da: 'Aktivér MitID app igen', en: 'Activate the MitID app again' },

  'appUi.error.invalid_request': {
    da: 'Det indtastede kunne ikke bruges. Tjek det, og prøv igen.',
    en: 'What you entered could not be used. Check it and try again.',
  },
  'appUi.error.wrong_code': {
    da: 'Aktiveringskoden er forkert. Du har {attemptsLeft} forsøg tilbage. Er koden udløbet eller brugt, så lav en ny i din netbank eller på MitID.dk.',
    en: 'The activation code is wrong. You have {attemptsLeft} attempts left. If the code has expired or was used, make a new one in your net bank or on MitID.dk.',
  },
  'appUi.error.wrong_temporary_pin': {
    da: 'Den midlertidige PIN-kode er forkert. Du har {attemptsLeft} forsøg tilbage.',
    en: 'The temporary PIN is wrong. You have {attemptsLeft} attempts left.',
  },
  'appUi.error.code_blocked': {
    da: 'Du har tastet forkert for mange gange. Start forfra. Er din aktiveringskode brugt eller spærret, så få en ny i din netbank eller på MitID.dk.',
    en: 'Too many wrong attempts. Start again. If your activation code was used or is blocked, get a new one in your net bank or on MitID.dk.',
  },
  'appUi.error.code_expired': {
    da: 'Koden er forkert, udløbet eller allerede brugt. Få en ny kode, og prøv igen.',
    en: 'The code is wrong, has expired or was already used. Get a new code and try again.',
  },
  'appUi.error.wrong_step': {
    da: 'Aktiveringen er allerede gået videre eller er afbrudt. Start forfra.',
    en: 'The activation has already moved on or was stopped. Please start again.',
  },
  'appUi.error.too_many_devices': {
    da: 'Du har allerede MitID app på 3 enheder, som er det højeste antal. Fjern en af dem på MitID.dk, og prøv igen.',
    en: 'You already have the MitID app on 3 devices, which is the most allowed. Remove one of them on MitID.dk and try again.',
  },
  'appUi.error.invalid_device_signature': {
    da: 'MitID kunne ikke genkende denne enhed. Den kan være spærret eller fjernet, eller enhedens ur går forkert. Aktivér appen igen, hvis det bliver ved.',
    en: 'MitID could not recognise this device. It may be blocked or removed, or the device’s clock may be wrong. Activate the app again if this continues.',
  },
  'appUi.error.pin_blocked': {
    da: 'Din PIN-kode er spærret efter for mange forkerte forsøg.',
    en: 'Your PIN is blocked after too many wrong attempts.',
  },
  'appUi.error.wrong_pin': {
    da: 'Forkert PIN-kode. Du har {attemptsLeft} forsøg tilbage.',
    en: 'Wrong PIN. You have {attemptsLeft} attempts left.',
  },
  'appUi.error.wrong_pin_unknown': { da: 'Forkert PIN-kode.', en: 'Wrong PIN.' },
  'appUi.error.wrong_channel_proof': {
    da: 'Koden passer ikke til et login, der venter på dig. Du har {attemptsLeft} forsøg tilbage. Tjek koden i browseren, eller scan QR-koden igen.',
    en: 'The code does not match a login waiting for you. You have {attemptsLeft} attempts left. Check the code in the browser, or scan the QR code again.',
  },
  'appUi.error.transaction_not_pending': {
    da: 'Anmodningen er allerede besvaret eller udløbet.',
    en: 'The request has already been answered or has expired.',
  },
  'appUi.error.invalid_approval': {
    da: 'Godkendelsen kunne ikke bekræftes. Åbn anmodningen igen, og prøv igen.',
    en: 'The approval could not be confirmed. Open the request again and try again.',
  },
  'appUi.error.activation_expired': {
    da: 'Aktiveringen er udløbet, fordi der gik mere end 15 minutter. Start forfra.',
    en: 'The activation has expired because more than 15 minutes passed. Please start again.',
  },
  'appUi.error.biometrics_not_allowed': {
    da: 'Biometri kan ikke bruges her, fx fordi der er flere brugere i appen. Brug din PIN-kode.',
    en: 'Biometrics cannot be used here, e.g. because the app has several users. Use your PIN.',
  },
  'appUi.error.not_found': {
    da: 'Det, du bad om, findes ikke længere. Gå tilbage til oversigten.',
    en: 'What you asked for no longer exists. Go back to the overview.',
  },
  'appUi.error.server_error': {
    da: 'Der skete en fejl hos MitID. Prøv igen om lidt.',
    en: 'Something went wrong at MitID. Try again in a little while.',
  },
  'appUi.error.request_too_large': {
    da: 'Der skete en fejl i appen: forespørgslen var for stor. Prøv igen.',
    en: 'Something went wrong in the app: the request was too large. Try again.',
  },
  'appUi.error.rate_limited': {
    da: 'Du har prøvet for mange gange. Vent lidt, og prøv igen.',
    en: 'Too many attempts. Wait a little and try again.',
  },
  'appUi.error.network': {
    da: 'Der er ingen forbindelse til MitID. Tjek din internetforbindelse, og prøv igen.',
    en: 'There is no connection to MitID. Check your internet connection and try again.',
  },
  'appUi.error.storage': {
    da: 'Appen kan ikke gemme sine nøgler i denne browser, fx i privat tilstand. Brug en almindelig browser.',
    en: 'The app cannot store its keys in this browser, e.g. in private mode. Use a normal browser window.',
  },
  'appUi.error.unknown': {
    da: 'Der skete en fejl. Prøv igen om lidt. Fejlkode: {code}.',
    en: 'Something went wrong. Try again in a little while. Error code: {code}.',
  },
} satisfies Record<string, Text>;
