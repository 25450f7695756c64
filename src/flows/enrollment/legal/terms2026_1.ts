/**
 * The MitID terms and conditions, version 2026-1. Written for this project from the points the
 * citizen's guide stresses (approval = signature, never share, block at once). Published: do not
 * edit; publish a new version instead.
 */
import type { LegalDocument } from '../legalDocument.ts';

export const terms2026_1: LegalDocument = {
  id: 'terms',
  version: '2026-1',
  effectiveFrom: '2026-01-01',
  title: { da: 'Vilkår og betingelser for MitID', en: 'MitID terms and conditions' },
  sections: [
    {
      heading: { da: 'Om vilkårene', en: 'About these terms' },
      paragraphs: [
        {
          da: 'Disse vilkår gælder, når du bruger MitID til at logge på og godkende hos offentlige og private tjenester. Du skal acceptere vilkårene, før du kan tage MitID i brug. Læs dem grundigt, og gem en kopi.',
          en: 'These terms apply when you use MitID to log on and approve at public and private services. You must accept the terms before you can start using MitID. Read them carefully and keep a copy.',
        },
      ],
    },
    {
      heading: { da: 'Dit MitID', en: 'Your MitID' },
      paragraphs: [
        {
          da: 'Dit MitID består af dit bruger-ID og et eller flere identifikationsmidler: MitID app, MitID kodeviser, MitID kodeoplæser eller MitID chip. Kodeviser, kodeoplæser og chip bruges sammen med en adgangskode, og appen med en PIN-kode, som du selv vælger.',
          en: 'Your MitID consists of your user ID and one or more authenticators: the MitID app, a MitID code display, a MitID code reader or a MitID chip. The code display, code reader and chip are used with a password, and the app with a PIN that you choose yourself.',
        },
        {
          da: 'MitID er personligt. Det er knyttet til dig og dit CPR-nummer og må kun bruges af dig.',
          en: 'MitID is personal. It is tied to you and your CPR number and may be used only by you.',
        },
      ],
    },
    {
      heading: { da: 'Din godkendelse svarer til din underskrift', en: 'Your approval is your signature' },
      paragraphs: [
        {
          da: 'Når du logger på eller godkender med MitID, beviser du, hvem du er. En godkendelse med MitID svarer til din fysiske underskrift: du er bundet af det, du godkender, på samme måde som hvis du havde skrevet under på papir.',
          en: 'When you log on or approve with MitID, you prove who you are. An approval with MitID is equivalent to your physical signature: you are bound by what you approve in the same way as if you had signed on paper.',
        },
        {
          da: 'Læs derfor altid teksten, før du godkender. Godkend kun, hvis teksten svarer til det, du selv vil gøre, og hvis du selv har sat handlingen i gang.',
          en: 'So always read the text before you approve. Approve only if the text matches what you want to do and you started the action yourself.',
        },
        {
          da: 'Godkend aldrig noget, fordi nogen, der ringer, skriver eller kommer på besøg og udgiver sig for at være fra din bank, fra MitID support eller fra en myndighed, beder dig om det. Du bliver aldrig kontaktet på den måde og bedt om at godkende.',
          en: 'Never approve anything because someone who calls, writes or visits you, claiming to be from your bank, MitID support or an authority, asks you to. You will never be contacted in that way and asked to approve.',
        },
      ],
    },
    {
      heading: { da: 'Pas på dit MitID', en: 'Keep your MitID safe' },
      paragraphs: [
        {
          da: 'Du må aldrig vise eller fortælle dine koder til andre. Det gælder din adgangskode, din PIN-kode og de koder, du får fra MitID, fx validerings- og aktiveringskoder.',
          en: 'Never show or tell your codes to anyone. This applies to your password, your PIN and the codes you receive from MitID, such as validation and activation codes.',
        },
        {
          da: 'Du må aldrig udlevere din MitID app, kodeviser, kodeoplæser eller chip til andre. Flere personer i samme husstand må bruge den samme MitID app, hvis de har hver deres bruger-ID og PIN-kode; så må appen ikke åbnes med fingeraftryk eller ansigtsgenkendelse.',
          en: 'Never hand over your MitID app, code display, code reader or chip to anyone. Several people in one household may use the same MitID app if each has their own user ID and PIN; the app must then not be opened with fingerprint or face recognition.',
        },
        {
          da: 'Del ikke dit bruger-ID med andre – undtagen med din bank eller MitID support, når du selv har kontaktet dem for at få hjælp.',
          en: 'Do not share your user ID with anyone, except with your bank or MitID support when you have contacted them yourself for help.',
        },
        {
          da: 'Vælg koder, som andre ikke kan gætte, og skriv dem ikke ned sammen med dit bruger-ID eller dit identifikationsmiddel.',
          en: 'Choose codes that others cannot guess, and do not write them down together with your user ID or your authenticator.',
        },
      ],
    },
    {
      heading: { da: 'Spær straks ved tab eller misbrug', en: 'Block at once if lost or misused' },
      paragraphs: [
        {
          da: 'Du skal straks spærre dit MitID eller det identifikationsmiddel, det drejer sig om, hvis du mister din telefon, kodeviser, kodeoplæser eller chip, hvis en anden kan kende dine koder, eller hvis du har mistanke om, at dit MitID er blevet misbrugt.',
          en: 'You must block your MitID, or the authenticator concerned, at once if you lose your phone, code display, code reader or chip, if someone else may know your codes, or if you suspect that your MitID has been misused.',
        },
        {
          da: 'Du spærrer på MitID.dk eller ved at ringe til MitID support på 33 98 00 10 (mandag–fredag 08:00–20:00, weekend og helligdage 10:00–16:00).',
          en: 'You block on MitID.dk or by calling MitID support on +45 33 98 00 10 (Monday–Friday 08:00–20:00, weekends and holidays 10:00–16:00).',
        },
        {
          da: 'Når du har bekræftet din identitet, kan du få dit MitID åbnet igen eller få et nyt identifikationsmiddel.',
          en: 'Once you have confirmed your identity, you can have your MitID reopened or get a new authenticator.',
        },
      ],
    },
    {
      heading: { da: 'Kontaktoplysninger og beskeder', en: 'Contact details and messages' },
      paragraphs: [
        {
          da: 'Du skal oplyse et mobilnummer eller en e-mailadresse og holde dem opdateret. MitID sender dig beskeder om dit MitID, fx når det er spærret, eller når MitID app er aktiveret på en ny enhed.',
          en: 'You must give a mobile number or an e-mail address and keep them up to date. MitID sends you messages about your MitID, for instance when it has been blocked or when the MitID app has been activated on a new device.',
        },
        {
          da: 'Reagér straks, hvis du får en besked om noget, du ikke selv har gjort.',
          en: 'Act at once if you receive a message about something you did not do yourself.',
        },
      ],
    },
    {
      heading: { da: 'Ansvar', en: 'Liability' },
      paragraphs: [
        {
          da: 'Hvis du deler dine koder, udleverer dit identifikationsmiddel eller undlader at spærre, når du burde, kan du blive ansvarlig for det, andre gør med dit MitID.',
          en: 'If you share your codes, hand over your authenticator or fail to block when you should, you may be liable for what others do with your MitID.',
        },
        {
          da: 'Vi er ansvarlige for fejl i MitID efter dansk rets almindelige regler. Vi er ikke ansvarlige for de tjenester, du logger på hos, eller for det, du aftaler med dem.',
          en: 'We are liable for errors in MitID under the general rules of Danish law. We are not responsible for the services you log on to, or for what you agree with them.',
        },
      ],
    },
    {
      heading: { da: 'Spærring fra vores side og ophør', en: 'Blocking by us and ending MitID' },
      paragraphs: [
        {
          da: 'Vi kan spærre dit MitID, hvis vi har mistanke om misbrug, hvis du ikke overholder disse vilkår, eller hvis det er nødvendigt af sikkerhedshensyn. Vi giver dig besked, medmindre det vil skade sikkerheden.',
          en: 'We may block your MitID if we suspect misuse, if you do not comply with these terms, or if it is necessary for security. We will tell you, unless doing so would harm security.',
        },
        {
          da: 'Du kan til enhver tid selv lukke dit MitID på MitID.dk.',
          en: 'You can close your MitID yourself at any time on MitID.dk.',
        },
      ],
    },
    {
      heading: { da: 'Ændringer af vilkårene', en: 'Changes to the terms' },
      paragraphs: [
        {
          da: 'Vi kan ændre vilkårene. Hver udgave har et versionsnummer. Ved væsentlige ændringer får du besked i god tid, og du bliver bedt om at acceptere den nye version, næste gang du bruger MitID.',
          en: 'We may change the terms. Each edition has a version number. You will be told of significant changes well in advance, and you will be asked to accept the new version the next time you use MitID.',
        },
      ],
    },
    {
      heading: { da: 'Om denne udgave af MitID', en: 'About this edition of MitID' },
      paragraphs: [
        {
          da: 'Denne udgave af MitID er en åben demonstration. Brug aldrig rigtige oplysninger i den. En godkendelse her har ingen retsvirkning uden for demonstrationen.',
          en: 'This edition of MitID is an open demonstration. Never use real personal data in it. An approval here has no legal effect outside the demonstration.',
        },
      ],
    },
  ],
};
