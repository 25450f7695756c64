import type { Text } from './types.ts';

/** Texts of Min Bank (src/services/bank). The MitID banner follows the citizen's guide word for word. */
export const bank = {
  'bank.home.title': { da: 'Velkommen til Min Bank', en: 'Welcome to Min Bank' },
  'bank.home.intro': {
    da: 'Log på din netbank for at se dine konti.',
    en: 'Log in to your net bank to see your accounts.',
  },
  'bank.home.loginMitid': { da: 'Log på med MitID', en: 'Log in with MitID' },
  'bank.home.noMitidYet': { da: 'Har du ikke MitID endnu?', en: 'No MitID yet?' },
  'bank.home.login': { da: 'Log på med NemID', en: 'Log in with NemID' },
  'bank.home.toGetMitid': { da: 'for at få MitID.', en: 'to get MitID.' },
  'bank.mitid.referenceText': { da: 'Log på Min Bank', en: 'Log on to Min Bank' },
  'bank.login.mitidCancelled': {
    da: 'Du afbrød login. Du kan prøve igen, når du er klar.',
    en: 'You cancelled the login. You can try again when you are ready.',
  },
  'bank.login.noLogin': {
    da: 'Dette login blev ikke startet i denne browser, eller det er allerede brugt. Du er ikke logget på. Start forfra.',
    en: 'This login was not started in this browser, or it has already been used. You are not logged in. Please start again.',
  },
  'bank.login.notCustomerMitid': {
    da: 'Du er logget på med MitID, men du er ikke kunde i Min Bank. Kontakt banken, hvis du mener, det er en fejl.',
    en: 'You logged in with MitID, but you are not a customer of Min Bank. Contact the bank if you think this is a mistake.',
  },
  'bank.login.cprMatchExceeded': {
    da: 'Vi kunne ikke bekræfte dit CPR-nummer, fordi det blev tastet forkert 3 gange. Du er ikke logget på. Prøv igen: du logger på med MitID igen.',
    en: 'We could not confirm your CPR number because it was typed wrong 3 times. You are not logged in. Try again: you will log in with MitID again.',
  },
  'bank.login.mitidOfOther': {
    da: 'Din kundeprofil er allerede knyttet til et andet MitID. Kontakt banken.',
    en: 'Your customer profile is already linked to another MitID. Please contact the bank.',
  },
  'bank.login.mitidUnavailable': {
    da: 'Vi kunne ikke logge dig på med MitID lige nu. Prøv igen om lidt.',
    en: 'We could not log you in with MitID right now. Please try again shortly.',
  },
  'bank.home.loggedOut': { da: 'Du er logget af.', en: 'You have been logged out.' },
  'bank.login.failedTitle': { da: 'Log på mislykkedes', en: 'Login failed' },
  'bank.login.failed': {
    da: 'Vi kunne ikke logge dig på. Prøv igen.',
    en: 'We could not log you in. Please try again.',
  },
  'bank.login.cancelled': {
    da: 'Du afbrød log på. Du kan prøve igen, når du er klar.',
    en: 'You cancelled the login. You can try again when you are ready.',
  },
  'bank.login.notCustomer': {
    da: 'Du er ikke kunde i Min Bank. Har du ikke en netbank, kan du få MitID på MitID.dk.',
    en: 'You are not a customer of Min Bank. If you have no net bank, you can get MitID at MitID.dk.',
  },
  'bank.login.tryAgain': { da: 'Prøv igen', en: 'Try again' },
  'bank.overview.title': { da: 'Kontooversigt', en: 'Account overview' },
  'bank.overview.greeting': { da: 'Velkommen, {name}', en: 'Welcome, {name}' },
  'bank.overview.customerNo': { da: 'Kundenummer {no}', en: 'Customer number {no}' },
  'bank.overview.caption': { da: 'Dine konti', en: 'Your accounts' },
  'bank.overview.account': { da: 'Konto', en: 'Account' },
  'bank.overview.number': { da: 'Kontonummer', en: 'Account number' },
  'bank.overview.balance': { da: 'Saldo', en: 'Balance' },
  'bank.overview.noAccounts': { da: 'Du har ingen konti.', en: 'You have no accounts.' },
  'bank.overview.cards': { da: 'Kortoplysninger', en: 'Card details' },
  'bank.cards.title': { da: 'Kortoplysninger', en: 'Card details' },
  'bank.cards.stepUp': {
    da: 'Dine kortoplysninger kræver MitID på sikringsniveau Høj. Bekræft med din MitID-app og din PIN-kode.',
    en: 'Your card details need MitID at assurance level High. Confirm with your MitID app and your PIN.',
  },
  'bank.cards.notHigh': {
    da: 'Dit login nåede ikke sikringsniveau Høj, så vi kan ikke vise kortoplysningerne.',
    en: 'Your login did not reach assurance level High, so we cannot show the card details.',
  },
  'bank.cards.confirm': { da: 'Bekræft med MitID', en: 'Confirm with MitID' },
  'bank.cards.card': { da: 'Visa/Dankort', en: 'Visa/Dankort' },
  'bank.cards.number': { da: 'Kortnummer', en: 'Card number' },
  'bank.cards.expiry': { da: 'Udløbsdato', en: 'Expiry date' },
  'bank.cards.holder': { da: 'Kortholder', en: 'Cardholder' },
  'bank.cards.back': { da: 'Tilbage til kontooversigten', en: 'Back to the account overview' },
  'bank.banner.title': { da: 'Nu er det din tur til at få MitID', en: 'Now it is your turn to get MitID' },
  'bank.banner.deadline': {
    da: 'Du kan kun bruge dit NemID hos os ind til om {days} dage.',
    en: 'You can only use your NemID with us for {days} more days.',
  },
  'bank.banner.deadlineOne': {
    da: 'Du kan kun bruge dit NemID hos os ind til om 1 dag.',
    en: 'You can only use your NemID with us for 1 more day.',
  },
  'bank.banner.why': {
    da: 'Du skal derfor have MitID, så du fortsat kan logge på, godkende overførsler osv.',
    en: 'You therefore need MitID so that you can keep logging in, approving transfers and so on.',
  },
  'bank.banner.use': {
    da: 'Du kan bruge MitID til alt det, du plejer at bruge NemID til, fx digital selvbetjening på borger.dk, sundhed.dk eller hos os.',
    en: 'You can use MitID for everything you usually use NemID for, e.g. digital self-service at borger.dk, sundhed.dk or with us.',
  },
  'bank.banner.needTitle': { da: 'Hvad skal du bruge?', en: 'What do you need?' },
  'bank.banner.needIntro': { da: 'For at få MitID skal du bruge:', en: 'To get MitID you need:' },
  'bank.banner.needNemid': { da: 'Dit NemID', en: 'Your NemID' },
  'bank.banner.needPhone': { da: 'Din mobiltelefon eller e-mail', en: 'Your mobile phone or e-mail' },
  'bank.banner.getNow': { da: 'FÅ MITID NU', en: 'GET MITID NOW' },
  'bank.banner.later': { da: 'JEG GØR DET SENERE', en: 'I WILL DO IT LATER' },
  'bank.getMitid.title': { da: 'Få MitID', en: 'Get MitID' },
  'bank.getMitid.intro': {
    da: 'Når du trykker på FÅ MITID NU, fortæller Min Bank MitID, at det er dig, og du fortsætter på MitID’s sider. Er du allerede begyndt, fortsætter du, hvor du slap.',
    en: 'When you press GET MITID NOW, Min Bank tells MitID that it is you, and you continue on the MitID pages. If you have already started, you continue where you left off.',
  },
  'bank.getMitid.failed': {
    da: 'Vi kunne ikke starte MitID lige nu. Prøv igen om lidt.',
    en: 'We could not start MitID right now. Please try again shortly.',
  },
  'bank.getMitid.alreadyEnrolled': {
    da: 'Du har allerede MitID. Du kan ændre dine oplysninger på MitID.dk.',
    en: 'You already have MitID. You can change your details at MitID.dk.',
  },
  'bank.getMitid.loginAgain': {
    da: 'Af sikkerhedshensyn skal du logge på igen, før du kan få MitID.',
    en: 'For your security, log in again before you get MitID.',
  },
  'bank.getMitid.returnTitle': { da: 'Velkommen tilbage', en: 'Welcome back' },
  'bank.getMitid.returnText': {
    da: 'Du er tilbage i Min Bank. Du kan fortsætte med at få MitID, når det passer dig: tryk på FÅ MITID NU igen, så fortsætter du, hvor du slap.',
    en: 'You are back in Min Bank. You can carry on getting MitID whenever it suits you: press GET MITID NOW again and you continue where you left off.',
  },
  'bank.getMitid.back': { da: 'Tilbage til kontooversigten', en: 'Back to the account overview' },
  'bank.banner.enrollingTitle': { da: 'Du er i gang med at få MitID', en: 'You are getting MitID' },
  'bank.banner.enrolling': {
    da: 'Fortsæt, hvor du slap. Har du bestilt en kodeviser eller kodeoplæser, kan du aktivere den her, når den er kommet.',
    en: 'Carry on where you left off. If you ordered a code display or code reader, you can activate it here once it has arrived.',
  },
  'bank.banner.continue': { da: 'FORTSÆT MED MITID', en: 'CONTINUE WITH MITID' },
  'bank.banner.hasMitid': { da: 'Du har MitID. Tak!', en: 'You have MitID. Thank you!' },
} satisfies Record<string, Text>;
