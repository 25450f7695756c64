import type { Text } from './types.ts';

/** Texts of the enrollment wizard's pages (src/enrollment/routes), following the citizen's guide. */
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
  'wizard.terms.termsDocument': { da: 'Vilkår og betingelser', en: 'Terms and conditions' },
  'wizard.terms.backToTerms': { da: 'Tilbage til vilkårene', en: 'Back to the terms' },
  'wizard.handover.failed': {
    da: 'Linket til at få MitID virker ikke længere. Gå tilbage til din netbank, og tryk på FÅ MITID NU igen.',
    en: 'The link to get MitID no longer works. Go back to your net bank and press GET MITID NOW again.',
  },
  'wizard.handover.title': { da: 'Linket virker ikke', en: 'The link does not work' },
} satisfies Record<string, Text>;
