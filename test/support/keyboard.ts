/**
 * A person's steps by the keyboard alone (Tab, arrows, Space, Enter, typing; no clicks): each
 * helper tabs until the element the locator names has the focus, then acts as a keyboard user
 * does. They fail when the element cannot be reached by Tab within 60 presses.
 */
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';

const isFocused = (target: Locator): Promise<boolean> =>
  target.evaluate((el) => el === document.activeElement).catch(() => false);

/** Tabs until `target` has the focus (it may have it already). */
export async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`not reachable by Tab: ${target}`);
}

/** Tabs to a text field and types `text` into it (after clearing what is there). */
export async function typeInto(page: Page, target: Locator, text: string): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
}

/** Tabs to a button or link and presses Enter. */
export async function pressEnter(page: Page, target: Locator): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press('Enter');
}

/** Tabs to a checkbox and ticks it with Space. */
export async function tick(page: Page, target: Locator): Promise<void> {
  await tabTo(page, target);
  if (!(await target.isChecked())) await page.keyboard.press(' ');
  assert.ok(await target.isChecked());
}

/** Tabs into the radio group of `target`, then moves with the arrow keys until it is chosen. */
export async function choose(page: Page, target: Locator): Promise<void> {
  const name = await target.getAttribute('name');
  for (let i = 0; i < 60; i++) {
    const inGroup = await page.evaluate(
      (n) => document.activeElement instanceof HTMLInputElement && document.activeElement.name === n,
      name,
    );
    if (inGroup) break;
    await page.keyboard.press('Tab');
  }
  for (let i = 0; i < 20; i++) {
    if (await isFocused(target)) {
      if (!(await target.isChecked())) await page.keyboard.press(' ');
      if (await target.isChecked()) return;
    }
    await page.keyboard.press('ArrowDown');
  }
  assert.fail(`not chosen by the arrows: ${target}`);
}
