import type { Text } from './types.ts';

/** Texts of messages sent to people and of the development outbox (src/core/messages). */
export const messages = {
  'messages.channel.sms': { da: 'SMS', en: 'Text message' },
  'messages.channel.email': { da: 'E-mail', en: 'Email' },
  'messages.channel.digitalpost': { da: 'Digital Post', en: 'Digital Post' },
  'messages.status.queued': { da: 'Venter på afsendelse', en: 'Waiting to be sent' },
  'messages.status.kept': { da: 'Kun i udbakken', en: 'Outbox only' },
  'messages.status.sent': { da: 'Sendt', en: 'Sent' },
  'messages.status.failed': { da: 'Kunne ikke sendes', en: 'Not delivered' },

  'messages.outbox.title': { da: 'Sendte beskeder', en: 'Sent messages' },
  'messages.outbox.devNotice': {
    da: 'Udviklingsside. Her kan du læse de SMS’er, e-mails og breve i Digital Post, som MitID har sendt. SMS og Digital Post sendes aldrig videre: de findes kun her.',
    en: 'Development page. Here you can read the text messages, emails and Digital Post letters that MitID has sent. Text messages and Digital Post are never delivered anywhere else: they only exist here.',
  },
  'messages.outbox.recipientLabel': { da: 'Modtager', en: 'Recipient' },
  'messages.outbox.recipientHint': {
    da: 'Et mobilnummer (+45 12 34 56 78), en e-mailadresse eller et CPR-nummer (Digital Post)',
    en: 'A mobile number (+45 12 34 56 78), an email address or a CPR number (Digital Post)',
  },
  'messages.outbox.recipientMissing': { da: 'Skriv en modtager', en: 'Enter a recipient' },
  'messages.outbox.recipientInvalid': {
    da: 'Skriv et mobilnummer, en e-mailadresse eller et CPR-nummer på 10 cifre',
    en: 'Enter a mobile number, an email address or a 10-digit CPR number',
  },
  'messages.outbox.show': { da: 'Vis beskeder', en: 'Show messages' },
  'messages.outbox.recipientsHeading': { da: 'Modtagere med beskeder', en: 'Recipients with messages' },
  'messages.outbox.recipientsCaption': {
    da: 'Modtagere, senest modtagne besked først',
    en: 'Recipients, most recent message first',
  },
  'messages.outbox.noRecipients': {
    da: 'Der er endnu ikke sendt nogen beskeder.',
    en: 'No messages have been sent yet.',
  },
  'messages.outbox.colRecipient': { da: 'Modtager', en: 'Recipient' },
  'messages.outbox.colChannel': { da: 'Kanal', en: 'Channel' },
  'messages.outbox.colCount': { da: 'Antal', en: 'Count' },
  'messages.outbox.colLatest': { da: 'Seneste', en: 'Latest' },
  'messages.outbox.colTime': { da: 'Tidspunkt', en: 'Time' },
  'messages.outbox.colSubject': { da: 'Emne', en: 'Subject' },
  'messages.outbox.colBody': { da: 'Tekst', en: 'Text' },
  'messages.outbox.colStatus': { da: 'Status', en: 'Status' },
  'messages.outbox.noSubject': { da: '(intet emne)', en: '(no subject)' },
  'messages.outbox.messagesTitle': { da: 'Beskeder til {recipient}', en: 'Messages to {recipient}' },
  'messages.outbox.messagesCaption': {
    da: 'Beskeder til {recipient}, nyeste først',
    en: 'Messages to {recipient}, newest first',
  },
  'messages.outbox.noMessages': {
    da: 'Der er ingen beskeder til {recipient}.',
    en: 'There are no messages to {recipient}.',
  },
  'messages.outbox.otherRecipient': { da: 'Vælg en anden modtager', en: 'Choose another recipient' },
} satisfies Record<string, Text>;
