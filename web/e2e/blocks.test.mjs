// Blocks through the composer: receipts, the inspector's old → new, the
// grid's marks and window.eeplay agree to the byte, and survive a reload.

import assert from 'node:assert/strict';
import { HASHCHAIN, ZERO, eeplay, openApp, pageTest, screenshot, texts, viewportScreenshot, waitSettled } from './browser.mjs';

/** @import { Locator, Page } from 'playwright-core' */

/**
 * The value of the composer's EE option whose label names the EE.
 * @param {Page} page
 * @param {string} name
 */
async function eeOption(page, name) {
  const labels = await texts(page, '[data-tx-row]:first-child [data-tx-ee] option');
  const i = labels.findIndex((l) => l.includes(`(${name})`));
  assert.ok(i >= 0, `no ${name} among ${labels}`);
  return String(i);
}

/**
 * @param {Page} page
 * @param {number} n
 * @param {{ ee: string, mode: string, data: string }} row
 */
async function setRow(page, n, { ee, mode, data }) {
  const row = page.locator('[data-tx-row]').nth(n);
  await row.locator('[data-tx-ee]').selectOption(ee);
  await row.locator('[data-tx-mode]').selectOption(mode);
  await row.locator('[data-tx-data]').fill(data);
}

/**
 * @param {Page} page
 * @param {number} shard
 * @param {number} blockIndex
 */
async function runBlock(page, shard, blockIndex) {
  await page.click('[data-run-block]');
  await page.locator('[data-result-title]').filter({ hasText: `block ${blockIndex} on shard ${shard}` }).waitFor();
}

/** @param {Locator} locator */
function hexes(locator) {
  return locator.locator('[data-hex]').allTextContents();
}

pageTest('compose blocks in the UI: receipts, inspector, grid and window.eeplay agree; a reload keeps it all', async ({ page }) => {
  await openApp(page);
  const hc = await eeOption(page, 'hashchain');
  const hw = await eeOption(page, 'helloworld');

  // Block 0 on shard 5: hashchain with no data.
  await page.fill('[data-composer-shard]', '5');
  await setRow(page, 0, { ee: hc, mode: 'hex', data: '' });
  assert.equal(await page.textContent('[data-tx-size]'), '0 bytes');
  await runBlock(page, 5, 0);
  const tx0 = page.locator('[data-result] [data-tx="0"]');
  assert.deepEqual(await hexes(tx0.locator('[data-state-change]')), [ZERO, HASHCHAIN.empty]);
  assert.equal(await tx0.locator('[data-ticks]').textContent(), '100');
  assert.deepEqual(await hexes(tx0.locator('[data-logs]')), [HASHCHAIN.empty]);
  assert.equal(await tx0.locator('[data-deposits]').textContent(), 'none');
  assert.match(/** @type {string} */ (await page.textContent('[data-result-time]')), /ran in [\d.,]+ ms/);

  // Block 1 on shard 5: "hello" as text.
  await setRow(page, 0, { ee: hc, mode: 'text', data: 'hello' });
  assert.equal(await page.textContent('[data-tx-size]'), '5 bytes');
  await runBlock(page, 5, 1);
  assert.deepEqual(await hexes(tx0.locator('[data-state-change]')), [HASHCHAIN.empty, HASHCHAIN.emptyThenHello]);
  assert.equal(await tx0.locator('[data-ticks]').textContent(), '105');
  assert.match(/** @type {string} */ (await tx0.textContent()), /5 bytes · as text: “?hello/);

  // The inspector: shard 5, hashchain's row changed, old → new.
  assert.equal(await page.textContent('[data-inspector-shard]'), '5');
  const row = page.locator(`[data-inspector-rows] tr[data-ee-row="${hc}"]`);
  assert.equal(await row.getAttribute('data-changed'), '');
  assert.deepEqual(await hexes(row), [HASHCHAIN.empty, HASHCHAIN.emptyThenHello]);
  const other = page.locator(`[data-inspector-rows] tr[data-ee-row="${hw}"]`);
  assert.equal(await other.getAttribute('data-changed'), null);
  assert.deepEqual(await hexes(other), [ZERO]);

  // The grid: shard 5 has 2 blocks, changed state, the last block, selected.
  const cell = page.locator('[data-shard-grid] [data-shard="5"]');
  assert.equal(await cell.locator('[data-count]').textContent(), '2');
  for (const a of ['data-blocks', 'data-changed', 'data-last']) assert.equal(await cell.getAttribute(a), '', a);
  assert.equal(await cell.getAttribute('aria-pressed'), 'true');
  assert.equal(await page.locator('[data-shard-grid] [data-blocks]').count(), 1);

  // window.eeplay says the same.
  assert.equal(await eeplay(page, 'getExecutionEnvironmentState', { eeIndex: Number(hc), shardIndex: 5 }), HASHCHAIN.emptyThenHello);
  const overview = await eeplay(page, 'getOverview');
  assert.equal(overview.slot, 2);
  assert.equal(overview.blockCounts[5], 2);
  const block = await eeplay(page, 'getShardBlock', { shardIndex: 5, blockIndex: 1 });
  assert.deepEqual(block.transactions, [{ eeIndex: Number(hc), data: '0x68656c6c6f' }]);
  assert.equal(block.receipts[0].postState, HASHCHAIN.emptyThenHello);
  await screenshot(page, '04-shard-grid-and-inspector', '.page-state');
  // The README's picture (docs/screenshot.png): the page after a block, guide
  // closed, wide enough for three columns: the EEs, the block and its receipt,
  // the grid and the EE states it changed.
  await page.click('[data-guide-close]');
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.evaluate(() => {
    for (const column of document.querySelectorAll('.page-work, .page-run, .page-state')) column.scrollTo(0, 0);
  });
  await viewportScreenshot(page, '00-readme');
  if (viewport) await page.setViewportSize(viewport);
  await page.click('[data-guide-toggle]');

  // A two-transaction block on shard 7: hashchain "hello" from zero, then
  // helloworld, whose debug line is text.
  await page.locator('[data-shard-grid] [data-shard="7"]').click();
  // The composer follows the grid.
  await page.waitForFunction(() => /** @type {HTMLInputElement} */ (document.querySelector('[data-composer-shard]')).value === '7');
  await page.click('[data-add-tx]');
  await setRow(page, 0, { ee: hc, mode: 'hex', data: '0x68656c6c6f' });
  await setRow(page, 1, { ee: hw, mode: 'hex', data: '00ff' });
  await runBlock(page, 7, 0);
  assert.deepEqual(await hexes(tx0.locator('[data-state-change]')), [ZERO, HASHCHAIN.hello]);
  const tx1 = page.locator('[data-result] [data-tx="1"]');
  assert.equal(await tx1.locator('[data-debug]').textContent(), 'log: hello, world');
  assert.equal(await tx1.locator('[data-ticks]').textContent(), '10');
  assert.deepEqual(await hexes(tx1.locator('[data-state-change]')), [ZERO, ZERO]);
  assert.equal(await tx1.getAttribute('data-changed'), null);
  await screenshot(page, '05-receipts', '[data-composer-panel]');
  assert.equal(await page.locator('[data-shard="7"]').getAttribute('data-last'), '');
  assert.equal(await page.locator('[data-shard="5"]').getAttribute('data-last'), null);

  // Bad input is refused next to the form; nothing changes.
  const before = await eeplay(page, 'getOverview');
  await page.click('[data-tx-row]:nth-child(2) [data-tx-remove]');
  assert.equal(await page.locator('[data-tx-row]').count(), 1);
  await setRow(page, 0, { ee: hc, mode: 'hex', data: '0x123' });
  assert.equal(await page.textContent('[data-tx-size]'), 'not hex');
  await page.click('[data-run-block]');
  await page.locator('[data-composer-error]').filter({ hasText: 'Transaction 0: the data is not valid hex' }).waitFor();
  await page.fill('[data-composer-shard]', '64');
  await page.click('[data-run-block]');
  await page.locator('[data-composer-error]').filter({ hasText: 'from 0 to 63' }).waitFor();
  assert.deepEqual(await eeplay(page, 'getOverview'), before);

  // Reload: EEs, blocks, states and the last block's mark come back.
  await page.reload();
  await waitSettled(page);
  assert.deepEqual(await eeplay(page, 'getOverview'), before);
  assert.equal(await page.locator('[data-shard="5"] [data-count]').textContent(), '2');
  assert.equal(await page.locator('[data-shard="7"]').getAttribute('data-last'), '');
  await page.locator('[data-shard-grid] [data-shard="5"]').click();
  await page.locator('[data-inspector-shard]').filter({ hasText: '5' }).waitFor();
  await page.locator(`[data-inspector-rows] tr[data-ee-row="${hc}"][data-changed]`).waitFor();
  assert.deepEqual(await hexes(page.locator(`[data-inspector-rows] tr[data-ee-row="${hc}"]`)), [HASHCHAIN.empty, HASHCHAIN.emptyThenHello]);
  // The shard's blocks, newest first, expand to their receipts.
  assert.deepEqual(await texts(page, '[data-block-list] details[data-block] > summary'), [
    'Block 1 · 1 transaction · 1 changed a state',
    'Block 0 · 1 transaction · 1 changed a state',
  ]);
  await page.click('[data-block-list] details[data-block="1"] > summary');
  const stored = page.locator('[data-block-list] details[data-block="1"] [data-tx="0"]');
  await stored.waitFor();
  assert.deepEqual(await hexes(stored.locator('[data-state-change]')), [HASHCHAIN.empty, HASHCHAIN.emptyThenHello]);
});

pageTest('keyboard: arrow keys move through the grid and Enter selects', async ({ page }) => {
  await openApp(page);
  await page.locator('[data-shard-grid] [data-shard="0"]').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-shard')), '9');
  await page.keyboard.press('Enter');
  await page.locator('[data-inspector-shard]').filter({ hasText: '9' }).waitFor();
  assert.equal(await page.locator('[data-shard="9"]').getAttribute('aria-pressed'), 'true');
  await page.waitForFunction(() => /** @type {HTMLInputElement} */ (document.querySelector('[data-composer-shard]')).value === '9');
});

pageTest('a block made from the console shows up in the page', async ({ page }) => {
  await openApp(page);
  const index = await page.evaluate(() =>
    window.eeplay.createShardBlock({ shardIndex: 42, transactions: [{ eeIndex: 0, data: '0x68656c6c6f' }] }),
  );
  assert.equal(index, 0);
  await page.locator('[data-result-title]').filter({ hasText: 'block 0 on shard 42' }).waitFor();
  assert.equal(await page.locator('[data-shard="42"] [data-count]').textContent(), '1');
  assert.equal(await page.locator('[data-shard="42"]').getAttribute('data-last'), '');
});

pageTest('a block of 250 transactions shows its receipts 100 at a time', async ({ page }) => {
  await openApp(page);
  await page.evaluate(() =>
    window.eeplay.createShardBlock({ shardIndex: 12, transactions: Array.from({ length: 250 }, (_, i) => ({ eeIndex: 1, data: `0x${i.toString(16).padStart(4, '0')}` })) }),
  );
  await page.locator('[data-result-title]').filter({ hasText: 'block 0 on shard 12' }).waitFor();
  const receipts = page.locator('[data-result] [data-txs] > [data-tx]');
  const more = page.locator('[data-result] [data-txs-more]');
  assert.equal(await receipts.count(), 100);
  assert.equal(await more.textContent(), 'Show 100 more of 150 transactions');
  // From the keyboard.
  await more.focus();
  await page.keyboard.press('Enter');
  assert.equal(await receipts.count(), 200);
  assert.equal(await more.textContent(), 'Show 50 more of 50 transactions');
  await more.scrollIntoViewIfNeeded();
  await viewportScreenshot(page, 'blocks-show-more');
  await more.click();
  assert.equal(await receipts.count(), 250);
  assert.ok(await more.isHidden());
  assert.equal(await receipts.last().getAttribute('data-tx'), '249');
  assert.equal(await receipts.last().locator('h4').textContent(), 'Transaction 249 · EE 1 (helloworld)');
});

pageTest('phone width (375 px): no sideways scrolling, grid and receipts fit', async ({ page }) => {
  await openApp(page);
  await page.click('[data-guide-run]');
  await page.locator('[data-result-title]').filter({ hasText: 'block 0 on shard 0' }).waitFor();
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the page scrolls sideways');
  const grid = await page.locator('[data-shard-grid]').boundingBox();
  assert.ok(grid && grid.width <= 375, `grid is ${grid?.width} px wide`);
  await screenshot(page, '06-phone-width');
}, { viewport: { width: 375, height: 812 } });

pageTest('dark colour scheme', async ({ page }) => {
  await openApp(page);
  await page.click('[data-guide-run]');
  await page.locator('[data-result-title]').waitFor();
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(bg, 'rgb(17, 20, 24)');
  await screenshot(page, '07-dark');
}, { colorScheme: 'dark' });

for (const width of [1280, 390]) {
  pageTest(`at ${width} px the grid's legend shows what a cell's two numbers are, as a cell shows them`, async ({ page }) => {
    await openApp(page);
    const item = page.locator('[data-shards-panel] .kit-legend [data-grid-legend-count]');
    assert.equal(await item.textContent(), '512shard 5 has 12 blocks');
    // The sample cell lays its numbers out as shard 5's own cell: the shard, and its block count under it.
    /** @param {Locator} cell */
    const layout = (cell) =>
      cell.evaluate((el) => {
        const num = /** @type {Element} */ (el.querySelector('.blocks-num')).getBoundingClientRect();
        const count = /** @type {Element} */ (el.querySelector('.blocks-count')).getBoundingClientRect();
        const style = (/** @type {string} */ s) => getComputedStyle(/** @type {Element} */ (el.querySelector(s)));
        return { under: count.top >= num.bottom - 1, weights: [style('.blocks-num').fontWeight, style('.blocks-count').fontWeight], colour: style('.blocks-count').color };
      });
    const sample = await layout(item.locator('.blocks-sample'));
    assert.deepEqual(sample, await layout(page.locator('[data-shard="5"]')));
    assert.equal(sample.under, true);
    assert.equal(await page.locator('[data-shard="5"] [data-count]').textContent(), '0', 'the number under a cell is its block count');
    // The item is whole on screen, inside the panel.
    const [box, panel] = await Promise.all([item.boundingBox(), page.locator('[data-shards-panel]').boundingBox()]);
    assert.ok(box && panel && box.x >= panel.x && box.x + box.width <= panel.x + panel.width && box.x + box.width <= width, JSON.stringify({ box, panel }));
    await screenshot(page, `grid-legend-${width}`, '[data-shards-panel]');
  }, { viewport: { width, height: 900 } });
}
