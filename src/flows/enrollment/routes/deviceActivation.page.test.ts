/**
 * The activation page of a code device (deviceActivationPage.ts) with a stand-in of the
 * DeviceActivation port: the guide's steps on one page in Danish and English; each field's own
 * message and nothing asked of the port on bad input; the port's refusals on their fields; 5
 * wrong serials an hour per enrollment (parallel posts included), wrong codes not counted there;
 * "Din MitID er klar" after the activation; no password in the page or the log.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryLogger } from '../../../core/messages/testing/index.ts';
import type { MessageId } from '../../../i18n/catalogue.ts';
import { passwordProblems } from '../../../kinds/password/index.ts';
import { type Harness, startHarness } from '../../nemid/testing/index.ts';
import type { DeviceActivation, DeviceActivationInput } from '../index.ts';
import { walkToDeviceActivation } from '../testing/index.ts';

const PW = 'Sommer-i-Skagen-2026';
const RIGHT_CODE = '123456';

/** The port stand-in: the order's serial and 123456 activate; 000000 is wrong; 999999 slowed. */
function standIn(serial: () => string): { port: DeviceActivation; calls: DeviceActivationInput[] } {
  const calls: DeviceActivationInput[] = [];
  return {
    calls,
    port: {
      passwordProblems: (pw, userId) => passwordProblems(pw, userId) as MessageId[],
      async activate(input) {
        calls.push(input);
        if (input.serial !== serial()) return { ok: false, reason: 'serial_wrong' };
        if (input.code === '000000') return { ok: false, reason: 'code_wrong' };
        if (input.code === '999999')
          return { ok: false, reason: 'code_slowed', until: Date.UTC(2026, 0, 1, 12, 30) };
        return { ok: true };
      },
    },
  };
}

type StandIn = ReturnType<typeof standIn> & { ref: { serial: string } };

async function withPage(fn: (h: Harness, s: StandIn, log: string[]) => Promise<void>) {
  const ref = { serial: '' };
  const s = { ...standIn(() => ref.serial), ref };
  const sink = memoryLogger();
  const h = await startHarness({ app: { deviceActivation: () => s.port }, logger: sink.logger });
  try {
    await fn(h, s, sink.lines);
  } finally {
    await h.close();
  }
}

const errorsOf = (body: string): string[] =>
  [...body.matchAll(/<span class="form-error-message" id="([\w-]+)-error">/g)].map((m) => m[1] ?? '');

test('the page: the three steps, the rules listed, in Danish and English; the live script loads', async () => {
  await withPage(async (h) => {
    const flow = await walkToDeviceActivation(h);
    const da = await flow.b.get(`${flow.base}/aktiver`);
    assert.equal(da.statusCode, 200);
    for (const text of [
      'Opret din MitID adgangskode',
      'Indtast serienummeret fra bagsiden af din MitID kodeviser',
      'Tryk på knappen ved siden af displayet på din MitID kodeviser, og indtast koden',
      'Adgangskoden skal indeholde mindst 8 tegn.',
      'Adgangskoden må ikke indeholde dit bruger-ID.',
      `slutter med ${flow.serial.slice(-4)}.`,
    ])
      assert.ok(da.body.includes(text), text);
    assert.match(da.body, /autocomplete="new-password"/);
    assert.match(da.body, /autocomplete="one-time-code"/);
    assert.match(da.body, /src="\/static\/password\/passwordLive.js"/);
    const en = await flow.b.get(`${flow.base}/aktiver?lang=en`);
    assert.ok(en.body.includes('Create your MitID password'));
    assert.ok(en.body.includes('Enter the serial number from the back of your MitID code display'));
    const js = await h.app.inject({ method: 'GET', url: '/static/password/passwordRules.js' });
    assert.equal(js.statusCode, 200);
    assert.match(js.body, /export function passwordProblems/);
    assert.equal(
      (await h.app.inject({ method: 'GET', url: '/static/password/passwordRules.d.ts' })).statusCode,
      404,
    );
  });
});

test('bad input: each field its own message, the port never asked, no password shown back', async () => {
  await withPage(async (h, s) => {
    const flow = await walkToDeviceActivation(h);
    const empty = await flow.activate({});
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(errorsOf(empty.body), ['password', 'serial', 'code']);
    assert.match(empty.body, /href="#password">Indtast en adgangskode./);

    const bad = await flow.activate({
      password: 'xanna-kodeviserx',
      passwordAgain: 'other',
      serial: 'KO-123456789',
      code: '12a',
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(errorsOf(bad.body), ['password', 'passwordAgain', 'serial', 'code']);
    for (const text of [
      'Adgangskoden må ikke indeholde dit bruger-ID.',
      'De to adgangskoder er ikke ens.',
      'Serienummeret består af KV- og 9 cifre',
      'Koden består af 6 cifre.',
    ])
      assert.ok(bad.body.includes(text), text);
    assert.equal(bad.body.includes('xanna-kodeviserx'), false, 'the password is not shown back');
    const weak = await flow.activate({
      password: 'Password1234567890',
      passwordAgain: 'Password1234567890',
      serial: flow.serial,
      code: RIGHT_CODE,
    });
    for (const text of ['må ikke indeholde 10 tal i træk', 'må ikke være ordet', 'række taster'])
      assert.ok(weak.body.includes(text), text);
    assert.equal(s.calls.length, 0, 'nothing was tried');
  });
});

test('5 wrong serials an hour (parallel posts too); wrong codes are the device\'s to count; then "Din MitID er klar"', async () => {
  await withPage(async (h, s, log) => {
    const flow = await walkToDeviceActivation(h);
    s.ref.serial = flow.serial;
    const good = { password: PW, passwordAgain: PW };
    const code = await flow.activate({ ...good, serial: flow.serial, code: '000000' });
    assert.equal(code.statusCode, 400);
    assert.deepEqual(errorsOf(code.body), ['code']);
    assert.match(code.body, /Koden er forkert/);
    const slowed = await flow.activate({ ...good, serial: flow.serial, code: '999999' });
    assert.equal(slowed.statusCode, 429);
    assert.match(slowed.body, /Vent til kl\. /);

    const wrongSerial = `KV-${String((Number(flow.serial.slice(3)) + 1) % 1e9).padStart(9, '0')}`;
    const first = await flow.activate({ ...good, serial: wrongSerial, code: RIGHT_CODE });
    assert.deepEqual(errorsOf(first.body), ['serial']);
    assert.match(first.body, /Serienummeret passer ikke til den MitID kodeviser, du har bestilt/);
    const burst = await Promise.all(
      Array.from({ length: 8 }, () => flow.activate({ ...good, serial: wrongSerial, code: RIGHT_CODE })),
    );
    assert.equal(burst.filter((r) => r.statusCode === 429).length, 4, 'the 6th and later are refused');
    const wrongTried = s.calls.filter((c) => c.serial === wrongSerial).length;
    assert.equal(wrongTried, 5, 'the port was asked for 5 wrong serials');
    const limited = await flow.activate({ ...good, serial: flow.serial, code: RIGHT_CODE });
    assert.equal(limited.statusCode, 429);
    assert.match(limited.body, /forkert serienummer for mange gange/);

    // An hour on, the person keeping the page in use (the binding ends after 15 idle minutes).
    for (let i = 0; i < 7; i++) {
      h.clock.advance(10 * 60_000);
      await flow.b.get(`${flow.base}/aktiver`);
    }
    const done = await flow.activate({
      ...good,
      serial: ` ${flow.serial.toLowerCase().replace('-', ' ')} `,
      code: '123 456',
    });
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /<h1>Din MitID er klar<\/h1>/);
    assert.match(done.body, /Anna-kodeviser/);
    const last = s.calls.at(-1);
    assert.deepEqual(
      { ...last, identityId: typeof last?.identityId },
      {
        identityId: 'string',
        cpr: '0101901234',
        userId: 'Anna-kodeviser',
        kind: 'codeDisplay',
        serial: flow.serial,
        code: RIGHT_CODE,
        password: PW,
        orderId: flow.orderId,
      },
    );
    const all = log.join('\n');
    assert.ok(all.includes('code device and password activated'));
    assert.equal(all.includes(PW), false, 'the password is never logged');
  });
});
