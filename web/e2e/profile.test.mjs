// The Profile view: a stored transaction run again with each function
// measured, as a flame graph and a sortable table, and window.eeplay's
// profileTransaction agreeing with it; the browser engine says it cannot.

import assert from 'node:assert/strict';
import { axeViolations, eeplay, openApp, pageTest, screenshot } from './browser.mjs';

/** @import { Page } from 'playwright-core' */

/**
 * Runs the guide's example block (hashchain, "hello", block 0 on shard 0) on the engine query names and opens its transaction's profile.
 * @param {Page} page
 * @param {string} [query]
 */
async function openGuideProfile(page, query = '') {
  await openApp(page, query);
  await page.click('[data-guide-run]');
  await page.locator('[data-result-title]').filter({ hasText: 'block 0 on shard 0' }).waitFor();
  const open = page.locator('[data-result] [data-tx="0"] [data-profile-open]');
  assert.equal(await open.textContent(), 'Profile transaction 0');
  await open.click();
  assert.equal(await open.getAttribute('aria-expanded'), 'true');
  return page.locator('[data-result] [data-profile="0"]');
}

const MAIN = 'hashchain/main.ts:main';

pageTest('the profile of the guide’s block: a flame graph from main down, a table to sort, ticks exact', async ({ page }) => {
  const profile = await openGuideProfile(page);
  await profile.locator('[data-profile-table]').waitFor();
  const { receipts } = await eeplay(page, 'getShardBlock', { shardIndex: 0, blockIndex: 0 });

  assert.match(
    /** @type {string} */ (await profile.locator('[data-profile-measure]').textContent()),
    /^Measured: mean of \d+ runs: wall-clock time on wazero's interpreter, .*; the browser's clock steps by up to 0\.1 ms, .*\. Calls and ticks are exact and the same on every engine\.$/,
  );
  // main ran once and charged every tick of the receipt, itself.
  const main = profile.locator(`[data-profile-function="${MAIN}"]`);
  const cell = (/** @type {string} */ column) => main.locator(`[data-profile-cell="${column}"]`).textContent();
  assert.equal(await cell('calls'), '1');
  assert.equal(await cell('totalTicks'), receipts[0].ticks.toLocaleString('en-US'));
  assert.equal(await cell('selfTicks'), receipts[0].ticks.toLocaleString('en-US'));

  // The flame graph: main spans the width on top, what it called below.
  const frames = profile.locator('[data-profile-frame]');
  const top = frames.first();
  assert.equal(await top.getAttribute('data-profile-frame'), MAIN);
  const graph = /** @type {{ x: number, width: number }} */ (await profile.locator('[data-profile-flame]').boundingBox());
  const topBox = /** @type {{ x: number, y: number, width: number }} */ (await top.boundingBox());
  assert.ok(Math.abs(topBox.width - graph.width) < 2, `main is ${topBox.width} px wide of ${graph.width}`);
  assert.ok((await frames.count()) > 1, 'main called nothing');
  const update = profile.locator('[data-profile-frame="lib/sha256.ts:update"]').first();
  assert.ok((/** @type {{ y: number }} */ (await update.boundingBox())).y > topBox.y, 'a callee is not below main');

  // Sized by ticks, only main charged any.
  await profile.getByLabel('Size bars by').selectOption('ticks');
  assert.deepEqual(await frames.evaluateAll((l) => l.map((e) => e.getAttribute('data-profile-frame'))), [MAIN]);
  await profile.getByLabel('Size bars by').selectOption('time');

  // Pressing a bar (from the keyboard) zooms into it; the button brings the whole back.
  await update.focus();
  assert.match(/** @type {string} */ (await profile.locator('[data-profile-detail]').textContent()), /^lib\/sha256\.ts:update: .* in all \([\d.]+% of the transaction\), .* itself, 2 calls$/);
  await page.keyboard.press('Enter');
  const whole = profile.locator('[data-profile-whole]');
  assert.ok(await whole.isVisible());
  const zoomed = /** @type {{ width: number }} */ (await profile.locator('[data-profile-frame="lib/sha256.ts:update"]').first().boundingBox());
  assert.ok(Math.abs(zoomed.width - graph.width) < 2, 'the zoomed bar does not span the graph');
  await whole.click();
  assert.ok(await whole.isHidden());

  // The table sorts by a heading pressed: by name, A to Z.
  const names = () => profile.locator('[data-profile-function]').evaluateAll((l) => l.map((e) => e.getAttribute('data-profile-function') ?? ''));
  await profile.locator('[data-profile-sort="name"]').click();
  const byName = await names();
  assert.deepEqual(byName, [...byName].sort());
  assert.equal(await profile.locator('th[aria-sort]').getAttribute('aria-sort'), 'ascending');
  await profile.locator('[data-profile-sort="calls"]').click();
  assert.equal(await profile.locator('th[aria-sort]').textContent(), 'Calls');

  assert.deepEqual(await axeViolations(page), [], 'the open profile');
  await screenshot(page, 'profile-guide-1280', '[data-result] [data-tx="0"]');

  // window.eeplay gives the same, changing nothing; a transaction that is not stored rejects with the core's message.
  const profiled = await eeplay(page, 'profileTransaction', { shardIndex: 0, blockIndex: 0, transactionIndex: 0 });
  assert.deepEqual(profiled.receipt, receipts[0]);
  assert.equal(profiled.profile.tree[0].name, MAIN);
  assert.equal(profiled.profile.tree[0].caller, -1);
  assert.deepEqual([...(await names())].sort(), profiled.profile.functions.map((/** @type {{ name: string }} */ f) => f.name).sort());
  const overview = await eeplay(page, 'getOverview');
  await assert.rejects(eeplay(page, 'profileTransaction', { shardIndex: 3, blockIndex: 9, transactionIndex: 0 }), /: profile transaction: shard 3 has no block 9: it has 0\n/);
  assert.deepEqual(await eeplay(page, 'getOverview'), overview);
});

pageTest(
  'the profile at 390 px in the dark: no sideways scrolling',
  async ({ page }) => {
    const profile = await openGuideProfile(page);
    await profile.locator('[data-profile-table]').waitFor();
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the page scrolls sideways');
    assert.deepEqual(await axeViolations(page), [], 'the open profile, dark, 390 px');
    await profile.scrollIntoViewIfNeeded();
    await screenshot(page, 'profile-guide-390-dark', '[data-result] [data-tx="0"]');
  },
  { viewport: { width: 390, height: 844 }, colorScheme: 'dark' },
);

pageTest('on the browser engine, the profile says why it cannot measure functions, and the trace still works', async ({ page }) => {
  const profile = await openGuideProfile(page, '?engine=browser');
  assert.equal(
    await profile.locator('[data-profile-error]').textContent(),
    "profile transaction: the engine cannot measure each function: it gives no hook on a function's entry and exit; wazero's engines can",
  );
  await page.locator('[data-result] [data-tx="0"] [data-trace-open]').click();
  await page.locator('[data-result] [data-trace="0"] [data-trace-summary]').waitFor();
  await screenshot(page, 'profile-browser-engine', '[data-result] [data-tx="0"]');
});
