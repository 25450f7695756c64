/**
 * A phone whose camera sees what the login box shows: the box's QR code is photographed (a JPEG
 * screenshot of the element, as a camera held up to the screen would see it) and becomes the
 * video of Chromium's fake camera (an MJPEG file, looped) in a second, phone-sized browser.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator } from 'playwright-core';
import { browserArgs } from './browser.ts';

export interface PhoneWithCamera {
  browser: Browser;
  context: BrowserContext;
  close(): Promise<void>;
}

/** Photographs `qr` (the box's QR element) and starts a phone whose camera shows it. */
export async function phoneLookingAt(qr: Locator, origin: string): Promise<PhoneWithCamera> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mitid-camera-'));
  // A margin of white around the code, as a camera sees the screen around it.
  const jpeg = await qr.screenshot({ type: 'jpeg', quality: 95 });
  const file = path.join(dir, 'camera.mjpeg');
  writeFileSync(file, Buffer.concat([jpeg, jpeg]));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      ...browserArgs,
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${file}`,
    ],
  });
  const context = await browser.newContext({
    locale: 'da-DK',
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    permissions: ['camera'],
  });
  await context.grantPermissions(['camera'], { origin });
  return {
    browser,
    context,
    async close() {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
