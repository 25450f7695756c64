/**
 * The simulators as the MitID app wires them, on the real stock: a demo batch of each kind
 * imported (PSKC), /dev/enheder lists its serials, and a kodeviser's button gives the code the
 * stock computes for that device (what `npm run device -- code` prints); with DEV_PAGES=false
 * the routes do not exist.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { pino } from 'pino';
import { loadConfig } from '../../config/config.ts';
import { openMitidTestDb } from '../../core/people/testing/index.ts';
import { makeDemoBatch } from '../../kinds/code-device/index.ts';
import { TestClock } from '../../platform/clock.ts';
import { injectBrowser } from '../../platform/oidc/testing/testOp.ts';
import { cryptoRandom } from '../../platform/random.ts';
import { buildMitidApp } from './app.ts';
import { createCodeDevices } from './codeDevices.ts';

const csrfOf = (body: string): string => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';

test('the wired simulators show the real stock and its codes; off without DEV_PAGES', async () => {
  const database = await openMitidTestDb('sqlite');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'simulators-wired-'));
  const clock = new TestClock('2026-11-24T09:00:07Z');
  try {
    const deps = (devPages: boolean) => ({
      config: loadConfig({ DATA_DIR: dataDir, DEV_PAGES: String(devPages) }),
      secrets: {
        cookieKey: 'mitid-cookie-key-for-tests-0123456789',
        serverSecret: 'mitid-server-secret-for-tests-0123456789',
        bankClientSecret: 'bank-client-secret-for-tests-0123456789',
      },
      db: database.db,
      clock,
      random: cryptoRandom,
      logger: pino({ level: 'silent' }),
    });
    const devices = createCodeDevices(deps(true));
    const serials: string[] = [];
    for (const kind of ['codeDisplay', 'codeReader'] as const) {
      const batch = await makeDemoBatch(database.db, cryptoRandom, kind, 2, clock.now().getTime());
      const imported = await devices.importPskc(batch.xml, batch.transportKey);
      assert.ok(imported.ok, JSON.stringify(imported));
      serials.push(...batch.devices.map((d) => d.serial));
    }
    const app = await buildMitidApp(deps(true), { oidcLogin: false });
    const browser = injectBrowser(() => app);
    const list = await browser.get('/dev/enheder');
    assert.equal(list.statusCode, 200);
    for (const serial of serials) assert.ok(list.body.includes(serial), serial);
    const display = serials.find((s) => s.startsWith('KV-')) ?? '';
    const page = await browser.get(`/dev/kodeviser/${display}`);
    assert.equal(page.statusCode, 200);
    const pressed = await browser.post(`/dev/kodeviser/${display}`, { _csrf: csrfOf(page.body) });
    const expected = await devices.currentCode(display, clock.now().getTime());
    assert.match(expected ?? '', /^\d{6}$/);
    assert.match(pressed.body, new RegExp(`data-sim-code="${expected}"`));
    await app.close();

    const off = await buildMitidApp(deps(false), { oidcLogin: false });
    assert.equal((await off.inject({ url: '/dev/enheder' })).statusCode, 404);
    assert.equal((await off.inject({ url: `/dev/kodeviser/${display}` })).statusCode, 404);
    await off.close();
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
