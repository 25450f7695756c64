/**
 * The code-device simulators in Chromium, with a stand-in stock until the inventory
 * (wp-codedevice) is wired into the MitID app: a server of the HTTP foundation on loopback with
 * registerSimulators, devices whose TOTP seeds the test knows. The kodeviser's display shows the
 * device's current code (the same code otpauth computes from the seed), for 30 s; the kodeoplæser
 * is driven by the keyboard alone, and speechSynthesis.speak is observed (an init script records
 * every utterance): the digits in order, da-DK (en-GB on the English page), a slower rate after
 * "Langsommere", and the code in the aria-live region. Every page passes axe, in both languages.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '../../src/config/config.ts';
import { registerSimulators, type SimulatorStock } from '../../src/kinds/code-device/index.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { makeTestApp } from '../../src/platform/http/testing/makeTestApp.ts';
import { expectAccessible, launchBrowser } from '../support/browser.ts';

const seeds: Record<string, string> = {
  'KV-300000001': 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  'KO-400000001': 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
};
const codeAt = (serial: string, ms: number): string =>
  new TOTP({ secret: seeds[serial] ?? '', algorithm: 'SHA1', digits: 6, period: 30 }).generate({
    timestamp: ms,
  });
const stock: SimulatorStock = {
  list: async () => [
    { serial: 'KV-300000001', kind: 'codeDisplay', status: 'in_stock' },
    { serial: 'KO-400000001', kind: 'codeReader', status: 'activated' },
  ],
  currentCode: async (serial, ms) => (seeds[serial] ? codeAt(serial, ms) : undefined),
};

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
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;

  before(async () => {
    app = await makeTestApp();
    await registerSimulators(app, { config: loadConfig({ DEV_PAGES: 'true' }), clock: systemClock }, stock);
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  const newPage = async (): Promise<Page> => {
    const context = await browser.newContext();
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
    await page.getByRole('link', { name: 'Åbn KV-300000001' }).click();
    await page.waitForURL(`${base}/dev/kodeviser/KV-300000001`);
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
    await page.goto(`${base}/dev/kodeviser/KV-300000001`);
    await expectAccessible(page);
    const before = Date.now();
    await page.getByRole('button', { name: 'Tryk på knappen' }).click();
    const shown = page.locator('[data-sim-screen] .sim-digits');
    await shown.waitFor();
    const code = (await shown.textContent())?.replace(/\s/g, '') ?? '';
    assert.ok([codeAt('KV-300000001', before), codeAt('KV-300000001', Date.now())].includes(code), code);
    assert.match(page.url(), /\/dev\/kodeviser\/KV-300000001$/);
    await page.clock.runFor(25_000);
    assert.ok(await shown.isVisible());
    await page.clock.runFor(6_000);
    assert.ok(await page.getByText('Displayet er slukket.').isVisible());
    await page.context().close();
  });

  test('the kodeviser without the script: the button posts and the page shows the code', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/dev/kodeviser/KV-300000001?lang=en`);
    const before = Date.now();
    await page.getByRole('button', { name: 'Press the button' }).click();
    const code = (await page.locator('.sim-digits').textContent())?.replace(/\s/g, '') ?? '';
    assert.ok([codeAt('KV-300000001', before), codeAt('KV-300000001', Date.now())].includes(code), code);
    await context.close();
  });

  for (const [lang, voice, press, repeat, slower, said] of [
    ['da', 'da-DK', 'Tryk på knappen', 'Gentag', 'Langsommere', 'Kodeoplæseren siger:'],
    ['en', 'en-GB', 'Press the button', 'Repeat', 'Slower', 'The code reader says:'],
  ] as const) {
    test(`the kodeoplæser by keyboard alone reads the code aloud (${lang})`, async () => {
      const page = await newPage();
      await page.goto(`${base}/dev/kodeoplaeser/KO-400000001?lang=${lang}`);
      await expectAccessible(page);
      const spoken = (): Promise<Spoken[]> =>
        page.evaluate(() => (window as unknown as { __spoken: Spoken[] }).__spoken);

      await tabTo(page, press);
      const outline = await page.evaluate(
        () => getComputedStyle(document.activeElement as Element).outlineStyle,
      );
      assert.notEqual(outline, 'none', 'the focused button shows its focus');
      const before = Date.now();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => (window as unknown as { __spoken: unknown[] }).__spoken.length === 1);
      const [first] = await spoken();
      assert.ok(first);
      const code = first.text.replace(/\D/g, '');
      assert.ok([codeAt('KO-400000001', before), codeAt('KO-400000001', Date.now())].includes(code), code);
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
