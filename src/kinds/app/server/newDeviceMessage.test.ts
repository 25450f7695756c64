import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type AppHarness, startAppHarness } from './testing/appHarness.ts';

let h: AppHarness;
before(async () => {
  h = await startAppHarness();
});
after(() => h.close());

test('an activated device is told by SMS and e-mail to the confirmed contacts', async () => {
  const person = await h.person();
  const device = h.device({ deviceName: 'Jonas’ iPhone' });
  await device.activate(person, await h.activationCode(person));
  const sms = (await h.messagesTo(person.mobile ?? '')).filter((m) => m.body.includes('ny enhed'));
  assert.equal(sms.length, 1);
  assert.equal(sms[0]?.channel, 'sms');
  assert.match(
    sms[0]?.body ?? '',
    /^MitID app er aktiveret på en ny enhed \(Jonas’ iPhone\) .* kl\. 10\.00\. Var det ikke dig, så ring til MitID Support på 33 98 00 10\.\n\nThe MitID app was activated on a new device \(Jonas’ iPhone\) on .* at 10:00\. .* \+45 33 98 00 10\.$/,
  );
  const mail = await h.messagesTo(person.email ?? '');
  assert.equal(mail.length, 1);
  assert.equal(mail[0]?.channel, 'email');
  assert.equal(
    mail[0]?.subject,
    'MitID app er aktiveret på en ny enhed / The MitID app has been activated on a new device',
  );
  assert.match(mail[0]?.body ?? '', /Jonas’ iPhone/);
  assert.match(mail[0]?.body ?? '', /33 98 00 10/);
});

test('each new device sends the message again; a person with only an e-mail gets only that', async () => {
  const person = await h.person({ mobile: null });
  await h.device().activate(person, await h.activationCode(person));
  await h.device({ deviceName: 'iPad' }).activate(person, await h.activationCode(person));
  const mail = await h.messagesTo(person.email ?? '');
  assert.equal(mail.length, 2);
  assert.match(mail[1]?.body ?? '', /iPad/);
  const sms = await h.database.db
    .selectFrom('messages')
    .select('id')
    .where('body', 'like', '%iPad%')
    .where('channel', '=', 'sms')
    .execute();
  assert.equal(sms.length, 0);
});

test('Danish first whatever language the activating app asks in: it may not be the person’s own', async () => {
  const person = await h.person();
  await h.device({ lang: 'en', deviceName: 'Pixel' }).activate(person, await h.activationCode(person));
  const [mail] = await h.messagesTo(person.email ?? '');
  assert.match(mail?.subject ?? '', /^MitID app er aktiveret på en ny enhed \//);
  assert.match(mail?.body ?? '', /^Hej\n/);
});
