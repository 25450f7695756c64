/**
 * The setup every browser test file shares: the whole system started as `npm start` does, its
 * databases opened for checks, and Chromium; all stopped afterwards, and the system must stop
 * cleanly (exit code 0), as after Ctrl-C.
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { openSystemData, type SystemData } from './data.ts';
import { type RunningSystem, startSystem } from './system.ts';

export interface Running {
  system: RunningSystem;
  data: SystemData;
  browser: Browser;
}

export function useRunningSystem(extraEnv: Record<string, string> = {}): Running {
  const env = {} as Running;
  before(async () => {
    env.system = await startSystem(extraEnv);
    env.data = await openSystemData(env.system);
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.data?.close();
    const code = await env.system?.stop();
    assert.equal(code, 0, `npm start did not stop cleanly:\n${env.system?.output()}`);
  });
  return env;
}
