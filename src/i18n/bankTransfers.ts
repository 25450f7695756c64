import type { Text } from './types.ts';

/** Texts of Min Bank's transfers approved with MitID (src/services/bank/transfers). */
export const bankTransfers = {
  'bank.transfer.link': { da: 'Overfør penge', en: 'Transfer money' },
  'bank.transfer.title': { da: 'Overfør penge', en: 'Transfer money' },
  'bank.transfer.intro': {
    da: 'Du godkender overførslen med MitID, før vi gennemfører den.',
    en: 'You approve the transfer with MitID before we carry it out.',
  },
  'bank.transfer.from': { da: 'Fra konto', en: 'From account' },
  'bank.transfer.fromOption': {
    da: '{name} ({number}), saldo {balance}',
    en: '{name} ({number}), balance {balance}',
  },
  'bank.transfer.to': { da: 'Til konto', en: 'To account' },
  'bank.transfer.regNo': { da: 'Reg.nr.', en: 'Sort code (reg. no.)' },
  'bank.transfer.regNoHint': { da: '4 cifre', en: '4 digits' },
  'bank.transfer.accountNo': { da: 'Kontonr.', en: 'Account number' },
  'bank.transfer.accountNoHint': { da: 'Op til 10 cifre', en: 'Up to 10 digits' },
  'bank.transfer.amount': { da: 'Beløb i kroner', en: 'Amount in kroner' },
  'bank.transfer.amountHint': { da: 'For eksempel 1.250,00', en: 'For example 1250.00' },
  'bank.transfer.message': { da: 'Besked til modtager (valgfri)', en: 'Message to the recipient (optional)' },
  'bank.transfer.messageHint': { da: 'Højst 35 tegn', en: 'At most 35 characters' },
  'bank.transfer.continue': { da: 'Fortsæt', en: 'Continue' },
  'bank.transfer.back': { da: 'Tilbage til kontooversigten', en: 'Back to the account overview' },
  'bank.transfer.error.from': {
    da: 'Vælg den konto, du vil overføre fra',
    en: 'Choose the account to transfer from',
  },
  'bank.transfer.error.regNoMissing': { da: 'Indtast reg.nr.', en: 'Enter the sort code' },
  'bank.transfer.error.regNo': { da: 'Reg.nr. skal være 4 cifre', en: 'The sort code must be 4 digits' },
  'bank.transfer.error.accountNoMissing': { da: 'Indtast kontonr.', en: 'Enter the account number' },
  'bank.transfer.error.accountNo': {
    da: 'Kontonr. skal være 1 til 10 cifre',
    en: 'The account number must be 1 to 10 digits',
  },
  'bank.transfer.error.sameAccount': {
    da: 'Du kan ikke overføre til den konto, du overfører fra',
    en: 'You cannot transfer to the account you transfer from',
  },
  'bank.transfer.error.amountMissing': { da: 'Indtast beløbet', en: 'Enter the amount' },
  'bank.transfer.error.amountFormat': {
    da: 'Skriv beløbet som 1.250,00 eller 1250.00',
    en: 'Write the amount as 1250.00 or 1.250,00',
  },
  'bank.transfer.error.amountTooLarge': {
    da: 'Beløbet kan højst have 9 cifre før kommaet',
    en: 'The amount can have at most 9 digits before the decimal point',
  },
  'bank.transfer.error.amountZero': {
    da: 'Beløbet skal være større end 0',
    en: 'The amount must be more than 0',
  },
  'bank.transfer.error.amountOverBalance': {
    da: 'Beløbet er større end saldoen på kontoen',
    en: 'The amount is more than the balance of the account',
  },
  'bank.transfer.error.messageTooLong': {
    da: 'Beskeden kan højst være 35 tegn',
    en: 'The message can be at most 35 characters',
  },
  'bank.transfer.error.messageChars': {
    da: 'Beskeden må kun være almindelig tekst på én linje',
    en: 'The message can only be plain text on one line',
  },
  'bank.transfer.tooMany': {
    da: 'Du har startet mange overførsler på kort tid. Vent et kvarter, og prøv igen.',
    en: 'You have started many transfers in a short time. Wait a quarter of an hour and try again.',
  },
  'bank.transfer.needMitid': {
    da: 'Du skal være logget på med MitID for at overføre penge.',
    en: 'You must be logged in with MitID to transfer money.',
  },
  'bank.transfer.loginMitid': { da: 'Log på med MitID', en: 'Log in with MitID' },
  'bank.transfer.confirmTitle': { da: 'Godkend overførslen', en: 'Approve the transfer' },
  'bank.transfer.confirmIntro': {
    da: 'Det er denne tekst, du godkender i MitID app:',
    en: 'This is the text you approve in the MitID app:',
  },
  'bank.transfer.approve': { da: 'Godkend med MitID', en: 'Approve with MitID' },
  'bank.transfer.edit': { da: 'Ret overførslen', en: 'Change the transfer' },
  'bank.transfer.mitidUnavailable': {
    da: 'Vi kunne ikke få fat i MitID lige nu. Overførslen er ikke gennemført. Prøv igen om lidt.',
    en: 'We could not reach MitID right now. The transfer has not been made. Please try again shortly.',
  },
  'bank.transfer.notBookedTitle': {
    da: 'Overførslen er ikke gennemført',
    en: 'The transfer has not been made',
  },
  'bank.transfer.cancelled': {
    da: 'Du godkendte ikke overførslen i MitID, eller tiden løb ud. Der er ikke overført penge.',
    en: 'You did not approve the transfer in MitID, or the time ran out. No money has been transferred.',
  },
  'bank.transfer.expired': {
    da: 'Godkendelsen tog for lang tid. Der er ikke overført penge.',
    en: 'The approval took too long. No money has been transferred.',
  },
  'bank.transfer.refused': {
    da: 'Vi kunne ikke bekræfte din godkendelse fra MitID. Der er ikke overført penge.',
    en: 'We could not confirm your approval from MitID. No money has been transferred.',
  },
  'bank.transfer.insufficient': {
    da: 'Der er ikke penge nok på kontoen. Der er ikke overført penge.',
    en: 'There is not enough money in the account. No money has been transferred.',
  },
  'bank.transfer.noApproval': {
    da: 'Denne godkendelse blev ikke startet i denne browser, eller den er allerede brugt. Der er ikke overført penge.',
    en: 'This approval was not started in this browser, or it has already been used. No money has been transferred.',
  },
  'bank.transfer.tryAgain': { da: 'Prøv igen', en: 'Try again' },
  'bank.transfer.bookedTitle': { da: 'Overførslen er gennemført', en: 'The transfer has been made' },
  'bank.transfer.bookedText': {
    da: 'Du godkendte overførslen med MitID, og vi har gennemført den.',
    en: 'You approved the transfer with MitID, and we have carried it out.',
  },
  'bank.transfer.receipt': { da: 'Kvittering', en: 'Receipt' },
  'bank.transfer.approvedText': { da: 'Godkendt tekst', en: 'Approved text' },
  'bank.transfer.approvedAt': { da: 'Godkendt', en: 'Approved' },
  'bank.transfer.bookedAt': { da: 'Gennemført', en: 'Carried out' },
  'bank.transfer.level': { da: 'Sikringsniveau', en: 'Assurance level' },
  'bank.transfer.tokenId': { da: 'Bevisets id (jti)', en: "The evidence's id (jti)" },
  'bank.transfer.evidenceLink': { da: 'Se bevis', en: 'See the evidence' },
  'bank.transfer.evidenceTitle': { da: 'Bevis for godkendelsen', en: 'Evidence of the approval' },
  'bank.transfer.evidenceIntro': {
    da: 'MitID udstedte dette signerede bevis (transaction token), da du godkendte overførslen. Vi kontrollerede det, før vi gennemførte overførslen.',
    en: 'MitID issued this signed evidence (transaction token) when you approved the transfer. We checked it before we carried out the transfer.',
  },
  'bank.transfer.evidenceHeader': { da: 'Header', en: 'Header' },
  'bank.transfer.evidenceClaims': { da: 'Indhold', en: 'Contents' },
  'bank.transfer.evidenceToken': { da: 'Det signerede bevis', en: 'The signed evidence' },
  'bank.transfer.backToReceipt': { da: 'Tilbage til kvitteringen', en: 'Back to the receipt' },
  'bank.transfer.notFound': {
    da: 'Vi kan ikke finde den overførsel.',
    en: 'We cannot find that transfer.',
  },
  'bank.transfer.level.substantial': { da: 'Betydelig', en: 'Substantial' },
  'bank.transfer.level.high': { da: 'Høj', en: 'High' },
} satisfies Record<string, Text>;
