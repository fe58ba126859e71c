// A long block on wazero: the composer shows "Transaction i of N" with a
// Cancel button; cancelling keeps every earlier EE and block (also after a
// reload) and the form as it was; the main thread has no long task while
// the block runs; and after a block slower than a second, the page offers
// the browser engine, whose button switches to it.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { EXAMPLE_EES, HASHCHAIN, eeplay, engines, openApp, pageTest, recordLongTasks, screenshot, simulationSnapshot, waitSettled } from './browser.mjs';

/** @import { Page } from 'playwright-core' */

/** The most a transaction's data can be (core.MaxTransactionDataSize): hashchain over it takes about 0.5 s on wazero here. */
const BIG = 256 * 1024;
const data = Buffer.from(Array.from({ length: BIG }, (_, i) => (i * 7 + 3) & 255));

/**
 * hashchain's next root: SHA-256(root || data).
 * @param {string} root
 * @param {Buffer | string} bytes
 */
function chain(root, bytes) {
  return `0x${createHash('sha256').update(Buffer.from(root.slice(2), 'hex')).update(bytes).digest('hex')}`;
}

/**
 * Fills the composer with n hashchain transactions of BIG bytes each, from a file, on shard.
 * @param {Page} page
 * @param {number} shard
 * @param {number} n
 */
async function composeBig(page, shard, n) {
  await page.fill('[data-composer-shard]', String(shard));
  while ((await page.locator('[data-tx-row]').count()) < n) await page.click('[data-add-tx]');
  for (let i = 0; i < n; i++) {
    const row = page.locator('[data-tx-row]').nth(i);
    await row.locator('[data-tx-ee]').selectOption('0');
    await row.locator('[data-tx-mode]').selectOption('file');
    await row.locator('[data-tx-file]').setInputFiles({ name: `data-${i}.bin`, mimeType: 'application/octet-stream', buffer: data });
    await row.locator('[data-tx-size]').filter({ hasText: '262,144 bytes' }).waitFor();
  }
}

/**
 * What the form holds, to tell it was left as it was.
 * @param {Page} page
 */
function formState(page) {
  return page.evaluate(() => ({
    shard: /** @type {HTMLInputElement} */ (document.querySelector('[data-composer-shard]')).value,
    rows: [...document.querySelectorAll('[data-tx-row]')].map((r) => ({
      ee: /** @type {HTMLSelectElement} */ (r.querySelector('[data-tx-ee]')).value,
      mode: /** @type {HTMLSelectElement} */ (r.querySelector('[data-tx-mode]')).value,
      size: /** @type {Element} */ (r.querySelector('[data-tx-size]')).textContent,
    })),
  }));
}

pageTest('a long block shows "Transaction i of N" and Cancel; cancelling keeps every earlier EE and block, also after a reload', async ({ page }) => {
  await openApp(page);
  // Earlier work: a block from the guide, an EE and a block from the console.
  await page.click('[data-guide-run]');
  await page.locator('[data-result-title]').filter({ hasText: 'block 0 on shard 0' }).waitFor();
  await page.evaluate(async () => {
    const ee = await window.eeplay.createExecutionEnvironment({ wasmCode: (await window.eeplay.getExecutionEnvironment({ eeIndex: 1 })).wasmCode, initialState: `0x${'22'.repeat(32)}` });
    await window.eeplay.createShardBlock({ shardIndex: 3, transactions: [{ eeIndex: 0, data: '0x' }, { eeIndex: ee, data: '0x01' }] });
  });
  await page.locator('[data-shard="3"] [data-count]').filter({ hasText: '1' }).waitFor();
  const before = await simulationSnapshot(page);
  assert.equal(before.overview.slot, 2);

  await composeBig(page, 9, 8);
  const form = await formState(page);
  await page.click('[data-run-block]');
  const progress = page.locator('[data-composer-progress]');
  // Past the first transaction: it is running, and says where it is.
  await progress.locator('[data-progress-text]').filter({ hasText: /^Transaction [2-7] of 8$/ }).waitFor({ timeout: 60_000 });
  assert.ok(await progress.locator('[data-progress-bar]').isVisible());
  await screenshot(page, '22-block-progress', '[data-composer-panel]');
  await progress.locator('[data-progress-cancel]').click();
  const note = progress.locator('[data-progress-note]');
  await note.filter({ hasText: 'The block was cancelled: the simulation is as it was before it.' }).waitFor({ timeout: 120_000 });
  assert.ok(await progress.locator('[data-progress-row]').isHidden());
  assert.ok(await progress.locator('[data-progress-cancel]').isHidden());
  await screenshot(page, '23-block-cancelled', '[data-composer-panel]');

  // The form is as it was, ready to run again; no error anywhere.
  assert.deepEqual(await formState(page), form);
  assert.equal(await page.locator('[data-run-block]').isEnabled(), true);
  assert.equal(await page.textContent('[data-run-block]'), 'Run block');
  assert.equal(await page.locator('[data-composer-error]').isHidden(), true);
  assert.equal(await page.locator('[data-errors] [data-error]').count(), 0);

  // The simulation is as it was, on the same engine, and stays so after a reload.
  assert.deepEqual(await simulationSnapshot(page), before);
  assert.deepEqual(await engines(page), { eeplay: 'wazero', core: 'wazero' });
  assert.equal(await page.locator('[data-shard="9"] [data-count]').textContent(), '0');
  await page.reload();
  await waitSettled(page);
  assert.deepEqual(await simulationSnapshot(page), before);

  // And it goes on: the next block is block 1 on shard 0.
  assert.equal(await page.evaluate(() => window.eeplay.createShardBlock({ shardIndex: 0, transactions: [{ eeIndex: 0, data: '0x68656c6c6f' }] })), 1);
  assert.equal(await eeplay(page, 'getExecutionEnvironmentState', { eeIndex: 0, shardIndex: 0 }), chain(HASHCHAIN.hello, 'hello'));
});

pageTest('on cross-check too: calls waiting behind a cancelled block reject clearly, the engine stays; an aborted signal never starts a block', async ({ page }) => {
  await openApp(page);
  const outcome = await page.evaluate(async (size) => {
    const e = window.eeplay;
    await e.setEngine('cross-check');
    const data = new Uint8Array(size);
    const { wasmCode } = await e.getExecutionEnvironment({ eeIndex: 0 });
    const controller = new AbortController();
    /** @type {[number, number][]} */
    const progress = [];
    const block = e.createShardBlock({
      shardIndex: 4,
      transactions: Array.from({ length: 8 }, () => ({ eeIndex: 0, data })),
      signal: controller.signal,
      onProgress: (index, total) => {
        progress.push([index, total]);
        if (index >= 1) controller.abort();
      },
    });
    // Waits on the core behind the block.
    const behind = e.createExecutionEnvironment({ wasmCode });
    // Both reject; a result without a reason fails the assertions below.
    const settled = /** @type {PromiseRejectedResult[]} */ (await Promise.allSettled([block, behind]));
    const aborted = await e
      .createShardBlock({ shardIndex: 4, transactions: [{ eeIndex: 0, data: '0x' }], signal: AbortSignal.abort() })
      .then(() => 'resolved', (err) => err.message);
    return {
      progress,
      block: { name: settled[0].reason?.name, cancelled: settled[0].reason?.cancelled, message: settled[0].reason?.message },
      behind: { name: settled[1].reason?.name, message: settled[1].reason?.message },
      aborted,
      overview: await e.getOverview(),
    };
  }, BIG);
  assert.deepEqual(outcome.progress.slice(0, 2), [[0, 8], [1, 8]]);
  assert.deepEqual(outcome.block, { name: 'AbortError', cancelled: true, message: 'the block was cancelled: the simulation is as it was before it' });
  assert.equal(outcome.behind.name, 'AbortError');
  assert.match(outcome.behind.message, /^createExecutionEnvironment: interrupted: a block was cancelled, so the core restarted before this call finished/);
  assert.equal(outcome.aborted, 'the block was cancelled before it ran: nothing changed');
  assert.equal(outcome.overview.slot, 0);
  assert.equal(outcome.overview.executionEnvironmentCount, EXAMPLE_EES.length);
  // The fresh core runs on the engine the old one did.
  assert.equal(outcome.overview.engine, 'cross-check');
  assert.deepEqual(await engines(page), { eeplay: 'cross-check', core: 'cross-check' });
});

pageTest('no long task on the main thread while a long block runs; a block over 1 s on wazero brings the offer of the browser engine', async ({ page }) => {
  await recordLongTasks(page);
  await openApp(page);
  assert.ok(await page.evaluate(() => PerformanceObserver.supportedEntryTypes.includes('longtask')), 'this Chromium reports no long tasks');
  await composeBig(page, 2, 4);
  // Every text the progress line shows, and when the block ends (its change).
  await page.evaluate(() => {
    window.progressTexts = [];
    const text = /** @type {Element} */ (document.querySelector('[data-composer-progress] [data-progress-text]'));
    new MutationObserver(() => window.progressTexts.push(/** @type {string} */ (text.textContent))).observe(text, { childList: true, characterData: true, subtree: true });
    window.eeplay.onChange((c) => {
      if (c.kind === 'createShardBlock') window.blockEnd = { at: performance.now(), change: c };
    });
    window.blockStart = performance.now();
  });
  await page.click('[data-run-block]');
  await page.locator('[data-result-title]').filter({ hasText: 'block 0 on shard 2' }).waitFor({ timeout: 120_000 });
  const run = await page.evaluate(() => ({ start: window.blockStart, end: window.blockEnd, texts: window.progressTexts, longTasks: window.longTasks }));
  assert.equal(run.end.change.engine, 'wazero');
  assert.equal(run.end.change.transactions, 4);
  assert.ok(run.end.change.milliseconds > 1000, `the block took only ${run.end.change.milliseconds} ms: make it longer`);
  assert.ok(run.texts.includes('Transaction 1 of 4'), `progress shown: ${run.texts}`);
  assert.ok(run.texts.some((t) => /^Transaction [2-4] of 4$/.test(t)), `progress shown: ${run.texts}`);
  const during = run.longTasks.filter((t) => t.start < run.end.at && t.start + t.duration > run.start);
  assert.deepEqual(during, [], 'long tasks on the main thread while the block ran');
  let root = `0x${'00'.repeat(32)}`;
  for (let i = 0; i < 4; i++) root = chain(root, data);
  assert.equal(await eeplay(page, 'getExecutionEnvironmentState', { eeIndex: 0, shardIndex: 2 }), root);

  // The offer: how long it took, and a button that switches.
  const offer = page.locator('[data-engine-offer]');
  await offer.waitFor();
  const seconds = (run.end.change.milliseconds / 1000).toFixed(1);
  assert.equal(
    await offer.locator('p').textContent(),
    `That block took ${seconds} s on wazero’s interpreter. The browser engine runs EEs on this browser’s own WebAssembly, usually far faster. Use the browser engine`,
  );
  await screenshot(page, '24-engine-offer', '[data-engine-offer]');
  await offer.locator('[data-engine-offer-use]').click();
  await page.waitForFunction(() => window.eeplay.engine === 'browser');
  assert.deepEqual(await engines(page), { eeplay: 'browser', core: 'browser' });
  assert.ok(await offer.isHidden());
  assert.equal(await page.locator('[data-engine-option]:checked').getAttribute('value'), 'browser');
  assert.equal(new URL(page.url()).searchParams.get('engine'), 'browser');

  // The same block again, on the browser engine: the chain goes on, sooner.
  await page.click('[data-run-block]');
  await page.locator('[data-result-title]').filter({ hasText: 'block 1 on shard 2' }).waitFor({ timeout: 60_000 });
  assert.match(/** @type {string} */ (await page.textContent('[data-result-time]')), /on browser$/);
  for (let i = 0; i < 4; i++) root = chain(root, data);
  assert.equal(await eeplay(page, 'getExecutionEnvironmentState', { eeIndex: 0, shardIndex: 2 }), root);
  // No offer on the browser engine.
  assert.ok(await offer.isHidden());
});
