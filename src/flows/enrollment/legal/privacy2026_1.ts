/**
 * The MitID privacy policy, version 2026-1. Written for this project; it describes what this
 * implementation stores. Published: do not edit; publish a new version instead.
 */
import type { LegalDocument } from '../legalDocument.ts';

export const privacy2026_1: LegalDocument = {
  id: 'privacy',
  version: '2026-1',
  effectiveFrom: '2026-01-01',
  title: { da: 'Privatlivspolitik for MitID', en: 'MitID privacy policy' },
  sections: [
    {
      heading: { da: 'Hvem vi er', en: 'Who we are' },
      paragraphs: [
        {
          da: 'Denne privatlivspolitik forklarer, hvordan MitID behandler oplysninger om dig, når du får og bruger MitID. Den, der driver denne MitID-tjeneste, er dataansvarlig.',
          en: 'This privacy policy explains how MitID processes information about you when you get and use MitID. The operator of this MitID service is the data controller.',
        },
        {
          da: 'Denne udgave af MitID er en åben demonstration. Brug kun opdigtede oplysninger i den.',
          en: 'This edition of MitID is an open demonstration. Use only made-up information in it.',
        },
      ],
    },
    {
      heading: { da: 'Oplysninger, vi behandler', en: 'Information we process' },
      paragraphs: [
        {
          da: 'Din identitet: CPR-nummer, navn og adresse fra CPR-registret, og hvordan din identitet blev bekræftet, fx af din bank eller med NemID.',
          en: 'Your identity: your CPR number, name and address from the CPR register, and how your identity was confirmed, for instance by your bank or with NemID.',
        },
        {
          da: 'Dit MitID: dit bruger-ID, dine identifikationsmidler (fx serienummeret på en kodeviser eller oplysninger om den enhed, appen er aktiveret på), og hvornår de er taget i brug eller spærret. Adgangskoder, PIN-koder og engangskoder gemmes kun i en form, der ikke kan læses tilbage.',
          en: 'Your MitID: your user ID, your authenticators (for instance the serial number of a code display, or details of the device the app is activated on), and when they were taken into use or blocked. Passwords, PINs and one-time codes are stored only in a form that cannot be read back.',
        },
        {
          da: 'Dine kontaktoplysninger: mobilnummer og e-mailadresse, og de beskeder, vi sender dig.',
          en: 'Your contact details: mobile number and e-mail address, and the messages we send you.',
        },
        {
          da: 'Din brug af MitID: hvornår du logger på eller godkender, hos hvilken tjeneste, hvilken handling og tekst der blev vist, og hvordan det endte.',
          en: 'Your use of MitID: when you log on or approve, at which service, which action and text were shown, and how it ended.',
        },
        {
          da: 'Din accept: hvilken version af vilkårene og af denne privatlivspolitik du har accepteret, og hvornår.',
          en: 'Your acceptance: which version of the terms and of this privacy policy you accepted, and when.',
        },
      ],
    },
    {
      heading: { da: 'Formål og retsgrundlag', en: 'Purposes and legal basis' },
      paragraphs: [
        {
          da: 'Vi bruger oplysningerne til at udstede MitID til dig, til at bekræfte din identitet over for de tjenester, du logger på hos, til at sende dig beskeder om dit MitID og til at forebygge og opklare misbrug.',
          en: 'We use the information to issue MitID to you, to confirm your identity to the services you log on to, to send you messages about your MitID, and to prevent and investigate misuse.',
        },
        {
          da: 'Behandlingen er led i en opgave i samfundets interesse (databeskyttelsesforordningens artikel 6, stk. 1, litra e). Dit CPR-nummer behandles efter databeskyttelseslovens regler om personnumre.',
          en: 'The processing is part of a task carried out in the public interest (Article 6(1)(e) of the General Data Protection Regulation). Your CPR number is processed under the rules of the Danish Data Protection Act on personal identification numbers.',
        },
      ],
    },
    {
      heading: { da: 'Hvem får oplysningerne', en: 'Who receives the information' },
      paragraphs: [
        {
          da: 'Når du logger på hos en tjeneste, får den kun de oplysninger, den har brug for, fx dit navn og et fast nummer for dit MitID. Dit CPR-nummer videregives kun til tjenester, der har lov til at få det.',
          en: 'When you log on to a service, it receives only the information it needs, such as your name and a fixed number for your MitID. Your CPR number is passed on only to services that are allowed to have it.',
        },
        {
          da: 'Har du fået MitID gennem din bank, får banken besked om, at du har fået MitID. Vi sælger aldrig oplysninger om dig.',
          en: 'If you got MitID through your bank, the bank is told that you have MitID. We never sell information about you.',
        },
      ],
    },
    {
      heading: { da: 'Hvor længe vi gemmer oplysningerne', en: 'How long we keep the information' },
      paragraphs: [
        {
          da: 'Oplysningerne om dit MitID gemmer vi, så længe du har MitID. Oplysninger om brug og beskeder gemmer vi i 5 år, så vi kan dokumentere, hvad der er sket, hvis der opstår tvivl eller misbrug. Udløbne og brugte engangskoder sletter vi.',
          en: 'We keep the information about your MitID for as long as you have MitID. Information about use, and messages, we keep for 5 years so that we can document what happened if doubt or misuse arises. Expired and used one-time codes are deleted.',
        },
      ],
    },
    {
      heading: { da: 'Dine rettigheder', en: 'Your rights' },
      paragraphs: [
        {
          da: 'Du har ret til indsigt i de oplysninger, vi har om dig, og til at få forkerte oplysninger rettet. Du kan også have ret til at gøre indsigelse eller til at få behandlingen begrænset.',
          en: 'You have the right to see the information we hold about you and to have wrong information corrected. You may also have the right to object or to have the processing restricted.',
        },
        {
          da: 'Du kan klage til Datatilsynet, hvis du er utilfreds med, hvordan vi behandler oplysninger om dig.',
          en: 'You can complain to the Danish Data Protection Agency (Datatilsynet) if you are unhappy with how we process information about you.',
        },
      ],
    },
    {
      heading: { da: 'Kontakt', en: 'Contact' },
      paragraphs: [
        {
          da: 'Har du spørgsmål om, hvordan vi behandler oplysninger om dig, så kontakt MitID support på 33 98 00 10.',
          en: 'If you have questions about how we process information about you, contact MitID support on +45 33 98 00 10.',
        },
      ],
    },
  ],
};
