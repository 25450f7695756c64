/**
 * Screenshots on the way through a browser test, for a person to look at: saved as PNGs in
 * $E2E_SHOTS (none when it is unset, so the tests write nothing by default).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

let count = 0;

/** Saves a full-page PNG of `page` named `<n>-<name>.png`, when $E2E_SHOTS names a folder. */
export async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SHOTS;
  if (!dir) return;
  await mkdir(dir, { recursive: true });
  count += 1;
  await page.screenshot({ path: join(dir, `${String(count).padStart(2, '0')}-${name}.png`), fullPage: true });
}
