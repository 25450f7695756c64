/**
 * The code-device simulators as `npm start` runs them: a demo batch of each kind imported into the
 * running service's stock (PSKC, sealed under its server secret, as `npm run device -- import`
 * does). The kodeviser's display shows the device's current code (the one the stock computes, as
 * `npm run device -- code` prints it), for 30 s, also without the script; the kodeoplæser is
 * driven by the keyboard alone, and speechSynthesis.speak is observed (an init script records
 * every utterance): the digits in order, da-DK (en-GB on the English page), a slower rate after
 * "Langsommere", and the code in the aria-live region. Every page passes axe, in both languages.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { CodeDevices, makeDemoBatch } from '../../src/kinds/code-device/index.ts';
import { cryptoRandom } from '../../src/platform/random.ts';
import { expectAccessible } from '../support/browser.ts';
import { mitidServerSecret } from '../support/data.ts';
import { useRunningSystem } from '../support/running.ts';

const env = useRunningSystem();

/** Records every utterance instead of speaking it (headless Chromium has no voice). */
const RECORD_SPEECH = `window.__spoken = [];
if (window.speechSynthesis) {
  window.speechSynthesis.speak = (u) => { window.__spoken.push({ text: u.text, lang: u.lang, rate: u.rate }); };
  window.speechSynthesis.cancel = () => {};
}`;

interface Spoken {
  text: string;
  lang: string;
  rate: number;
}

describe('code-device simulators in Chromium', () => {
  let devices: CodeDevices;
  let display = '';
  let reader = '';
  let base = '';
  /** The code the stock computes for `serial` at `ms`. */
  const codeAt = async (serial: string, ms: number): Promise<string> =>
    (await devices.currentCode(serial, ms)) ?? 'none';

  before(async () => {
    base = env.system.mitidUrl;
    devices = new CodeDevices({
      db: env.data.mitid.db,
      serverSecret: await mitidServerSecret(env.system, env.data),
      now: () => Date.now(),
      orderCprOf: async () => undefined,
    });
    for (const kind of ['codeDisplay', 'codeReader'] as const) {
      const batch = await makeDemoBatch(env.data.mitid.db, cryptoRandom, kind, 2, Date.now());
      const imported = await devices.importPskc(batch.xml, batch.transportKey);
      assert.ok(imported.ok, JSON.stringify(imported));
      const serial = batch.devices[0]?.serial ?? '';
      if (kind === 'codeDisplay') display = serial;
      else reader = serial;
    }
  });

  const newPage = async (): Promise<Page> => {
    const context = await env.browser.newContext();
    await context.addInitScript(RECORD_SPEECH);
    return context.newPage();
  };

  /** Tabs until the element with `name` (a button's accessible name) has the focus. */
  const tabTo = async (page: Page, name: string): Promise<void> => {
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
      if (focused === name) return;
    }
    assert.fail(`no focusable "${name}"`);
  };

  test('the list links to each simulator; axe clean in Danish and English', async () => {
    const page = await newPage();
    await page.goto(`${base}/dev/enheder`);
    await expectAccessible(page);
    await page.getByRole('link', { name: `Åbn ${display}` }).click();
    await page.waitForURL(`${base}/dev/kodeviser/${display}`);
    await page.getByRole('button', { name: 'Tryk på knappen' }).click();
    await page.locator('.sim-digits').waitFor();
    await expectAccessible(page);
    await page.goto(`${base}/dev/enheder?lang=en`);
    assert.ok(await page.getByRole('heading', { name: 'MitID code reader' }).isVisible());
    await expectAccessible(page);
    await page.context().close();
  });

  test("the kodeviser shows the device's current code for 30 s", async () => {
    const page = await newPage();
    await page.clock.install();
    await page.goto(`${base}/dev/kodeviser/${display}`);
    await expectAccessible(page);
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Tryk på knappen' }).click();
    const shown = page.locator('[data-sim-screen] .sim-digits');
    await shown.waitFor();
    const code = (await shown.textContent())?.replace(/\s/g, '') ?? '';
    assert.ok((await Promise.all([codeAt(display, t0), codeAt(display, Date.now())])).includes(code), code);
    assert.ok(page.url().endsWith(`/dev/kodeviser/${display}`), page.url());
    await page.clock.runFor(25_000);
    assert.ok(await shown.isVisible());
    await page.clock.runFor(6_000);
    assert.ok(await page.getByText('Displayet er slukket.').isVisible());
    await page.context().close();
  });

  test('the kodeviser without the script: the button posts and the page shows the code', async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/dev/kodeviser/${display}?lang=en`);
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Press the button' }).click();
    const code = (await page.locator('.sim-digits').textContent())?.replace(/\s/g, '') ?? '';
    assert.ok((await Promise.all([codeAt(display, t0), codeAt(display, Date.now())])).includes(code), code);
    await context.close();
  });

  for (const [lang, voice, press, repeat, slower, said] of [
    ['da', 'da-DK', 'Tryk på knappen', 'Gentag', 'Langsommere', 'Kodeoplæseren siger:'],
    ['en', 'en-GB', 'Press the button', 'Repeat', 'Slower', 'The code reader says:'],
  ] as const) {
    test(`the kodeoplæser by keyboard alone reads the code aloud (${lang})`, async () => {
      const page = await newPage();
      await page.goto(`${base}/dev/kodeoplaeser/${reader}?lang=${lang}`);
      await expectAccessible(page);
      const spoken = (): Promise<Spoken[]> =>
        page.evaluate(() => (window as unknown as { __spoken: Spoken[] }).__spoken);

      await tabTo(page, press);
      const outline = await page.evaluate(
        () => getComputedStyle(document.activeElement as Element).outlineStyle,
      );
      assert.notEqual(outline, 'none', 'the focused button shows its focus');
      const t0 = Date.now();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => (window as unknown as { __spoken: unknown[] }).__spoken.length === 1);
      const [first] = await spoken();
      assert.ok(first);
      const code = first.text.replace(/\D/g, '');
      assert.ok((await Promise.all([codeAt(reader, t0), codeAt(reader, Date.now())])).includes(code), code);
      assert.equal(first.text, code.split('').join(', '), 'digit by digit');
      assert.equal(first.lang, voice);
      const live = page.locator('[aria-live="polite"]');
      await page.waitForFunction(
        (c) => document.querySelector('[aria-live="polite"]')?.textContent?.includes(c),
        code.split('').join(' '),
      );
      assert.equal((await live.textContent())?.trim(), `${said} ${code.split('').join(' ')}`);
      await expectAccessible(page);

      await tabTo(page, repeat);
      await page.keyboard.press('Enter');
      await tabTo(page, slower);
      await page.keyboard.press(' ');
      await page.waitForFunction(() => (window as unknown as { __spoken: unknown[] }).__spoken.length === 3);
      const [, again, slow] = await spoken();
      assert.deepEqual(again, first, 'Gentag says the same code again');
      assert.ok(slow && slow.text === first.text && slow.lang === voice);
      assert.ok(slow.rate < first.rate, `slower: ${slow.rate} < ${first.rate}`);
      await page.context().close();
    });
  }
});
