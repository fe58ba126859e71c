// A lesson's progress (eeplay.lessons.progress / saveProgress) is kept in
// IndexedDB beside the simulation, not in it: it survives a reload, a
// reset and an import; bad progress is refused and changes nothing.

import assert from 'node:assert/strict';
import { openApp, pageTest } from './browser.mjs';

/** @import { Page } from 'playwright-core' */

/**
 * The progress stored for lesson 1-first-ee.
 * @param {Page} page
 */
function progress(page) {
  return page.evaluate(async () => window.eeplay.lessons.progress((await window.eeplay.lessons.load('1-first-ee')).url));
}

/**
 * Saves value as the progress of lesson 1-first-ee; resolves to the rejection's message, or null.
 * @param {Page} page
 * @param {unknown} value
 */
function save(page, value) {
  return page.evaluate(
    async (value) =>
      window.eeplay.lessons.saveProgress((await window.eeplay.lessons.load('1-first-ee')).url, /** @type {any} */ (value)).then(
        () => null,
        (/** @type {Error} */ e) => e.message,
      ),
    value,
  );
}

const SAVE_ERROR =
  "lessons.saveProgress: want (url, {step, passed, projects}): the lesson's URL, the step open (an index from 0), the steps passed (indices) and each step's project id by step index; nothing was kept";

pageTest('progress is kept across a reload, a reset and an import; bad progress is refused', async ({ page }) => {
  await openApp(page);
  assert.deepEqual(await progress(page), { step: 0, passed: [], projects: {} });
  const mine = { step: 1, passed: [0], projects: { 0: 'p-mine' } };
  assert.equal(await save(page, mine), null);
  await page.reload();
  await page.waitForSelector('body[data-settled]');
  await page.evaluate(() => window.eeplay.reset());
  await page.evaluate(async () => window.eeplay.importSimulation(await window.eeplay.exportSimulation()));
  const kept = { step: 1, passed: [0], projects: { 0: 'p-mine' } };
  assert.deepEqual(await progress(page), kept);
  for (const [name, bad] of /** @type {[string, unknown][]} */ ([
    ['no progress', null],
    ['a negative step', { step: -1, passed: [], projects: {} }],
    ['passed not a list', { step: 0, passed: 0, projects: {} }],
    ['a project id not a string', { step: 0, passed: [], projects: { 0: 7 } }],
  ])) {
    assert.equal(await save(page, bad), SAVE_ERROR, name);
  }
  assert.deepEqual(await progress(page), kept, 'refused progress changes nothing');
});
