// The header: a newcomer's first screen shows the engine as one line and
// keeps the advanced controls (the engine switch, the time limit, the
// BeaconState as SSZ, what the engines are) behind Settings, a disclosure
// opened by mouse or keyboard, closed by Escape, that fits a phone.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { eeplay, openApp, openSettings, pageTest, viewportScreenshot } from './browser.mjs';

/** @import { Page } from 'playwright-core' */

/** The controls kept behind Settings. */
const ADVANCED = ['[data-engine-switch]', '[data-time-limit]', '[data-ssz]', '[data-engine-help]'];

/**
 * The hooks of the page's focused element, e.g. "data-settings-toggle".
 * @param {Page} page
 */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return {
      hooks: el ? [...el.attributes].map((a) => a.name).filter((n) => n.startsWith('data-')) : [],
      inSettings: !!el?.closest('[data-settings]'),
    };
  });
}

pageTest('the first screen shows the engine as a line and keeps the advanced controls behind Settings', async ({ page }) => {
  await openApp(page);
  for (const selector of ADVANCED) assert.ok(await page.locator(selector).isHidden(), `${selector} shows on the first screen`);
  const toggle = page.locator('[data-settings-toggle]');
  assert.ok(await toggle.isVisible());
  assert.equal(await toggle.textContent(), 'Settings');
  // Its arrow is drawn, not read out: the button is named "Settings".
  assert.equal(await page.getByRole('button', { name: 'Settings', exact: true }).count(), 1);
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await toggle.getAttribute('aria-controls'), 'settings');
  assert.equal(await page.locator('#settings').getAttribute('data-settings'), '');
  const line = page.locator('[data-engine-current]');
  assert.ok(await line.isVisible());
  assert.equal(await line.textContent(), 'Engine: wazero');
  await viewportScreenshot(page, '25-header-closed-1280');

  await openSettings(page);
  for (const selector of ADVANCED) assert.ok(await page.locator(selector).isVisible(), `${selector} is not in Settings`);
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  await viewportScreenshot(page, '25-header-settings-1280');
});

pageTest('Settings opens by keyboard, Enter or Space; Tab goes into it; Escape closes it and gives focus back to the button', async ({ page }) => {
  await openApp(page);
  const toggle = page.locator('[data-settings-toggle]');
  const panel = page.locator('[data-settings]');
  for (const key of ['Enter', ' ']) {
    await toggle.focus();
    await page.keyboard.press(key);
    await panel.waitFor();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    // The next stop after the button is the panel's first control, the engine chosen.
    await page.keyboard.press('Tab');
    assert.deepEqual(await focused(page), { hooks: ['data-engine-option'], inSettings: true });
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.deepEqual(await focused(page), { hooks: ['data-settings-toggle'], inSettings: false });
  }
  // Escape from the time limit, deeper in the panel, too; and the button closes what it opened.
  await page.keyboard.press('Enter');
  await page.locator('[data-time-limit]').focus();
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'hidden' });
  assert.deepEqual(await focused(page), { hooks: ['data-settings-toggle'], inSettings: false });
  await page.keyboard.press('Enter');
  await panel.waitFor();
  await page.keyboard.press('Enter');
  await panel.waitFor({ state: 'hidden' });
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
});

pageTest('switching the engine in Settings, by keyboard, or from the console updates the header line', async ({ page }) => {
  await openApp(page);
  const line = page.locator('[data-engine-current]');
  await openSettings(page);
  await page.locator('[data-engine-option][value="wazero"]').focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => window.eeplay.engine === 'browser' && !document.querySelector('[data-engine-switch][aria-busy]'));
  assert.equal(await line.textContent(), 'Engine: browser');
  await page.keyboard.press('Escape');
  assert.ok(await line.isVisible());
  assert.equal(await line.textContent(), 'Engine: browser');
  await page.evaluate(() => window.eeplay.setEngine('cross-check'));
  assert.equal(await line.textContent(), 'Engine: cross-check');
  assert.equal(await page.locator('[data-engine-option]:checked').getAttribute('value'), 'cross-check');
  // A reload starts on the engine in the address, and says so.
  await page.reload();
  await page.waitForSelector('body[data-settled]');
  assert.equal(await line.textContent(), 'Engine: cross-check');
});

pageTest('the time limit and the BeaconState SSZ download work from Settings', async ({ page }) => {
  await openApp(page);
  await openSettings(page);
  const field = page.locator('[data-time-limit]');
  await field.fill('3');
  await field.press('Tab');
  assert.equal(await page.evaluate(() => window.eeplay.timeLimit), 3);
  await field.fill('0');
  await field.press('Tab');
  assert.equal(await page.textContent('[data-time-limit-error]'), 'The time limit must be a number of seconds from 1 to 600, not 0; it stays 3 s.');
  const ssz = page.locator('[data-ssz]');
  await ssz.focus();
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  assert.equal(download.suggestedFilename(), 'beacon-state.ssz');
  assert.equal(`0x${readFileSync(await download.path()).toString('hex')}`, await eeplay(page, 'getBeaconStateSSZ'));
});

pageTest(
  'at 390 px the header and its Settings fit the viewport, with no horizontal scroll',
  async ({ page }) => {
    await openApp(page);
    /** @returns {Promise<{ scroll: number, width: number, outside: string[] }>} */
    const fits = () =>
      page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const outside = [...document.querySelectorAll('[data-header] *')]
          .filter((el) => el.getClientRects().length > 0)
          .filter((el) => {
            const r = el.getBoundingClientRect();
            return r.left < 0 || r.right > width + 0.5;
          })
          .map((el) => el.outerHTML.slice(0, 80));
        return { scroll: document.documentElement.scrollWidth, width, outside };
      });
    let seen = await fits();
    assert.deepEqual(seen, { scroll: 390, width: 390, outside: [] });
    await viewportScreenshot(page, '25-header-closed-390');
    await openSettings(page);
    await page.click('[data-engine-help] summary');
    seen = await fits();
    assert.deepEqual(seen, { scroll: 390, width: 390, outside: [] });
    await viewportScreenshot(page, '25-header-settings-390');
  },
  { viewport: { width: 390, height: 844 } },
);
