import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MINUTE } from '../../platform/clock.ts';
import { type MitidTestApp, memoryLogger, mitidTestApp } from './testSupport.ts';

const q = (recipient: string) => `/dev/beskeder?til=${encodeURIComponent(recipient)}`;

describe('with DEV_PAGES=false the outbox does not exist', () => {
  let t: MitidTestApp;
  before(async () => {
    t = await mitidTestApp({ devPages: false, logger: memoryLogger().logger });
    await t.notifier.send({ channel: 'sms', to: '+4512345678', subject: '', body: 'Din kode er 123456' });
  });
  after(() => t.close());

  for (const url of [
    '/dev/beskeder',
    q('+4512345678'),
    '/dev/beskeder.json',
    '/dev/beskeder.json?til=%2B4512345678',
  ]) {
    test(`GET ${url} → 404 ERR_NOT_FOUND`, async () => {
      const res = await t.app.inject({ url, headers: { accept: 'application/json' } });
      assert.equal(res.statusCode, 404);
      assert.equal(res.json().error, 'ERR_NOT_FOUND');
      assert.doesNotMatch(res.body, /123456/);
    });
  }
});

describe('with DEV_PAGES=true', () => {
  let t: MitidTestApp;
  before(async () => {
    t = await mitidTestApp({ devPages: true, logger: memoryLogger().logger });
  });
  after(() => t.close());

  test('an empty outbox: the form, and a note that nothing has been sent', async () => {
    const res = await t.app.inject('/dev/beskeder');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['x-robots-tag'], 'noindex, nofollow');
    assert.match(res.body, /<title>Sendte beskeder – MitID<\/title>/);
    assert.match(res.body, /<h1>Sendte beskeder<\/h1>/);
    assert.match(res.body, /<form method="get" action="\/dev\/beskeder"/);
    assert.match(res.body, /<label class="form-label" for="til">Modtager<\/label>/);
    assert.match(res.body, /id="til" name="til"[^>]*aria-describedby="til-hint"/);
    assert.match(res.body, /Der er endnu ikke sendt nogen beskeder\./);
    assert.doesNotMatch(res.body, /<table/);
  });

  describe('after some messages', () => {
    before(async () => {
      await t.notifier.send({
        channel: 'sms',
        to: '+45 12 34 56 78',
        subject: '',
        body: 'Din kode er 111111',
      });
      t.clock.advance(MINUTE);
      await t.notifier.send({
        channel: 'email',
        to: 'anna@example.dk',
        subject: 'Bekræft din e-mailadresse',
        body: 'Din kode er 222222\nSe https://mitid.localhost/a?b=1&c=2.',
      });
      t.clock.advance(MINUTE);
      await t.notifier.send({
        channel: 'sms',
        to: '+4512345678',
        subject: '',
        body: 'Din nye kode er 333333',
      });
      await t.notifier.send({
        channel: 'digitalpost',
        to: '010101-1234',
        subject: 'Det er din tur <b>nu</b>',
        body: '<script>alert(1)</script>',
      });
    });

    test('the recipients are listed in a table with a caption, scoped headers and links', async () => {
      const res = await t.app.inject('/dev/beskeder');
      assert.match(res.body, /<caption>Modtagere, senest modtagne besked først<\/caption>/);
      assert.equal((res.body.match(/<th scope="col">/g) ?? []).length, 4);
      const rows = [...res.body.matchAll(/<th scope="row"><a href="([^"]+)">([^<]+)<\/a><\/th>/g)];
      assert.deepEqual(
        rows.map((m) => [m[1], m[2]]),
        [
          ['/dev/beskeder?til=0101011234', '0101011234'],
          ['/dev/beskeder?til=%2B4512345678', '+4512345678'],
          ['/dev/beskeder?til=anna%40example.dk', 'anna@example.dk'],
        ],
      );
      assert.doesNotMatch(res.body, /111111|222222|333333/, 'bodies only on a recipient’s page');
    });

    test('?til= shows that recipient’s messages newest first, in Danish', async () => {
      const res = await t.app.inject(q('+45 12 34 56 78'));
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<h1>Beskeder til \+4512345678<\/h1>/);
      assert.match(res.body, /<caption>Beskeder til \+4512345678, nyeste først<\/caption>/);
      assert.match(res.body, /<th scope="col">Kanal<\/th>/);
      assert.ok(res.body.indexOf('333333') < res.body.indexOf('111111'), 'newest first');
      assert.doesNotMatch(res.body, /222222/, 'only this recipient');
      assert.match(
        res.body,
        /<th scope="row"><time datetime="2026-11-24T09:02:00\.000Z">24\. nov\. 2026, 10\.02\.00<\/time><\/th>/,
      );
      assert.match(res.body, /<td>SMS<\/td>\s*<td>\(intet emne\)<\/td>/);
      assert.match(res.body, /<td>Kun i udbakken<\/td>/);
      assert.match(res.body, /<a href="\/dev\/beskeder">Vælg en anden modtager<\/a>/);
    });

    test('in English with ?lang=en', async () => {
      const res = await t.app.inject(`${q('anna@example.dk')}&lang=en`);
      assert.match(res.body, /<html lang="en"/);
      assert.match(res.body, /<h1>Messages to anna@example\.dk<\/h1>/);
      assert.match(res.body, /<td>Email<\/td>\s*<td>Bekræft din e-mailadresse<\/td>/);
      assert.match(res.body, /24 Nov 2026, 10:01:00/);
    });

    test('bodies keep their lines, links work, and everything is escaped', async () => {
      const email = await t.app.inject(q('anna@example.dk'));
      assert.match(
        email.body,
        /Din kode er 222222<br>Se <a href="https:\/\/mitid\.localhost\/a\?b=1&amp;c=2">https:\/\/mitid\.localhost\/a\?b=1&amp;c=2<\/a>\./,
      );
      const letter = await t.app.inject(q('010101-1234'));
      assert.match(letter.body, /<h1>Beskeder til 0101011234<\/h1>/);
      assert.match(letter.body, /Det er din tur &lt;b&gt;nu&lt;\/b&gt;/);
      assert.match(letter.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
      assert.doesNotMatch(letter.body, /<script>/);
    });

    test('a recipient without messages', async () => {
      const res = await t.app.inject(q('+4599999999'));
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /Der er ingen beskeder til \+4599999999\./);
      assert.doesNotMatch(res.body, /<table/);
    });

    for (const [value, text] of [
      ['', 'Skriv en modtager'],
      ['hvem som helst', 'Skriv et mobilnummer, en e-mailadresse eller et CPR-nummer på 10 cifre'],
    ] as const) {
      test(`?til=${JSON.stringify(value)}: the form with an error summary and a field error`, async () => {
        const res = await t.app.inject(q(value));
        assert.equal(res.statusCode, 200);
        assert.match(res.body, /<title>Fejl: Sendte beskeder – MitID<\/title>/);
        assert.match(res.body, new RegExp(`<li><a href="#til">${text}</a></li>`));
        assert.match(res.body, new RegExp(`<span class="sr-only">Fejl: </span>${text}`));
        assert.match(res.body, /aria-invalid="true"/);
        assert.match(res.body, /aria-describedby="til-hint til-error"/);
        assert.match(res.body, new RegExp(`value="${value}"`));
      });
    }

    test('JSON: one recipient’s messages, newest first, with the public fields only', async () => {
      const res = await t.app.inject('/dev/beskeder.json?til=%2B45%2012345678');
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /application\/json/);
      const json = res.json();
      assert.equal(json.recipient, '+4512345678');
      assert.deepEqual(json.messages, [
        {
          id: 'm3',
          channel: 'sms',
          recipient: '+4512345678',
          subject: '',
          body: 'Din nye kode er 333333',
          status: 'kept',
          createdAt: '2026-11-24T09:02:00.000Z',
        },
        {
          id: 'm1',
          channel: 'sms',
          recipient: '+4512345678',
          subject: '',
          body: 'Din kode er 111111',
          status: 'kept',
          createdAt: '2026-11-24T09:00:00.000Z',
        },
      ]);
      assert.deepEqual(Object.keys(json).sort(), ['messages', 'recipient']);
    });

    test('JSON without ?til=: the recipients', async () => {
      const res = await t.app.inject('/dev/beskeder.json');
      assert.deepEqual(res.json(), {
        recipients: [
          { recipient: '0101011234', channel: 'digitalpost', count: 1, latestAt: '2026-11-24T09:02:00.000Z' },
          { recipient: '+4512345678', channel: 'sms', count: 2, latestAt: '2026-11-24T09:02:00.000Z' },
          { recipient: 'anna@example.dk', channel: 'email', count: 1, latestAt: '2026-11-24T09:01:00.000Z' },
        ],
      });
    });

    test('JSON with an unusable ?til=: 400 in JSON whatever the Accept header', async () => {
      const res = await t.app.inject({
        url: '/dev/beskeder.json?til=nobody',
        headers: { accept: 'text/html' },
      });
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().error, 'ERR_BAD_REQUEST');
    });
  });
});
