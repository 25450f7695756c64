import type { Text } from './types.ts';

/** Texts of the MitID service's own pages (front page, MitID.dk). */
export const mitid = {
  'mitid.home.title': { da: 'MitID – din digitale identitet', en: 'MitID – your digital identity' },
  'mitid.home.intro': {
    da: 'Med MitID kan du logge på og godkende hos det offentlige, din bank og mange andre – med MitID app, kodeviser, kodeoplæser eller chip.',
    en: 'With MitID you log in and approve with public services, your bank and many others – with the MitID app, a code display, a code reader or a chip.',
  },
  'mitid.home.getTitle': { da: 'Få MitID', en: 'Get MitID' },
  'mitid.home.getText': {
    da: 'Har du ikke net- eller mobilbank, får du MitID her. Du får besked i Digital Post, når det er din tur. Du skal bruge dit NemID og din mobiltelefon eller e-mail.',
    en: 'If you have no net or mobile bank, you get MitID here. You get a message in Digital Post when it is your turn. You need your NemID and your mobile phone or e-mail.',
  },
  'mitid.home.getButton': { da: 'Få MitID med NemID', en: 'Get MitID with NemID' },
  'mitid.home.bankText': {
    da: 'Har du netbank, får du MitID i din netbank, når det er din tur.',
    en: 'If you have a net bank, you get MitID in your net bank when it is your turn.',
  },
  'mitid.home.helpTitle': { da: 'Her kan du få hjælp', en: 'Where to get help' },
  'mitid.home.help': {
    da: 'Ring til MitID support på 33 98 00 10. Mandag–fredag 08:00–20:00, weekend og helligdage 10:00–16:00. Du kan også kontakte din bank.',
    en: 'Call MitID support on +45 33 98 00 10. Monday–Friday 08:00–20:00, weekends and holidays 10:00–16:00. You can also contact your bank.',
  },
  'mitid.home.safetyTitle': {
    da: 'Pas på MitID – det er kun til dig',
    en: 'Look after MitID – it is yours alone',
  },
  'mitid.home.safety1': { da: 'Vis aldrig dine koder til andre.', en: 'Never show your codes to anyone.' },
  'mitid.home.safety2': {
    da: 'Udlever aldrig din MitID app, kodeviser eller kodeoplæser til andre.',
    en: 'Never hand over your MitID app, code display or code reader to anyone.',
  },
  'mitid.home.safety3': {
    da: 'Del aldrig dit bruger-ID med andre – undtagen med supporten, hvis du selv kontakter den.',
    en: 'Never share your user ID – except with support, if you contact them yourself.',
  },
  'mitid.home.safety4': {
    da: 'Godkend aldrig noget med MitID på baggrund af fx et opkald, en e-mail eller et besøg fra nogen, der udgiver sig for at være fra din bank eller supporten.',
    en: 'Never approve anything with MitID because of a call, an e-mail or a visit from someone claiming to be from your bank or support.',
  },
  'mitid.home.safety5': {
    da: 'Læs altid, hvad du er ved at godkende. Passer teksten ikke, eller har du ikke selv sat handlingen i gang, så lad være med at godkende.',
    en: 'Always read what you are about to approve. If the text does not match, or you did not start it yourself, do not approve.',
  },
  'mitid.enroll.alreadyTitle': { da: 'Du har allerede MitID', en: 'You already have MitID' },
  'mitid.enroll.already': {
    da: 'Du har allerede MitID, og du kan kun have ét. Du kan ændre dine oplysninger på MitID.dk.',
    en: 'You already have MitID, and you can only have one. You can change your details at MitID.dk.',
  },
  'mitid.enroll.failedTitle': { da: 'Log på mislykkedes', en: 'Login failed' },
  'mitid.enroll.failed': {
    da: 'Vi kunne ikke bekræfte, hvem du er. Start forfra.',
    en: 'We could not confirm who you are. Please start again.',
  },
  'mitid.enroll.startAgain': { da: 'Start forfra', en: 'Start again' },
  'mitid.turnLetter.subject': {
    da: 'Nu er det din tur til at få MitID',
    en: 'Now it is your turn to get MitID',
  },
  'mitid.turnLetter.body': {
    da: 'Kære {name}\n\nNu er det din tur til at få MitID. Da du ikke har net- eller mobilbank, får du MitID på MitID.dk: {url}\n\nDu skal bruge dit NemID og din mobiltelefon eller e-mail. Du logger på med NemID og skal derefter vælge, om du vil bruge MitID app, kodeviser eller kodeoplæser, acceptere vilkår, bekræfte dine kontaktoplysninger og vælge dit bruger-ID.\n\nHar du brug for hjælp, kan du ringe til MitID support på 33 98 00 10.\n\nVenlig hilsen\nMitID',
    en: 'Dear {name}\n\nNow it is your turn to get MitID. As you have no net or mobile bank, you get MitID at MitID.dk: {url}\n\nYou need your NemID and your mobile phone or e-mail. You log in with NemID and then choose the MitID app, a code display or a code reader, accept the terms, confirm your contact details and choose your user ID.\n\nIf you need help, call MitID support on +45 33 98 00 10.\n\nKind regards\nMitID',
  },
} satisfies Record<string, Text>;
