import type { Text } from './types.ts';

/**
 * Texts of ordering a kodeviser / kodeoplæser (src/flows/orders): names, tracking states, refusals, and
 * the Digital Post letter. The activation steps follow the guide's "Sådan aktiverer du MitID
 * kodeviser/kodeoplæser" word for word where it has words.
 */
export const orders = {
  'orders.kind.codeDisplay': { da: 'MitID kodeviser', en: 'MitID code display' },
  'orders.kind.codeReader': { da: 'MitID kodeoplæser', en: 'MitID code reader' },
  'orders.kind.chip': { da: 'MitID chip', en: 'MitID chip' },
  'orders.delivery.post': { da: 'Med posten', en: 'By post' },
  'orders.delivery.pickup': { da: 'Hent i Borgerservice', en: 'Collect at Borgerservice' },

  'orders.status.ordered': { da: 'Bestilt', en: 'Ordered' },
  'orders.status.packed': { da: 'Pakket', en: 'Packed' },
  'orders.status.shipped': { da: 'Afsendt', en: 'Shipped' },
  'orders.status.delivered': { da: 'Leveret', en: 'Delivered' },
  'orders.status.ready_for_pickup': { da: 'Klar til afhentning', en: 'Ready for collection' },
  'orders.status.collected': { da: 'Afhentet', en: 'Collected' },

  'orders.refusal.personNotFound': {
    da: 'Vi kan ikke finde dig i CPR-registret. Kontakt MitID support.',
    en: 'We cannot find you in the CPR register. Contact MitID support.',
  },
  'orders.refusal.alreadyOrdered': {
    da: 'Du har allerede bestilt en {device}, som ikke er leveret endnu.',
    en: 'You have already ordered a {device} that has not been delivered yet.',
  },
  'orders.refusal.slotRequired': {
    da: 'Vælg en tid i Borgerservice.',
    en: 'Choose a time at Borgerservice.',
  },
  'orders.refusal.slotNotFound': {
    da: 'Tiden findes ikke. Vælg en anden tid.',
    en: 'That time does not exist. Choose another time.',
  },
  'orders.refusal.slotPast': {
    da: 'Tiden er passeret. Vælg en senere tid.',
    en: 'That time has passed. Choose a later time.',
  },
  'orders.refusal.slotFull': {
    da: 'Tiden er desværre optaget. Vælg en anden tid.',
    en: 'Sorry, that time is fully booked. Choose another time.',
  },
  'orders.refusal.chipByPostOnly': {
    da: 'En MitID chip kan kun sendes med posten.',
    en: 'A MitID chip can only be sent by post.',
  },
  'orders.refusal.outOfStock': {
    da: 'Der er ingen {device} på lager lige nu. Ordren venter, til der kommer flere.',
    en: 'There is no {device} in stock right now. The order waits until more arrive.',
  },
  'orders.refusal.orderNotFound': { da: 'Ordren findes ikke.', en: 'The order does not exist.' },
  'orders.refusal.notOnPath': {
    da: 'Ordren kan ikke få den status.',
    en: 'The order cannot get that status.',
  },
  'orders.refusal.backwards': {
    da: 'Ordren er allerede længere fremme.',
    en: 'The order is already further along.',
  },
  'orders.refusal.notReady': {
    da: 'Ordren er ikke klar til afhentning endnu.',
    en: 'The order is not ready for collection yet.',
  },
  'orders.refusal.serialMismatch': {
    da: 'Serienummeret passer ikke til ordren. Tjek, at det er den rigtige {device}.',
    en: 'The serial number does not match the order. Check that it is the right {device}.',
  },
  'orders.refusal.alreadyCollected': {
    da: 'Ordren er allerede udleveret.',
    en: 'The order has already been handed over.',
  },
  'orders.refusal.idInvalid': {
    da: 'Vælg legitimationens type, og skriv de sidste 4 tegn af dens nummer.',
    en: 'Choose the type of ID and type the last 4 characters of its number.',
  },
  'orders.idType.passport': { da: 'Pas', en: 'Passport' },
  'orders.idType.drivingLicence': { da: 'Kørekort', en: 'Driving licence' },
  'orders.idType.residenceCard': { da: 'Opholdskort', en: 'Residence card' },

  'orders.dev.title': { da: 'Ordrer (udvikling)', en: 'Orders (development)' },
  'orders.dev.banner': {
    da: 'Kun til udvikling: flyt en ordre et trin frem, som lageret, posten eller Borgerservice ville.',
    en: 'Development only: move an order one step on, as the warehouse, the post or Borgerservice would.',
  },
  'orders.dev.none': { da: 'Der er ingen åbne ordrer.', en: 'There are no open orders.' },
  'orders.dev.caption': { da: 'Åbne ordrer: {count}', en: 'Open orders: {count}' },
  'orders.dev.order': { da: 'Ordre', en: 'Order' },
  'orders.dev.person': { da: 'CPR-nummer', en: 'CPR number' },
  'orders.dev.kind': { da: 'Enhed', en: 'Device' },
  'orders.dev.status': { da: 'Status', en: 'Status' },
  'orders.dev.price': { da: 'Pris', en: 'Price' },
  'orders.dev.serial': { da: 'Serienummer', en: 'Serial number' },
  'orders.dev.next': { da: 'Næste trin', en: 'Next step' },
  'orders.dev.advance': { da: 'Flyt til: {status}', en: 'Move to: {status}' },

  'orders.letter.subject.post': { da: 'Din {device} er bestilt', en: 'Your {device} has been ordered' },
  'orders.letter.subject.pickup': {
    da: 'Din tid i Borgerservice: hent din {device}',
    en: 'Your appointment at Borgerservice: collect your {device}',
  },
  'orders.letter.subject.shipped': { da: 'Din {device} er sendt', en: 'Your {device} has been sent' },
  'orders.letter.subject.ready': {
    da: 'Din {device} er klar til afhentning',
    en: 'Your {device} is ready for collection',
  },
  'orders.letter.shipped.intro': {
    da: 'Din {device} er sendt med posten. Forsendelsesnummer: {trackingNo}.',
    en: 'Your {device} has been sent by post. Tracking number: {trackingNo}.',
  },
  'orders.letter.ready.intro': {
    da: 'Din {device} er klar til afhentning i Borgerservice på den tid, du har booket:',
    en: 'Your {device} is ready for collection at Borgerservice at the time you booked:',
  },
  'orders.letter.serialEnds': {
    da: 'Serienummeret på bagsiden af din {device} slutter med {last4}.',
    en: 'The serial number on the back of your {device} ends in {last4}.',
  },
  'orders.letter.price.free': { da: 'Pris: {price}', en: 'Price: {price} (free).' },
  'orders.letter.price.invoice': {
    da: 'Pris: {price} Betaling: faktura i Digital Post.',
    en: 'Price: {price}. Payment: invoice in Digital Post.',
  },
  'orders.letter.chip.heading': {
    da: 'Sådan tilføjer du din MitID chip',
    en: 'How to add your MitID chip',
  },
  'orders.letter.chip.step1': {
    da: '1. Log på MitID.dk med MitID, vælg Identifikationsmidler og Tilføj identifikationsmiddel, og tryk Anmod om adgang.',
    en: '1. Log in to MitID.dk with MitID, choose Authenticators and Add authenticator, and press Request access.',
  },
  'orders.letter.chip.step2': {
    da: '2. Af sikkerhedshensyn skal du vente 24 timer. Du får besked, når du har fået adgang.',
    en: '2. For security reasons you must wait 24 hours. You will be notified when you gain access.',
  },
  'orders.letter.chip.step3': {
    da: '3. Log på MitID.dk igen, vælg MitID chip og tryk Start. Forbind din chip, og tryk på knappen på den. Har du ingen MitID adgangskode, opretter du den samtidig.',
    en: '3. Log in to MitID.dk again, choose MitID chip and press Start. Connect your chip and press its button. If you have no MitID password, you create it at the same time.',
  },
  'orders.letter.greeting': { da: 'Kære {name}', en: 'Dear {name}' },
  'orders.letter.post.intro': {
    da: 'Vi har modtaget din bestilling af en {device}. Den bliver sendt med posten til:',
    en: 'We have received your order for a {device}. It will be sent by post to:',
  },
  'orders.letter.post.arrival': {
    da: 'Du modtager den senest {date}. Forsendelsesnummer: {trackingNo}.',
    en: 'It will arrive by {date} at the latest. Tracking number: {trackingNo}.',
  },
  'orders.letter.pickup.intro': {
    da: 'Du har booket tid til at hente din {device} i Borgerservice:',
    en: 'You have booked a time to collect your {device} at Borgerservice:',
  },
  'orders.letter.pickup.when': { da: '{date} kl. {time}', en: '{date} at {time}' },
  'orders.letter.pickup.bringId': {
    da: 'Husk at medbringe gyldig billedlegitimation, fx pas eller kørekort.',
    en: 'Remember to bring valid photo identification, such as a passport or a driving licence.',
  },
  'orders.letter.activate.heading': {
    da: 'Sådan aktiverer du {device}',
    en: 'How to activate your {device}',
  },
  'orders.letter.activate.intro': {
    da: 'Når du har fået din {device}, skal den aktiveres, så den tilknyttes dig. Du skal oprette en adgangskode i forbindelse med aktiveringen. Den skal du bruge sammen med din {device}, hver gang du logger ind. Du kan først aktivere MitID, når du har fået din {device}. Følg disse fire trin:',
    en: 'Once you have your {device}, it must be activated so that it is linked to you. You create a password as part of the activation. You will use it together with your {device} every time you log in. You can only activate MitID once you have your {device}. Follow these four steps:',
  },
  'orders.letter.activate.step1': {
    da: '1. Log ind på din netbank med NemID, som du plejer. Har du ikke netbank, så log ind på MitID.dk med NemID. Du kan nu fortsætte med at få MitID.',
    en: '1. Log in to your online bank with NemID, as you usually do. If you do not have online banking, log in to MitID.dk with NemID. You can now continue getting MitID.',
  },
  'orders.letter.activate.step2': {
    da: '2. Opret din MitID adgangskode. Den skal indeholde mindst 8 tegn og må ikke indeholde dit bruger-ID.',
    en: '2. Create your MitID password. It must have at least 8 characters and must not contain your user ID.',
  },
  'orders.letter.activate.step3.codeDisplay': {
    da: '3. Indtast det serienummer, som står på bagsiden af MitID kodeviseren.',
    en: '3. Enter the serial number printed on the back of the MitID code display.',
  },
  'orders.letter.activate.step3.codeReader': {
    da: '3. Indtast det serienummer, som står på bagsiden af MitID kodeoplæseren.',
    en: '3. Enter the serial number printed on the back of the MitID code reader.',
  },
  'orders.letter.activate.step4.codeDisplay': {
    da: '4. Tryk på knappen, der sidder ved siden af displayet på din MitID kodeviser. Nu kommer der en kode frem på skærmen. Indtast koden.',
    en: '4. Press the button next to the display of your MitID code display. A code now appears on the screen. Enter the code.',
  },
  'orders.letter.activate.step4.codeReader': {
    da: '4. Tryk på knappen på MitID kodeoplæser, så der kommer en kode frem på skærmen. Koden læses også op. Indtast koden.',
    en: '4. Press the button on the MitID code reader so that a code appears on the screen. The code is also read aloud. Enter the code.',
  },
  'orders.letter.safety': {
    da: 'Pas på MitID – det er kun til dig. Vis aldrig dine koder til andre, og udlever aldrig din {device} til andre.',
    en: 'Look after MitID – it is only for you. Never show your codes to anyone, and never hand over your {device} to anyone.',
  },
  'orders.letter.notYou': {
    da: 'Har du ikke selv bestilt en {device}, så ring til MitID support på 33 98 00 10 (mandag–fredag kl. 8–20, weekender og helligdage kl. 10–16).',
    en: 'If you did not order a {device} yourself, call MitID support on +45 33 98 00 10 (Monday–Friday 8:00–20:00, weekends and public holidays 10:00–16:00).',
  },
  'orders.letter.closing': { da: 'Med venlig hilsen', en: 'Kind regards' },
  'orders.letter.sender': { da: 'MitID', en: 'MitID' },
} satisfies Record<string, Text>;
