// The first load and starting over: while the core and the example EEs
// load, the work area is inert and dimmed with a note saying why, the
// guide's button waits for the examples and uploads come after them; Reset
// loads the examples again, and the guide says where the simulation stands
// after a Reset, a reload and an import; an error that no longer applies
// goes by itself.

import assert from 'node:assert/strict';
import { EXAMPLE_EES, eeplay, openApp, pageTest, screenshot, texts, waitSettled, wat2wasm } from './browser.mjs';

/** @import { Page } from 'playwright-core' */

/**
 * Holds back every response whose URL matches pattern by ms, as a slow
 * network would.
 * @param {Page} page
 * @param {string} pattern
 * @param {number} ms
 */
async function slow(page, pattern, ms) {
  await page.route(pattern, async (route) => {
    const response = await route.fetch();
    await new Promise((resolve) => setTimeout(resolve, ms));
    await route.fulfill({ response });
  });
}

/** The example EEs' code, which a first visit fetches to create them. */
const EXAMPLE_WASM = '**/examples/*/*.wasm';

/** @param {Page} page */
function guideState(page) {
  return page.locator('[data-guide]').getAttribute('data-guide-state');
}

/**
 * Waits until the guide is in state.
 * @param {Page} page
 * @param {string} state
 */
async function waitGuideState(page, state) {
  await page.locator(`[data-guide][data-guide-state="${state}"]`).waitFor({ state: 'attached' });
}

pageTest('while the core loads, then the example EEs, the work area is inert and dimmed with a note saying why', async ({ page }) => {
  await slow(page, '**/eeplay.wasm', 4000);
  await slow(page, EXAMPLE_WASM, 1500);
  await page.goto(process.env.EEPLAY_URL ?? '');
  const note = page.locator('[data-gate-note]');
  const main = page.locator('[data-main]');
  assert.equal(await note.textContent(), 'Loading the core…');
  assert.ok(await note.isVisible());
  assert.equal(await main.getAttribute('aria-busy'), 'true');
  assert.equal(await main.evaluate((el) => /** @type {HTMLElement} */ (el).inert), true);
  assert.ok(Number(await main.evaluate((el) => getComputedStyle(el).opacity)) < 0.6, 'the work area is dimmed');
  await screenshot(page, '40-first-load-core');

  await note.filter({ hasText: 'Loading the example EEs…' }).waitFor();
  assert.equal(await main.evaluate((el) => /** @type {HTMLElement} */ (el).inert), true);
  assert.equal(await page.textContent('[data-guide-status]'), 'Loading the example EEs…');
  assert.ok(await page.locator('[data-guide-run]').isDisabled());
  await screenshot(page, '41-first-load-examples');

  await waitSettled(page);
  assert.ok(await note.isHidden());
  assert.equal(await main.evaluate((el) => /** @type {HTMLElement} */ (el).inert), false);
  assert.equal(await main.getAttribute('aria-busy'), null);
  assert.equal(await main.evaluate((el) => getComputedStyle(el).opacity), '1');
  assert.equal(await guideState(page), 'start');
  assert.ok(await page.locator('[data-guide-run]').isEnabled());
});

pageTest('the guide’s button clicked as soon as the core is ready waits for the examples, then runs hashchain', async ({ page }) => {
  await slow(page, EXAMPLE_WASM, 1500);
  await page.goto(process.env.EEPLAY_URL ?? '');
  await page.waitForSelector('body[data-app="ready"]', { timeout: 120_000 });
  await page.click('[data-guide-run]');
  const status = page.locator('[data-guide-status]');
  await status.filter({ hasText: /Done|not loaded/ }).waitFor();
  assert.equal(await status.textContent(), 'Done: see the receipt and the inspector.');
  await page.locator('[data-result-title]').filter({ hasText: 'block 0 on shard 0' }).waitFor();
  assert.equal((await eeplay(page, 'getOverview')).executionEnvironmentCount, EXAMPLE_EES.length);
});

pageTest('a file dropped while the example EEs load becomes an EE after them', async ({ page }) => {
  const mine = await wat2wasm('mine.wat', '(module (memory (export "memory") 1) (func (export "main")))');
  await slow(page, EXAMPLE_WASM, 1500);
  await page.goto(process.env.EEPLAY_URL ?? '');
  await page.waitForSelector('body[data-app="ready"]', { timeout: 120_000 });
  // Dropped on the header: the work area is inert while the examples load.
  await page.locator('[data-header]').evaluate((header, bytes) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], 'mine.wasm', { type: 'application/wasm' }));
    header.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [...mine]);
  await waitSettled(page);
  await page.locator(`[data-ee-list] details[data-ee="${EXAMPLE_EES.length}"]`).waitFor();
  assert.deepEqual(await texts(page, '[data-ee-list] [data-ee-name]'), [...EXAMPLE_EES, 'mine']);
  assert.equal((await eeplay(page, 'getExecutionEnvironment', { eeIndex: EXAMPLE_EES.length })).wasmCode, `0x${mine.toString('hex')}`);
  assert.equal(await page.textContent('[data-ee-status]'), `Created EE ${EXAMPLE_EES.length} from mine.wasm.`);
});

pageTest('Reset loads the example EEs again; the guide says where things stand after a Reset, a reload and an import', async ({ page }) => {
  await openApp(page);
  await page.click('[data-guide-run]');
  await waitGuideState(page, 'done');
  assert.equal(await page.textContent('[data-guide-status]'), 'Done: see the receipt and the inspector.');
  const ran = await eeplay(page, 'exportSimulation');

  // Reset (the header's): the examples again, no block, the guide at its start.
  await page.click('[data-reset]');
  await page.click('[data-reset-yes]');
  await page.locator('[data-status]').filter({ hasText: 'Reset: the example EEs are loaded again.' }).waitFor();
  assert.deepEqual(await eeplay(page, 'getOverview'), { slot: 0, executionEnvironmentCount: EXAMPLE_EES.length, blockCounts: new Array(64).fill(0), engine: 'wazero' });
  assert.deepEqual(await texts(page, '[data-ee-list] [data-ee-name]'), EXAMPLE_EES);
  assert.equal(await guideState(page), 'start');
  assert.equal(await page.textContent('[data-guide-status]'), 'Loaded hashchain (EE 0), helloworld (EE 1) and libhash (EE 2).');
  assert.equal(await page.locator('[data-guide-step][aria-current="step"]').getAttribute('data-guide-step'), 'run');
  await screenshot(page, '42-after-reset');
  // ...and its button works.
  await page.click('[data-guide-run]');
  await waitGuideState(page, 'done');
  assert.equal(await page.locator('[data-guide-step][aria-current="step"]').getAttribute('data-guide-step'), 'see');

  // A reload: a block ran, so done.
  await page.reload();
  await waitSettled(page);
  assert.equal(await guideState(page), 'done');
  assert.equal(await page.textContent('[data-guide-status]'), 'Done: see the receipt and the inspector.');

  // The console's reset still empties the simulation: the guide offers the
  // examples, and its run button waits for them; a reload does not load them.
  await page.evaluate(() => window.eeplay.reset());
  await waitGuideState(page, 'missing');
  const missing = 'The example EEs are not loaded: “Load example EEs” loads them, and the steps use them.';
  assert.equal(await page.textContent('[data-guide-status]'), missing);
  assert.ok(await page.locator('[data-guide-run]').isDisabled());
  assert.equal(await page.getAttribute('[data-guide-run]', 'aria-describedby'), 'guide-status');
  await screenshot(page, '43-guide-examples-missing', '[data-guide]');
  const empty = await eeplay(page, 'exportSimulation');
  await page.reload();
  await waitSettled(page);
  assert.equal((await eeplay(page, 'getOverview')).executionEnvironmentCount, 0);
  assert.equal(await guideState(page), 'missing');
  await page.click('[data-guide-load]');
  await waitGuideState(page, 'start');
  assert.equal(await page.textContent('[data-guide-status]'), 'Loaded hashchain (EE 0), helloworld (EE 1) and libhash (EE 2).');

  // Imports: a file with the examples and a block, then an empty one.
  /** @param {string} hex @param {string} name */
  const importFile = (hex, name) =>
    page.setInputFiles('[data-import-file]', { name, mimeType: 'application/json', buffer: Buffer.from(hex.slice(2), 'hex') });
  await importFile(ran, 'ran.json');
  await page.locator('[data-status]').filter({ hasText: 'Imported ran.json.' }).waitFor();
  await waitGuideState(page, 'done');
  await importFile(empty, 'empty.json');
  await page.locator('[data-status]').filter({ hasText: 'Imported empty.json.' }).waitFor();
  await waitGuideState(page, 'missing');
});

pageTest('“There are no EEs yet” goes once EEs arrive', async ({ page }) => {
  await openApp(page);
  await page.evaluate(() => window.eeplay.reset());
  await page.locator('[data-ee-list] [data-load-examples]').waitFor();
  await page.click('[data-run-block]');
  const error = page.locator('[data-composer-error]');
  await error.filter({ hasText: 'There are no EEs yet: upload one (or load the examples) first.' }).waitFor();
  await page.click('[data-ee-list] [data-load-examples]');
  await page.locator(`[data-ee-list] details[data-ee="${EXAMPLE_EES.length - 1}"]`).waitFor();
  await error.waitFor({ state: 'hidden' });
  assert.equal(await error.textContent(), '');
});
