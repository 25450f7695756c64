/**
 * A phone whose camera sees what the login box shows: the box's QR code is photographed (a JPEG
 * screenshot of the element, as a camera held up to the screen would see it) and becomes the
 * video of Chromium's fake camera (an MJPEG file, looped) in a second, phone-sized browser.
 *
 * The phone can be started before there is anything to look at (`phoneWithCamera`) and pointed at
 * a QR code later (`lookAt`): Chromium opens the file anew for each getUserMedia, so the next
 * "Scan QR-kode" sees the latest photograph. That lets a test activate the MitID app in the phone
 * first and photograph the box's QR code only when it is about to scan (a frame is accepted for
 * 10 seconds).
 */
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator } from 'playwright-core';
import { browserArgs } from './browser.ts';

export interface PhoneWithCamera {
  browser: Browser;
  context: BrowserContext;
  /** Photographs `qr` (the box's QR element): the camera shows it from the next getUserMedia on. */
  lookAt(qr: Locator): Promise<void>;
  close(): Promise<void>;
}

/** Writes the camera's video (two frames of the same JPEG, looped) atomically. */
function writeVideo(file: string, jpeg: Buffer): void {
  const next = `${file}.next`;
  writeFileSync(next, Buffer.concat([jpeg, jpeg]));
  renameSync(next, file);
}

/**
 * A JPEG of the screen around `qr`: a margin of the page around the code, as a camera sees the
 * screen around it, and even sides in pixels (Chromium's fake camera shows an odd-sized picture
 * as a 2×2 black one).
 */
async function photograph(qr: Locator): Promise<Buffer> {
  await qr.scrollIntoViewIfNeeded();
  const box = await qr.boundingBox();
  if (!box) throw new Error('The QR code is not on the screen');
  const margin = 16;
  const x = Math.max(0, Math.floor(box.x - margin));
  const y = Math.max(0, Math.floor(box.y - margin));
  const even = (n: number) => 2 * Math.ceil(n / 2);
  const clip = {
    x,
    y,
    width: even(box.x + box.width + margin - x),
    height: even(box.y + box.height + margin - y),
  };
  return qr.page().screenshot({ type: 'jpeg', quality: 95, clip });
}

/** A phone-sized browser (Danish unless `locale`) whose camera sees a white wall until `lookAt`. */
export async function phoneWithCamera(origin: string, locale = 'da-DK'): Promise<PhoneWithCamera> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mitid-camera-'));
  const file = path.join(dir, 'camera.mjpeg');
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
    locale,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    permissions: ['camera', 'notifications'],
  });
  await context.grantPermissions(['camera', 'notifications'], { origin });
  // Until the phone looks at a box the camera sees a white wall (the file must be a valid MJPEG).
  const wall = await context.newPage();
  await wall.setContent('<div id="wall" style="width:320px;height:240px;background:#fff"></div>');
  writeVideo(file, await wall.locator('#wall').screenshot({ type: 'jpeg', quality: 90 }));
  await wall.close();
  return {
    browser,
    context,
    async lookAt(qr: Locator) {
      writeVideo(file, await photograph(qr));
    },
    async close() {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Photographs `qr` (the box's QR element) and starts a phone whose camera shows it. */
export async function phoneLookingAt(qr: Locator, origin: string): Promise<PhoneWithCamera> {
  const phone = await phoneWithCamera(origin);
  await phone.lookAt(qr);
  return phone;
}
