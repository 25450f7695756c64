import type { Text } from './types.ts';

/** Texts of the enrollment wizard's pages (src/flows/enrollment/routes), following the citizen's guide. */
export const wizard = {
  'wizard.viaRa': { da: 'Du får MitID gennem {ra}', en: 'You are getting MitID through {ra}' },
  'wizard.viaMitid': { da: 'Du får MitID på MitID.dk', en: 'You are getting MitID at MitID.dk' },
  'wizard.stepOf': { da: 'Trin {n} af {total}', en: 'Step {n} of {total}' },
  'wizard.back': { da: '← Tilbage', en: '← Back' },
  'wizard.backToRa': { da: '← Tilbage til {ra}', en: '← Back to {ra}' },
  'wizard.continue': { da: 'FORTSÆT', en: 'CONTINUE' },
  'wizard.moved': {
    da: 'Siden var ikke længere aktuel. Her er det trin, du er nået til.',
    en: 'That page was no longer current. Here is the step you have reached.',
  },
  'wizard.askAgain.title': { da: 'Log på igen for at fortsætte', en: 'Log in again to continue' },
  'wizard.askAgain.why': {
    da: 'Af sikkerhedshensyn skal du vise, at det er dig, når siderne ikke har været brugt i 15 minutter, eller når du er logget af din netbank.',
    en: 'For your security you must show that it is you when these pages have not been used for 15 minutes, or when you have logged out of your net bank.',
  },
  'wizard.askAgain.ra': {
    da: 'Log på {ra} igen, og tryk på FÅ MITID NU.',
    en: 'Log in to {ra} again and press GET MITID NOW.',
  },
  'wizard.askAgain.raButton': { da: 'Gå til {ra}', en: 'Go to {ra}' },
  'wizard.askAgain.mitid': { da: 'Log på med NemID igen.', en: 'Log in with NemID again.' },
  'wizard.askAgain.mitidButton': { da: 'Log på med NemID', en: 'Log in with NemID' },
  'wizard.askAgain.kept': {
    da: 'Det, du allerede har gjort, er gemt. Du fortsætter, hvor du slap.',
    en: 'What you have done so far is saved. You continue where you left off.',
  },
  'wizard.choose.title': {
    da: 'Vælg, om du vil bruge MitID app eller et af alternativerne',
    en: 'Choose whether to use the MitID app or one of the alternatives',
  },
  'wizard.choose.intro': {
    da: 'Nu skal du vælge, om du vil bruge MitID app, MitID kodeviser eller MitID kodeoplæser.',
    en: 'Now choose whether you want to use the MitID app, a MitID code display or a MitID code reader.',
  },
  'wizard.choose.later': {
    da: 'Du kan godt vælge MitID app og bestille en MitID kodeviser eller MitID kodeoplæser på et senere tidspunkt, hvis du ombestemmer dig. Det gør du på MitID.dk.',
    en: 'You can choose the MitID app and order a MitID code display or code reader later if you change your mind. You do that at MitID.dk.',
  },
  'wizard.choose.chip': {
    da: 'Hvis du fx i forbindelse med dit arbejde har behov for et særligt højt sikkerhedsniveau eller for at anvende MitID mange gange i løbet af en dag, kan du også tilkøbe en MitID chip på MitID.dk. Det kan du dog først gøre efter, at du har taget MitID i brug.',
    en: 'If, for example at work, you need a particularly high level of security or use MitID many times a day, you can also buy a MitID chip at MitID.dk. You can only do that once you have started using MitID.',
  },
  'wizard.choose.legend': {
    da: 'Vælg dit foretrukne identifikationsmiddel',
    en: 'Choose your preferred means of identification',
  },
  'wizard.choose.app': { da: 'App', en: 'App' },
  'wizard.choose.appHint': {
    da: 'MitID app på din smartphone eller tablet. Kræver et mobilnummer.',
    en: 'The MitID app on your smartphone or tablet. Requires a mobile number.',
  },
  'wizard.choose.codeDisplay': { da: 'Kodeviser', en: 'Code display' },
  'wizard.choose.codeDisplayHint': {
    da: 'En lille enhed, der viser en kode, når du trykker på knappen. Bruges med en adgangskode.',
    en: 'A small device that shows a code when you press its button. Used with a password.',
  },
  'wizard.choose.codeReader': { da: 'Kodeoplæser', en: 'Code reader' },
  'wizard.choose.codeReaderHint': {
    da: 'En kodeviser, der også læser koden op – til dig, der ikke kan se en skærm. Bruges med en adgangskode.',
    en: 'A code display that also reads the code aloud – for you if you cannot see a screen. Used with a password.',
  },
  'wizard.choose.required': { da: 'Vælg et identifikationsmiddel.', en: 'Choose a means of identification.' },
  'wizard.choose.notOffered': {
    da: '{name} kan ikke vælges her. Vælg et identifikationsmiddel på listen.',
    en: '{name} cannot be chosen here. Choose a means of identification from the list.',
  },
  'wizard.kind.app': { da: 'MitID app', en: 'MitID app' },
  'wizard.kind.chip': { da: 'MitID chip', en: 'MitID chip' },
  'wizard.terms.termsDocument': { da: 'Vilkår og betingelser', en: 'Terms and conditions' },
  'wizard.terms.backToTerms': { da: 'Tilbage til vilkårene', en: 'Back to the terms' },
  'wizard.handover.failed': {
    da: 'Linket til at få MitID virker ikke længere. Gå tilbage til din netbank, og tryk på FÅ MITID NU igen.',
    en: 'The link to get MitID no longer works. Go back to your net bank and press GET MITID NOW again.',
  },
  'wizard.handover.title': { da: 'Linket virker ikke', en: 'The link does not work' },
  'wizard.contact.title': {
    da: 'Angiv og bekræft dine kontaktoplysninger',
    en: 'Enter and confirm your contact details',
  },
  'wizard.contact.intro': {
    da: 'For at du kan bruge MitID, skal du oplyse dit mobilnummer eller din e-mail. Det er en god idé at oplyse begge dele, da det gør MitID mere sikkert.',
    en: 'To use MitID you must give your mobile number or your e-mail. It is a good idea to give both, as it makes MitID more secure.',
  },
  'wizard.contact.appNeedsMobile': {
    da: 'Du har valgt MitID app, så du skal som minimum oplyse dit mobilnummer. Herefter modtager du en valideringskode på SMS, som du skal indtaste.',
    en: 'You chose the MitID app, so you must at least give your mobile number. You then receive a validation code by SMS, which you type in.',
  },
  'wizard.contact.deviceNeedsOne': {
    da: 'Du har valgt en kodeviser eller kodeoplæser, så du skal oplyse dit mobilnummer og/eller din e-mailadresse. Herefter modtager du en valideringskode på SMS og/eller e-mail, som du skal indtaste.',
    en: 'You chose a code display or code reader, so you must give your mobile number and/or your e-mail address. You then receive a validation code by SMS and/or e-mail, which you type in.',
  },
  'wizard.contact.messagesNote': {
    da: 'MitID sender beskeder om dit MitID, fx at dit MitID er spærret. For at modtage disse beskeder skal du bekræfte dit mobilnummer.',
    en: 'MitID sends messages about your MitID, e.g. that your MitID has been blocked. To receive them you must confirm your mobile number.',
  },
  'wizard.contact.mobileHeading': { da: 'Mobilnummer', en: 'Mobile number' },
  'wizard.contact.emailHeading': { da: 'E-mail', en: 'E-mail' },
  'wizard.contact.mobileLabel': { da: 'Indtast dit mobilnummer', en: 'Enter your mobile number' },
  'wizard.contact.emailLabel': { da: 'Indtast din e-mail', en: 'Enter your e-mail' },
  'wizard.contact.sendCode': { da: 'Send valideringskode', en: 'Send validation code' },
  'wizard.contact.codeSentMobile': {
    da: '✓ Valideringskode er sendt til dit mobilnummer {value}',
    en: '✓ A validation code has been sent to your mobile number {value}',
  },
  'wizard.contact.codeSentEmail': {
    da: '✓ Valideringskode er sendt til din e-mail {value}',
    en: '✓ A validation code has been sent to your e-mail {value}',
  },
  'wizard.contact.codeLabelSms': {
    da: 'Indtast valideringskode fra SMS',
    en: 'Enter the validation code from the SMS',
  },
  'wizard.contact.codeLabelEmail': {
    da: 'Indtast valideringskode fra e-mail',
    en: 'Enter the validation code from the e-mail',
  },
  'wizard.contact.confirm': { da: 'Bekræft', en: 'Confirm' },
  'wizard.contact.resend': { da: 'Send valideringskode igen', en: 'Send the validation code again' },
  'wizard.contact.changeMobile': { da: 'Ret mobilnummer', en: 'Change mobile number' },
  'wizard.contact.changeEmail': { da: 'Ret e-mail', en: 'Change e-mail' },
  'wizard.contact.mobileConfirmed': {
    da: '✓ Dit mobilnummer {value} er bekræftet',
    en: '✓ Your mobile number {value} is confirmed',
  },
  'wizard.contact.emailConfirmed': {
    da: '✓ Din e-mail {value} er bekræftet',
    en: '✓ Your e-mail {value} is confirmed',
  },
  'wizard.contact.resent': {
    da: 'Vi har sendt en ny valideringskode.',
    en: 'We have sent a new validation code.',
  },
  'wizard.contact.mobileInvalid': {
    da: 'Indtast et dansk mobilnummer med 8 cifre, fx 12 34 56 78.',
    en: 'Enter a Danish mobile number of 8 digits, e.g. 12 34 56 78.',
  },
  'wizard.contact.emailInvalid': {
    da: 'Indtast en e-mailadresse som navn@eksempel.dk.',
    en: 'Enter an e-mail address like name@example.com.',
  },
  'wizard.contact.needMobile': {
    da: 'Bekræft dit mobilnummer for at fortsætte med MitID app.',
    en: 'Confirm your mobile number to continue with the MitID app.',
  },
  'wizard.contact.needOne': {
    da: 'Bekræft dit mobilnummer eller din e-mail for at fortsætte.',
    en: 'Confirm your mobile number or your e-mail to continue.',
  },
  'wizard.contact.smsBody': {
    da: 'Din valideringskode til MitID er {code}. Koden udløber om 15 minutter. Del den aldrig med andre.',
    en: 'Your MitID validation code is {code}. The code expires in 15 minutes. Never share it with anyone.',
  },
  'wizard.contact.emailSubject': { da: 'Valideringskode til MitID', en: 'MitID validation code' },
  'wizard.contact.emailBody': {
    da: 'Din valideringskode til MitID er {code}.\n\nKoden udløber om 15 minutter. Del den aldrig med andre – heller ikke med nogen, der siger, de ringer fra din bank eller MitID.',
    en: 'Your MitID validation code is {code}.\n\nThe code expires in 15 minutes. Never share it with anyone – not even someone who says they are calling from your bank or MitID.',
  },
  'wizard.userId.title': { da: 'Vælg dit bruger-ID', en: 'Choose your user ID' },
  'wizard.userId.intro': {
    da: 'Alle, der skal have MitID, skal have et bruger-ID. Det skal du anvende, hver gang du bruger MitID.',
    en: 'Everyone who gets MitID needs a user ID. You use it every time you use MitID.',
  },
  'wizard.userId.notCpr': {
    da: 'Af sikkerhedshensyn må du ikke bruge dit CPR-nummer som bruger-ID. Dit bruger-ID fra NemID er allerede reserveret til dig i MitID – dog ikke, hvis det er dit CPR-nummer.',
    en: 'For security reasons you must not use your CPR number as your user ID. Your NemID user ID is already reserved for you in MitID – unless it is your CPR number.',
  },
  'wizard.userId.advice': {
    da: 'Find på en sammensætning af tal, bogstaver og specialtegn, som er svær for andre at gætte – men nem for dig at huske. Du kan altid ændre dit bruger-ID på MitID.dk.',
    en: 'Make up a combination of digits, letters and special characters that is hard for others to guess but easy for you to remember. You can always change your user ID at MitID.dk.',
  },
  'wizard.userId.dontShare': {
    da: 'Lad være med at dele dit bruger-ID med andre – undtagen hvis du selv henvender dig til din bank eller til MitID support for at få hjælp.',
    en: 'Do not share your user ID with others – except when you yourself contact your bank or MitID support for help.',
  },
  'wizard.userId.suggestion': {
    da: 'Dit bruger-ID fra NemID, {userId}, er reserveret til dig. Du kan bruge det eller vælge et andet.',
    en: 'Your NemID user ID, {userId}, is reserved for you. You can use it or choose another.',
  },
  'wizard.userId.label': { da: 'Bruger-ID', en: 'User ID' },
  'wizard.userId.allGood': {
    da: 'Bruger-ID’et opfylder kravene.',
    en: 'The user ID meets the requirements.',
  },
  'wizard.userId.reserved': {
    da: 'Bruger-ID’et er reserveret til en anden. Vælg et andet.',
    en: 'The user ID is reserved for someone else. Choose another.',
  },
  'wizard.userId.alreadyHasMitid': {
    da: 'Du har allerede MitID. Du kan ændre dit bruger-ID på MitID.dk.',
    en: 'You already have MitID. You can change your user ID at MitID.dk.',
  },
  'wizard.get.titleApp': { da: 'Hent MitID app', en: 'Get the MitID app' },
  'wizard.get.titleDevice': {
    da: 'Bestil din {device}',
    en: 'Order your {device}',
  },
  'wizard.get.appNow': {
    da: 'Du har valgt MitID app, så du skal hente appen med det samme. Den er gratis.',
    en: 'You chose the MitID app, so get the app right away. It is free.',
  },
  'wizard.get.appWhere': {
    da: 'MitID app åbnes i browseren på din telefon eller tablet og kan lægges på hjemmeskærmen. Scan QR-koden med kameraet, eller gå til adressen:',
    en: 'The MitID app opens in the browser on your phone or tablet and can be added to the home screen. Scan the QR code with the camera, or go to the address:',
  },
  'wizard.get.qrAlt': {
    da: 'QR-kode med adressen på MitID app: {url}',
    en: 'QR code with the address of the MitID app: {url}',
  },
  'wizard.get.severalUsersTitle': { da: 'Flere brugere', en: 'Several users' },
  'wizard.get.severalUsers': {
    da: 'MitID appen kan have flere bruger-ID’er tilknyttet. Det betyder fx, at flere personer i den samme husstand kan benytte den samme tablet med kun én MitID app. I må dog aldrig dele jeres koder mv. med hinanden. Derfor skal I have hver jeres bruger-ID og PIN-kode. Du kan tilføje brugere under indstillinger i MitID appen.',
    en: 'The MitID app can have several user IDs. For example, several people in one household can use the same tablet with just one MitID app. But you must never share your codes with each other, so each of you needs your own user ID and PIN. You add users under settings in the MitID app.',
  },
  'wizard.get.haveApp': { da: 'Jeg har hentet appen – FORTSÆT', en: 'I have the app – CONTINUE' },
  'wizard.get.deviceIntro': {
    da: 'Du skal vælge, om du vil have den sendt med posten eller hente den i Borgerservice. Med posten modtager du den inden for 15 dage.',
    en: 'Choose whether to have it sent by post or to collect it at Borgerservice. By post it arrives within 15 days.',
  },
  'wizard.get.deliveryLegend': { da: 'Hvordan vil du have den?', en: 'How do you want to get it?' },
  'wizard.get.postHint': {
    da: 'Sendes til {address}. Du får den inden for 15 dage og får et brev i Digital Post.',
    en: 'Sent to {address}. It arrives within 15 days, and you get a letter in Digital Post.',
  },
  'wizard.get.pickupHint': {
    da: 'Vælg et borgerservicecenter og en ledig tid nedenfor.',
    en: 'Choose a Borgerservice centre and a free time below.',
  },
  'wizard.get.officeLabel': { da: 'Borgerservice', en: 'Borgerservice centre' },
  'wizard.get.showSlots': { da: 'Vis ledige tider', en: 'Show free times' },
  'wizard.get.slotLegend': { da: 'Vælg en ledig tid', en: 'Choose a free time' },
  'wizard.get.noSlots': {
    da: 'Der er ingen ledige tider de næste 3 uger. Vælg et andet borgerservicecenter eller få den med posten.',
    en: 'There are no free times in the next 3 weeks. Choose another centre or get it by post.',
  },
  'wizard.get.order': { da: 'Bestil – FORTSÆT', en: 'Order – CONTINUE' },
  'wizard.get.deliveryRequired': {
    da: 'Vælg, hvordan du vil have den.',
    en: 'Choose how you want to get it.',
  },
  'wizard.get.slotRequired': { da: 'Vælg en ledig tid.', en: 'Choose a free time.' },
  'wizard.activate.titleApp': { da: 'Aktivér MitID app', en: 'Activate the MitID app' },
  'wizard.activate.titleDevice': { da: 'Aktivér din {device}', en: 'Activate your {device}' },
  'wizard.activate.appIntro': {
    da: 'Før du kan komme i gang med at bruge MitID, skal du aktivere din MitID app. Det kan du gøre med det samme:',
    en: 'Before you can start using MitID, activate your MitID app. You can do it right away:',
  },
  'wizard.activate.appStep1': { da: 'Åbn appen.', en: 'Open the app.' },
  'wizard.activate.appStep2': {
    da: 'Indtast dit bruger-ID i appen: {userId}',
    en: 'Enter your user ID in the app: {userId}',
  },
  'wizard.activate.appStep3': {
    da: 'Indtast aktiveringskoden, som du ser her. Du modtager derefter en midlertidig PIN-kode og vælger din personlige PIN-kode.',
    en: 'Enter the activation code shown here. You then receive a temporary PIN and choose your personal PIN.',
  },
  'wizard.activate.showCode': { da: 'Vis aktiveringskode', en: 'Show activation code' },
  'wizard.activate.newCode': { da: 'Lav en ny aktiveringskode', en: 'Make a new activation code' },
  'wizard.activate.codeLabel': { da: 'Din aktiveringskode', en: 'Your activation code' },
  'wizard.activate.codeValid': {
    da: 'Koden virker én gang og udløber kl. {time}. Del den aldrig med andre.',
    en: 'The code works once and expires at {time}. Never share it with anyone.',
  },
  'wizard.activate.codeShown': {
    da: 'Der er lavet en aktiveringskode. Af sikkerhedshensyn vises den kun én gang. Har du ikke nået at bruge den, kan du lave en ny.',
    en: 'An activation code has been made. For your security it is shown only once. If you did not use it in time, make a new one.',
  },
  'wizard.userId.tooManyChecks': {
    da: "Du har prøvet for mange bruger-ID'er, der allerede er i brug. Ring til MitID Support på 33 98 00 10, så hjælper vi dig videre.",
    en: 'You have tried too many user-IDs that are already in use. Call MitID Support on +45 33 98 00 10 and we will help you on.',
  },
  'wizard.activate.codeBlocked': {
    da: 'Din aktiveringskode er spærret, fordi der er tastet for mange forkerte koder. Lav en ny kode.',
    en: 'Your activation code is blocked because too many wrong codes were typed. Make a new code.',
  },
  'wizard.activate.sendLimit': {
    da: 'Du har lavet {max} aktiveringskoder inden for en time. Vent lidt, og prøv igen.',
    en: 'You have made {max} activation codes within an hour. Wait a little and try again.',
  },
  'wizard.activate.deviceWait': {
    da: 'Du kan først aktivere MitID, når du har modtaget din {device}. Når den er kommet, logger du ind i din netbank med NemID, som du plejer, og trykker på FÅ MITID NU – så fortsætter du her.',
    en: 'You can only activate MitID once you have received your {device}. When it has arrived, log in to your net bank with NemID as usual and press GET MITID NOW – then you continue here.',
  },
  'wizard.activate.deviceWaitMitid': {
    da: 'Du kan først aktivere MitID, når du har modtaget din {device}. Når den er kommet, logger du ind på MitID.dk med NemID – så fortsætter du her.',
    en: 'You can only activate MitID once you have received your {device}. When it has arrived, log in at MitID.dk with NemID – then you continue here.',
  },
  'wizard.activate.orderStatus': {
    da: 'Status for din bestilling: {status}',
    en: 'Status of your order: {status}',
  },
  'wizard.activate.expectedBy': { da: 'Forventet senest: {date}', en: 'Expected by: {date}' },
  'wizard.activate.tracking': { da: 'Forsendelsesnummer: {no}', en: 'Tracking number: {no}' },
  'wizard.activate.pickupAt': {
    da: 'Hentes i {office} {date} kl. {time}',
    en: 'Collect at {office} on {date} at {time}',
  },
  'wizard.activate.arrived': {
    da: 'Din {device} er modtaget. Sådan aktiverer du den:',
    en: 'Your {device} has arrived. This is how you activate it:',
  },
  'wizard.activate.deviceStep1': {
    da: 'Opret din MitID adgangskode. Den skal indeholde mindst 8 tegn og må ikke indeholde dit bruger-ID.',
    en: 'Create your MitID password. It must have at least 8 characters and must not contain your user ID.',
  },
  'wizard.activate.deviceStep2': {
    da: 'Indtast det serienummer, som står på bagsiden: {serial}',
    en: 'Enter the serial number on the back: {serial}',
  },
  'wizard.activate.deviceStep3': {
    da: 'Tryk på knappen ved siden af displayet. Nu kommer der en kode frem. Indtast koden.',
    en: 'Press the button beside the display. A code appears. Enter the code.',
  },
  'wizard.activate.deviceSoon': {
    da: 'Aktivering af kodeviser og kodeoplæser åbner i en kommende version af denne demonstration.',
    en: 'Activation of code displays and code readers opens in a coming version of this demonstration.',
  },
  'wizard.activate.backToRa': { da: 'Tilbage til {ra}', en: 'Back to {ra}' },
} satisfies Record<string, Text>;
