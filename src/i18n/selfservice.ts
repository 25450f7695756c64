import type { Text } from './types.ts';

/**
 * Texts of MitID.dk after logging in with MitID (src/flows/selfservice): the profile page, the
 * gates ("Anmod om adgang"), buying and adding a chip, changing the password, and the notices
 * the gates send. The wording follows mitid.dk's help pages (../shared/docs/selfservice.md §2.4,
 * §2.5, §2.9) where they have words.
 */
export const selfservice = {
  'selfservice.loginLink': { da: 'Log på MitID.dk', en: 'Log in to MitID.dk' },
  'selfservice.loginText': {
    da: 'Har du MitID, kan du se dine identifikationsmidler, købe en MitID chip og skifte din adgangskode.',
    en: 'If you have MitID, you can see your authenticators, buy a MitID chip and change your password.',
  },
  'selfservice.referenceText': { da: 'Log på MitID.dk', en: 'Log in to MitID.dk' },
  'selfservice.logout': { da: 'Log af', en: 'Log out' },
  'selfservice.loggedOut.title': { da: 'Du er logget af', en: 'You are logged out' },
  'selfservice.loggedOut.text': {
    da: 'Du er logget af MitID.dk.',
    en: 'You are logged out of MitID.dk.',
  },
  'selfservice.loginAgain': { da: 'Log på igen', en: 'Log in again' },
  'selfservice.login.failedTitle': { da: 'Du blev ikke logget på', en: 'You were not logged in' },
  'selfservice.login.cancelled': {
    da: 'Du afbrød login med MitID.',
    en: 'You cancelled the MitID login.',
  },
  'selfservice.login.noLogin': {
    da: 'Login kunne ikke afsluttes i denne browser. Start forfra.',
    en: 'The login could not be finished in this browser. Start again.',
  },
  'selfservice.login.unavailable': {
    da: 'MitID.dk kan ikke logge dig på lige nu. Prøv igen om lidt.',
    en: 'MitID.dk cannot log you in right now. Try again in a moment.',
  },
  'selfservice.login.notInUse': {
    da: 'Dit MitID er ikke taget i brug. Tag det i brug først, og prøv igen.',
    en: 'Your MitID is not in use. Start using it first, then try again.',
  },
  'selfservice.sessionEnded': {
    da: 'Du er ikke logget på MitID.dk, eller du har været inaktiv for længe. Log på igen.',
    en: 'You are not logged in to MitID.dk, or you were inactive for too long. Log in again.',
  },

  'selfservice.profile.title': { da: 'Min MitID', en: 'My MitID' },
  'selfservice.profile.name': { da: 'Navn', en: 'Name' },
  'selfservice.profile.userId': { da: 'Bruger-ID', en: 'User ID' },
  'selfservice.means.title': { da: 'Mine identifikationsmidler', en: 'My authenticators' },
  'selfservice.means.kind': { da: 'Identifikationsmiddel', en: 'Authenticator' },
  'selfservice.means.label': { da: 'Navn eller serienummer', en: 'Name or serial number' },
  'selfservice.means.status': { da: 'Status', en: 'Status' },
  'selfservice.means.activated': { da: 'Aktiveret', en: 'Activated' },
  'selfservice.means.none': { da: 'Du har ingen identifikationsmidler.', en: 'You have no authenticators.' },
  'selfservice.kind.app': { da: 'MitID app', en: 'MitID app' },
  'selfservice.kind.codeDisplay': { da: 'MitID kodeviser', en: 'MitID code display' },
  'selfservice.kind.codeReader': { da: 'MitID kodeoplæser', en: 'MitID audio code reader' },
  'selfservice.kind.chip': { da: 'MitID chip', en: 'MitID chip' },
  'selfservice.kind.password': { da: 'MitID adgangskode', en: 'MitID password' },
  'selfservice.status.active': { da: 'Aktiv', en: 'Active' },
  'selfservice.status.blocked': { da: 'Spærret', en: 'Blocked' },
  'selfservice.status.revoked': { da: 'Tilbagekaldt', en: 'Revoked' },
  'selfservice.actions.title': { da: 'Det kan du gøre', en: 'What you can do' },
  'selfservice.buyChip': { da: 'Køb MitID chip', en: 'Buy MitID chip' },
  'selfservice.addChip': { da: 'Tilføj chip', en: 'Add chip' },
  'selfservice.changePassword': { da: 'Skift adgangskode', en: 'Change password' },
  'selfservice.back': { da: 'Tilbage til Min MitID', en: 'Back to My MitID' },

  'selfservice.gate.title.addChip': { da: 'Tilføj MitID chip', en: 'Add MitID chip' },
  'selfservice.gate.title.changePassword': { da: 'Skift adgangskode', en: 'Change password' },
  'selfservice.gate.none': {
    da: 'Af sikkerhedsmæssige årsager skal du vente 24 timer, før du kan gøre det. Tryk på "Anmod om adgang". Du får besked på SMS eller e-mail, når du kan fortsætte.',
    en: 'For security reasons, you need to wait 24 hours before you can do this. Tap "Request access". You get a notification by SMS or e-mail when you can continue.',
  },
  'selfservice.gate.request': { da: 'Anmod om adgang', en: 'Request access' },
  'selfservice.gate.waiting': {
    da: 'Du har anmodet om adgang. Du kan fortsætte fra {opens}. Vi sender dig en besked, når du har fået adgang.',
    en: 'You have requested access. You can continue from {opens}. We will notify you when you gain access.',
  },
  'selfservice.gate.open': {
    da: 'Du har fået adgang. Den gælder til {expires}.',
    en: 'You have gained access. It is valid until {expires}.',
  },
  'selfservice.gate.cancel': { da: 'Annullér anmodningen', en: 'Cancel the request' },
  'selfservice.gate.cancelled': {
    da: 'Din anmodning er annulleret.',
    en: 'Your request has been cancelled.',
  },
  'selfservice.gate.notOpen': {
    da: 'Du har ikke adgang endnu. Anmod om adgang, og vent 24 timer.',
    en: 'You do not have access yet. Request access and wait 24 hours.',
  },
  'selfservice.gate.notice.requested.subject': {
    da: 'Anmodning om ændring af dit MitID',
    en: 'Request to change your MitID',
  },
  'selfservice.gate.notice.requested.body': {
    da: 'Der er {date} kl. {time} anmodet om adgang til at {what} på MitID.dk. Du kan fortsætte om 24 timer. Var det ikke dig? Spær din MitID på mitid.dk eller ring til MitID support på 33 98 00 10.',
    en: 'On {date} at {time} access was requested to {what} on MitID.dk. You can continue in 24 hours. Was it not you? Block your MitID on mitid.dk or call MitID support on +45 33 98 00 10.',
  },
  'selfservice.gate.notice.open.subject': {
    da: 'Du har fået adgang på MitID.dk',
    en: 'You have gained access on MitID.dk',
  },
  'selfservice.gate.notice.open.body': {
    da: 'Du kan nu {what} på MitID.dk. Adgangen gælder i 7 dage. Var det ikke dig, der anmodede om det? Spær din MitID på mitid.dk eller ring til MitID support på 33 98 00 10.',
    en: 'You can now {what} on MitID.dk. The access is valid for 7 days. Was it not you who asked for it? Block your MitID on mitid.dk or call MitID support on +45 33 98 00 10.',
  },
  'selfservice.gate.what.addChip': { da: 'tilføje en MitID chip', en: 'add a MitID chip' },
  'selfservice.gate.what.changePassword': {
    da: 'skifte din MitID adgangskode',
    en: 'change your MitID password',
  },

  'selfservice.password.title': { da: 'Vælg en ny adgangskode', en: 'Choose a new password' },
  'selfservice.password.new': { da: 'Ny adgangskode', en: 'New password' },
  'selfservice.password.repeat': { da: 'Gentag ny adgangskode', en: 'Repeat new password' },
  'selfservice.password.hint': {
    da: '8–64 tegn. Den må ikke indeholde dit bruger-ID, 10 tal i træk, ordet "adgangskode" eller en række taster på tastaturet.',
    en: '8–64 characters. It must not contain your user ID, 10 digits in a row, the word "password" or a row of keys on the keyboard.',
  },
  'selfservice.password.continue': { da: 'Fortsæt', en: 'Continue' },
  'selfservice.password.empty': { da: 'Indtast en ny adgangskode.', en: 'Enter a new password.' },
  'selfservice.password.mismatch': {
    da: 'De to adgangskoder er ikke ens.',
    en: 'The two passwords are not the same.',
  },
  'selfservice.password.rejected': {
    da: 'Adgangskoden opfylder ikke reglerne.',
    en: 'The password does not meet the rules.',
  },
  'selfservice.password.ok': { da: 'Adgangskoden opfylder reglerne.', en: 'The password meets the rules.' },
  'selfservice.password.none': {
    da: 'Du har ingen MitID adgangskode at skifte.',
    en: 'You have no MitID password to change.',
  },
  'selfservice.password.changed': {
    da: 'Din MitID adgangskode er ændret.',
    en: 'Your MitID password has been changed.',
  },
  'selfservice.password.notice.subject': {
    da: 'Din MitID adgangskode er ændret',
    en: 'Your MitID password has been changed',
  },
  'selfservice.password.notice.body': {
    da: 'Din MitID adgangskode er ændret {date} kl. {time} på MitID.dk. Var det ikke dig? Spær din MitID på mitid.dk eller ring til MitID support på 33 98 00 10.',
    en: 'Your MitID password was changed on {date} at {time} on MitID.dk. Was it not you? Block your MitID on mitid.dk or call MitID support on +45 33 98 00 10.',
  },

  'selfservice.chip.buyTitle': { da: 'Køb MitID chip', en: 'Buy MitID chip' },
  'selfservice.chip.buyText': {
    da: 'MitID chip er en lille nøgle, du sætter i computeren eller holder mod telefonen. Du bruger den sammen med din MitID adgangskode.',
    en: 'The MitID chip is a small key you plug into the computer or hold against the phone. You use it with your MitID password.',
  },
  'selfservice.chip.price': { da: 'Pris', en: 'Price' },
  'selfservice.chip.payment': { da: 'Betaling', en: 'Payment' },
  'selfservice.chip.paymentValue': { da: 'Faktura i Digital Post', en: 'Invoice in Digital Post' },
  'selfservice.chip.delivery': { da: 'Levering', en: 'Delivery' },
  'selfservice.chip.deliveryValue': {
    da: 'Med posten til {address} på 3–7 hverdage.',
    en: 'By post to {address} in 3–7 working days.',
  },
  'selfservice.chip.order': { da: 'Bestil', en: 'Order' },
  'selfservice.chip.receiptTitle': { da: 'Tak for din bestilling', en: 'Thank you for your order' },
  'selfservice.chip.receiptText': {
    da: 'Ordrenummer {orderNo}. Din MitID chip kommer med posten på 3–7 hverdage. Når du har den, skal du tilføje den her på MitID.dk.',
    en: 'Order number {orderNo}. Your MitID chip arrives by post in 3–7 working days. When you have it, add it here on MitID.dk.',
  },
  'selfservice.chip.alreadyOrdered': {
    da: 'Du har allerede bestilt en MitID chip, som ikke er leveret endnu.',
    en: 'You have already ordered a MitID chip that has not been delivered yet.',
  },
  'selfservice.chip.cannotOrder': {
    da: 'Vi kan ikke tage imod din bestilling. Kontakt MitID support.',
    en: 'We cannot take your order. Contact MitID support.',
  },
  'selfservice.chip.unavailable': {
    da: 'MitID chip kan ikke bestilles eller tilføjes her endnu.',
    en: 'The MitID chip cannot be ordered or added here yet.',
  },
  'selfservice.chip.arrives': {
    da: 'Din MitID chip kommer med posten på 3–7 hverdage, efter du har bestilt den. Af sikkerhedsmæssige årsager skal du anmode om adgang og vente 24 timer, før du kan tilslutte den.',
    en: 'Your MitID chip arrives by post in 3–7 working days after you order it. For security reasons, you must request access and wait 24 hours before you can connect it.',
  },
  'selfservice.chip.addTitle': { da: 'Tilslut din MitID chip', en: 'Connect your MitID chip' },
  'selfservice.chip.addText': {
    da: 'Sæt din MitID chip i computeren, og tryk START. Tryk på knappen på chippen, når den blinker.',
    en: 'Plug your MitID chip into the computer and press START. Press the button on the chip when it flashes.',
  },
  'selfservice.chip.passwordFirst': {
    da: 'Du har ingen MitID adgangskode. Opret en, før du tilslutter chippen.',
    en: 'You have no MitID password. Create one before you connect the chip.',
  },
  'selfservice.chip.start': { da: 'START', en: 'START' },
  'selfservice.chip.noScript': {
    da: 'Din browser skal kunne køre JavaScript for at tilslutte chippen.',
    en: 'Your browser must run JavaScript to connect the chip.',
  },
  'selfservice.chip.failed': {
    da: 'Chippen blev ikke tilsluttet. Prøv igen.',
    en: 'The chip was not connected. Try again.',
  },
  'selfservice.chip.added': { da: 'Din MitID chip er tilføjet.', en: 'Your MitID chip has been added.' },
  'selfservice.chip.already': {
    da: 'Du har allerede en MitID chip i brug.',
    en: 'You already have a MitID chip in use.',
  },
} satisfies Record<string, Text>;
