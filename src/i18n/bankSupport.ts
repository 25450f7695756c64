import type { Text } from './types.ts';

/** Texts of Min Bank's phone support page (src/services/bank/support): staff only. */
export const bankSupport = {
  'bankSupport.title': { da: 'Telefonsupport', en: 'Phone support' },
  'bankSupport.login.intro': {
    da: 'Kun for Min Banks medarbejdere. Log på med supportens adgangskode.',
    en: "For Min Bank's staff only. Log in with the support password.",
  },
  'bankSupport.login.password': { da: 'Adgangskode', en: 'Password' },
  'bankSupport.login.submit': { da: 'Log på', en: 'Log in' },
  'bankSupport.login.wrong': {
    da: 'Adgangskoden er forkert.',
    en: 'The password is wrong.',
  },
  'bankSupport.logout': { da: 'Log af', en: 'Log out' },
  'bankSupport.find.title': { da: 'Find kunde', en: 'Find a customer' },
  'bankSupport.find.customerNo': { da: 'Kundenummer', en: 'Customer number' },
  'bankSupport.find.hint': {
    da: 'Kun cifre. Kunden finder det i netbanken.',
    en: 'Digits only. The customer finds it in the net bank.',
  },
  'bankSupport.find.submit': { da: 'Find kunde', en: 'Find customer' },
  'bankSupport.find.invalid': {
    da: 'Indtast kundenummeret med cifre, fx 100001.',
    en: 'Enter the customer number in digits, e.g. 100001.',
  },
  'bankSupport.find.unknown': {
    da: 'Der er ingen kunde med kundenummer {no}.',
    en: 'There is no customer with customer number {no}.',
  },
  'bankSupport.customer.title': { da: 'Kunde {no}', en: 'Customer {no}' },
  'bankSupport.customer.name': { da: 'Navn: {name}', en: 'Name: {name}' },
  'bankSupport.customer.noMitid': {
    da: 'Kunden har ikke knyttet MitID til Min Bank endnu. Bed kunden logge på netbanken med MitID én gang; derefter kan du sende en anmodning til kundens MitID app.',
    en: 'The customer has not linked MitID to Min Bank yet. Ask the customer to log in to the net bank with MitID once; then you can send a request to their MitID app.',
  },
  'bankSupport.send.message': { da: 'Tekst til kunden', en: 'Text for the customer' },
  'bankSupport.send.hint': {
    da: 'Kunden ser teksten i MitID app. Læs koden op for kunden, så kunden kan tjekke, at det er dig. Højst 130 tegn.',
    en: 'The customer sees the text in the MitID app. Read the code out to the customer, so they can check that it is you. At most 130 characters.',
  },
  'bankSupport.send.suggestion': {
    da: 'Bekræft opkald fra Min Bank: {code}',
    en: 'Confirm the call from Min Bank: {code}',
  },
  'bankSupport.send.submit': { da: 'Send til kundens MitID app', en: "Send to the customer's MitID app" },
  'bankSupport.send.invalid': {
    da: 'Teksten skal være 1-130 almindelige tegn på én linje.',
    en: 'The text must be 1-130 ordinary characters on one line.',
  },
  'bankSupport.send.failed': {
    da: 'MitID kunne ikke nås. Prøv igen om lidt.',
    en: 'MitID could not be reached. Try again in a moment.',
  },
  'bankSupport.call.title': { da: 'Anmodning til kunde {no}', en: 'Request to customer {no}' },
  'bankSupport.call.text': { da: 'Tekst: {text}', en: 'Text: {text}' },
  'bankSupport.call.pending': {
    da: 'Venter på kunden … Siden opdaterer sig selv.',
    en: 'Waiting for the customer … The page updates itself.',
  },
  'bankSupport.call.approved': { da: 'Godkendt', en: 'Approved' },
  'bankSupport.call.approvedText': {
    da: 'Kunden har godkendt i MitID app. Det er kunden, du taler med.',
    en: 'The customer approved in the MitID app. It is the customer you are talking to.',
  },
  'bankSupport.call.rejected': { da: 'Afvist', en: 'Rejected' },
  'bankSupport.call.rejectedText': {
    da: 'Kunden har afvist anmodningen. Du må ikke gå videre uden anden legitimation.',
    en: 'The customer rejected the request. Do not go on without other identification.',
  },
  'bankSupport.call.expired': { da: 'Udløbet', en: 'Expired' },
  'bankSupport.call.expiredText': {
    da: 'Kunden svarede ikke i tide. Du kan sende en ny anmodning.',
    en: 'The customer did not answer in time. You can send a new request.',
  },
  'bankSupport.call.refused': { da: 'Ikke sendt', en: 'Not sent' },
  'bankSupport.call.refusedText': {
    da: 'MitID sendte ikke anmodningen (fx for mange anmodninger, eller kunden har anmeldt Min Bank). Hjælp kunden på anden vis.',
    en: 'MitID did not send the request (e.g. too many requests, or the customer reported Min Bank). Help the customer another way.',
  },
  'bankSupport.call.failedText': {
    da: 'Svaret fra MitID kunne ikke læses. Send en ny anmodning.',
    en: 'The answer from MitID could not be read. Send a new request.',
  },
  'bankSupport.call.refresh': { da: 'Opdater', en: 'Refresh' },
  'bankSupport.call.back': { da: 'Find en anden kunde', en: 'Find another customer' },
} satisfies Record<string, Text>;
