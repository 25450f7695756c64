import type { Text } from './types.ts';

/** Texts of the development simulators of the kodeviser and kodeoplæser (src/kinds/code-device/simulator). */
export const simulators = {
  'simulators.list.title': { da: 'Kodevisere og kodeoplæsere', en: 'Code displays and code readers' },
  'simulators.list.intro': {
    da: 'Udviklingsside: enhederne på lager og en simulator af hver. Siden findes kun, når udviklingssiderne er slået til (DEV_PAGES).',
    en: 'Development page: the devices in stock and a simulator of each. The page exists only while the development pages are on (DEV_PAGES).',
  },
  'simulators.list.empty': {
    da: 'Der er ingen enheder på lager. Importér en batch med npm run device -- import.',
    en: 'There are no devices in stock. Import a batch with npm run device -- import.',
  },
  'simulators.list.serial': { da: 'Serienummer', en: 'Serial number' },
  'simulators.list.status': { da: 'Status', en: 'Status' },
  'simulators.list.open': { da: 'Åbn {serial}', en: 'Open {serial}' },
  'simulators.kind.codeDisplay': { da: 'MitID kodeviser', en: 'MitID code display' },
  'simulators.kind.codeReader': { da: 'MitID kodeoplæser', en: 'MitID code reader' },
  'simulators.status.in_stock': { da: 'På lager', en: 'In stock' },
  'simulators.status.reserved': { da: 'Reserveret til en bestilling', en: 'Reserved for an order' },
  'simulators.status.activated': { da: 'Aktiveret', en: 'Activated' },
  'simulators.status.retired': { da: 'Taget ud af brug', en: 'Retired' },
  'simulators.back': { da: 'Alle enheder', en: 'All devices' },
  'simulators.serial': { da: 'Serienummer: {serial}', en: 'Serial number: {serial}' },
  'simulators.press': { da: 'Tryk på knappen', en: 'Press the button' },
  'simulators.display.title': { da: 'MitID kodeviser {serial}', en: 'MitID code display {serial}' },
  'simulators.display.intro': {
    da: 'Tryk på knappen, og kodeviseren viser en kode med 6 cifre i 30 sekunder. Indtast koden, hvor du bliver bedt om den.',
    en: 'Press the button, and the code display shows a 6-digit code for 30 seconds. Enter the code where you are asked for it.',
  },
  'simulators.display.label': { da: 'Kodeviserens display', en: "The code display's screen" },
  'simulators.display.blank': { da: 'Displayet er slukket.', en: 'The display is off.' },
  'simulators.display.code': { da: 'Koden er {digits}', en: 'The code is {digits}' },
  'simulators.reader.title': { da: 'MitID kodeoplæser {serial}', en: 'MitID code reader {serial}' },
  'simulators.reader.intro': {
    da: 'Tryk på knappen, og kodeoplæseren læser en kode med 6 cifre op, ét ciffer ad gangen. Vælg Gentag for at høre koden igen og Langsommere for at høre den langsommere.',
    en: 'Press the button, and the code reader reads a 6-digit code aloud, one digit at a time. Choose Repeat to hear the code again and Slower to hear it more slowly.',
  },
  'simulators.reader.repeat': { da: 'Gentag', en: 'Repeat' },
  'simulators.reader.slower': { da: 'Langsommere', en: 'Slower' },
  'simulators.reader.said': { da: 'Kodeoplæseren siger: {digits}', en: 'The code reader says: {digits}' },
  'simulators.reader.silent': {
    da: 'Kodeoplæseren har ikke læst en kode op endnu.',
    en: 'The code reader has not read a code aloud yet.',
  },
  'simulators.reader.noSpeech': {
    da: 'Browseren kan ikke læse op. Koden står her på siden.',
    en: 'The browser cannot read aloud. The code is shown here on the page.',
  },
  'simulators.unknown': {
    da: 'Der er ingen {kind} med serienummeret {serial} på lager.',
    en: 'There is no {kind} with the serial number {serial} in stock.',
  },
} satisfies Record<string, Text>;
