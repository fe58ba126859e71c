// The Trace view: a stored transaction run again, every host call it made
// shown as a row, the bytes it moved a click away, and window.eeplay's
// traceTransaction agreeing with it.

import assert from 'node:assert/strict';
import { EXAMPLE_EES, axeViolations, eeplay, openApp, pageTest, recordLongTasks, repoFile, screenshot, wat2wasm } from './browser.mjs';

/** @import { Locator, Page } from 'playwright-core' */

/**
 * Runs the guide's example block (hashchain, "hello", block 0 on shard 0) and opens its transaction's trace.
 * @param {Page} page
 */
async function traceGuideBlock(page) {
  await openApp(page);
  await page.click('[data-guide-run]');
  await page.locator('[data-result-title]').filter({ hasText: 'block 0 on shard 0' }).waitFor();
  return openTrace(page, 0);
}

/**
 * Opens the trace of transaction tx of the block the composer shows.
 * @param {Page} page
 * @param {number} tx
 */
async function openTrace(page, tx) {
  const open = page.locator(`[data-result] [data-tx="${tx}"] [data-trace-open]`);
  assert.equal(await open.textContent(), `Trace transaction ${tx}`);
  assert.equal(await open.getAttribute('aria-expanded'), 'false');
  await open.click();
  assert.equal(await open.getAttribute('aria-expanded'), 'true');
  const trace = page.locator(`[data-result] [data-trace="${tx}"]`);
  await trace.locator('[data-trace-summary]').waitFor();
  return trace;
}

/**
 * The text of each row: the call as code.
 * @param {Locator} trace
 */
function callTexts(trace) {
  return trace.locator('[data-trace-text]').allTextContents();
}

const GUIDE_CALLS = [
  'eth2_blockDataSize()',
  'eth2_useTicks(ticks=105)',
  'eth2_loadPreStateRoot(ptr=0x1680)',
  'eth2_blockDataCopy(ptr=0x680, offset=0, length=5)',
  'eth2_savePostStateRoot(ptr=0x1680)',
  'eth2_emitLog(ptr=0x1680, length=32)',
];

pageTest('the trace of the guide’s block: its summary, its calls, the post-state it saved, a search', async ({ page }) => {
  const trace = await traceGuideBlock(page);
  const { receipts } = await eeplay(page, 'getShardBlock', { shardIndex: 0, blockIndex: 0 });
  const postState = receipts[0].postState;

  assert.equal(
    await trace.locator('[data-trace-summary]').textContent(),
    'read 5 bytes of block data in 2 calls, used 105 ticks in 1 call, loaded pre-state, saved post-state, emitted 1 log (32 bytes)',
  );
  assert.deepEqual(await callTexts(trace), GUIDE_CALLS);
  assert.equal(await trace.locator('[data-trace-count]').textContent(), 'Showing 6 of 6 calls.');
  assert.equal(await trace.locator('[data-trace-cut]').count(), 0);
  assert.equal(await trace.locator('[data-trace-failed]').count(), 0);
  assert.equal(await trace.locator('[data-trace-call="eth2_blockDataSize"] [data-trace-result]').textContent(), '→ 5');

  // The post-state it saved is the receipt's, read from the EE's memory; opened from the keyboard.
  const save = trace.locator('[data-trace-call="eth2_savePostStateRoot"]');
  await save.locator('summary').focus();
  await page.keyboard.press('Enter');
  const hex = save.locator('[data-trace-piece="read"] [data-trace-hex]');
  await hex.waitFor();
  assert.equal(`0x${await hex.textContent()}`, postState);
  assert.equal(await save.locator('[data-trace-piece="written"]').count(), 0);
  // 32 bytes: marked as a root.
  assert.equal(await save.locator('[data-trace-piece="read"][data-trace-root] .trace-root').textContent(), 'a root’s size');
  // The block data it copied shows as text too.
  const copy = trace.locator('[data-trace-call="eth2_blockDataCopy"]');
  await copy.locator('summary').click();
  assert.equal(await copy.locator('[data-trace-piece="written"] [data-trace-hex]').textContent(), '68656c6c6f');
  assert.equal(await copy.locator('[data-trace-ascii]').textContent(), 'hello');
  assert.equal(await copy.locator('[data-trace-root]').count(), 0);

  // The search keeps the rows whose function it names a part of.
  await page.getByLabel('Filter calls by function').fill('BlockData');
  assert.deepEqual(await callTexts(trace), [GUIDE_CALLS[0], GUIDE_CALLS[3]]);
  assert.equal(await trace.locator('[data-trace-count]').textContent(), 'Showing 2 of 2 matching calls (6 calls in all).');
  await page.getByLabel('Filter calls by function').fill('nothing');
  assert.deepEqual(await callTexts(trace), []);
  await page.getByLabel('Filter calls by function').fill('');
  assert.deepEqual(await callTexts(trace), GUIDE_CALLS);
  await save.locator('summary').click();

  assert.deepEqual(await axeViolations(page), [], 'the open trace');
  await screenshot(page, 'trace-guide-1280', '[data-result]');

  // window.eeplay gives the same, changing nothing; a transaction that is not stored rejects with the core's message.
  const traced = await eeplay(page, 'traceTransaction', { shardIndex: 0, blockIndex: 0, transactionIndex: 0 });
  assert.deepEqual(traced.receipt, receipts[0]);
  assert.deepEqual(
    traced.trace.calls.map((/** @type {any} */ c) => c.function),
    GUIDE_CALLS.map((c) => c.slice(0, c.indexOf('('))),
  );
  assert.equal(traced.trace.calls[4].read[0].bytes, postState);
  const overview = await eeplay(page, 'getOverview');
  await assert.rejects(eeplay(page, 'traceTransaction', { shardIndex: 3, blockIndex: 9, transactionIndex: 0 }), /: trace transaction: shard 3 has no block 9: it has 0\n/);
  assert.deepEqual(await eeplay(page, 'getOverview'), overview);

  // Closing hides it; opening again shows it as it was, without tracing again.
  const open = page.locator('[data-result] [data-tx="0"] [data-trace-open]');
  await open.click();
  assert.ok(await trace.isHidden());
  await open.click();
  assert.ok(await trace.isVisible());
});

pageTest(
  'the trace at 390 px in the dark: no sideways scrolling',
  async ({ page }) => {
    const trace = await traceGuideBlock(page);
    await trace.locator('[data-trace-call="eth2_savePostStateRoot"] summary').click();
    await trace.locator('[data-trace-call="eth2_savePostStateRoot"] [data-trace-hex]').waitFor();
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the page scrolls sideways');
    assert.deepEqual(await axeViolations(page), [], 'the open trace, dark, 390 px');
    await trace.scrollIntoViewIfNeeded();
    await screenshot(page, 'trace-guide-390-dark', '[data-result] [data-tx="0"]');
  },
  { viewport: { width: 390, height: 844 }, colorScheme: 'dark' },
);

pageTest('the trace of a token transaction: the calls it makes, in the summary', async ({ page }) => {
  await openApp(page);
  await page.click('#tab-token');
  await page.locator('[data-token-setup]').waitFor();
  await page.click('[data-token-create]');
  await page.locator('[data-token-sync="in-sync"]').waitFor();
  const status = await eeplay(page, 'token.status');
  const [a, b] = status.accounts;
  await eeplay(page, 'token.send', { proof: 'multi', transfers: [{ sender: a.address, recipient: b.address, amount: 1 }] });
  const { receipts } = await eeplay(page, 'getShardBlock', { shardIndex: 0, blockIndex: 0 });
  await page.click('#tab-ees');
  await page.locator('[data-result-title]').filter({ hasText: 'block 0 on shard 0' }).waitFor();
  const trace = await openTrace(page, 0);
  // The transaction's data, its proof included, read in; a tick count per step; the new root saved; a log each for the block and the transfer.
  const summary = /** @type {string} */ (await trace.locator('[data-trace-summary]').textContent());
  const match = /^read ([\d,]+) bytes of block data in 2 calls, used ([\d,]+) ticks in 5 calls, loaded pre-state, saved post-state, emitted 2 logs \(40 bytes\)$/.exec(summary);
  assert.ok(match, summary);
  assert.equal(Number(match[2].replaceAll(',', '')), receipts[0].ticks);
  const copy = trace.locator('[data-trace-call="eth2_blockDataCopy"]');
  await copy.locator('summary').click();
  const copied = (await copy.locator('[data-trace-hex]').textContent())?.replaceAll('\n', '');
  assert.equal(copied?.length, 2 * Number(match[1].replaceAll(',', '')));
  // The log rows read what the receipt holds.
  const logs = trace.locator('[data-trace-call="eth2_emitLog"]');
  assert.equal(await logs.count(), 2);
  for (const [i, log] of receipts[0].logs.entries()) {
    await logs.nth(i).locator('summary').click();
    assert.equal(`0x${(await logs.nth(i).locator('[data-trace-hex]').textContent())?.replaceAll('\n', '')}`, log);
  }
  assert.equal(await trace.locator('[data-trace-call="eth2_savePostStateRoot"]').count(), 1);
  await screenshot(page, 'trace-token-1280', '[data-result]');
});

/** An EE that calls eth2_useTicks(1) 120,000 times: more calls than a trace records. */
const MANY_CALLS = `(module
  (import "env" "eth2_useTicks" (func $useTicks (param i32)))
  (memory (export "memory") 1)
  (func (export "main") (local $i i32)
    (loop $again
      (call $useTicks (i32.const 1))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $again (i32.lt_u (local.get $i) (i32.const 120000))))))`;

pageTest('a trace of 100,000 calls: cut, shown 2,000 rows at a time, without freezing the page', async ({ page }) => {
  const wasm = await wat2wasm('many.wat', MANY_CALLS);
  await recordLongTasks(page);
  await openApp(page);
  const eeIndex = await page.evaluate((hex) => window.eeplay.createExecutionEnvironment({ wasmCode: hex }), `0x${wasm.toString('hex')}`);
  await page.evaluate((i) => window.eeplay.createShardBlock({ shardIndex: 2, transactions: [{ eeIndex: i, data: '0x' }] }), eeIndex);
  await page.locator('[data-result-title]').filter({ hasText: 'block 0 on shard 2' }).waitFor();
  const started = await page.evaluate(() => performance.now());
  const trace = await openTrace(page, 0);
  assert.equal(await trace.locator('[data-trace-summary]').textContent(), 'used 100,000 ticks in 100,000 calls');
  assert.match(/** @type {string} */ (await trace.locator('[data-trace-cut]').textContent()), /^the trace stops after 100000 host calls \(MaxTraceCalls\); the transaction ran on$/);
  assert.equal(await trace.locator('[data-trace-call]').count(), 2000);
  assert.equal(await trace.locator('[data-trace-count]').textContent(), 'Showing 2,000 of 100,000 calls.');
  const more = trace.locator('[data-trace-more]');
  assert.equal(await more.textContent(), 'Show 2,000 more of 98,000');
  await more.click();
  assert.equal(await trace.locator('[data-trace-call]').count(), 4000);
  assert.equal(await trace.locator('[data-trace-count]').textContent(), 'Showing 4,000 of 100,000 calls.');
  // A search that matches every row starts again from the first 2,000.
  await page.getByLabel('Filter calls by function').fill('ticks');
  assert.equal(await trace.locator('[data-trace-call]').count(), 2000);
  const longest = await page.evaluate((t) => Math.max(0, ...window.longTasks.filter((l) => l.start >= t).map((l) => l.duration)), started);
  // Taking in the message and making the first rows are two tasks, each well under a second here (0.4 s and 0.6 s).
  assert.ok(longest < 1000, `the page froze for ${longest} ms`);
  await screenshot(page, 'trace-many-calls', '[data-result]');
}, { timeout: 240_000 });

pageTest('a child module’s calls are indented under the eth2_callModule that ran it', async ({ page }) => {
  await openApp(page);
  // libhash's first Scout block: its child module, then the messages "hello" and "world".
  const data = /data: "([0-9a-f]+)"/.exec(repoFile('scripts/libhash/libhash.yaml').toString('utf8'))?.[1];
  const eeIndex = EXAMPLE_EES.indexOf('libhash');
  await page.evaluate(([i, hex]) => window.eeplay.createShardBlock({ shardIndex: 6, transactions: [{ eeIndex: Number(i), data: `0x${hex}` }] }), [eeIndex, data]);
  await page.locator('[data-result-title]').filter({ hasText: 'block 0 on shard 6' }).waitFor();
  const trace = await openTrace(page, 0);
  const rows = await trace.locator('[data-trace-call]').evaluateAll((l) => l.map((e) => `${e.getAttribute('data-depth')} ${e.getAttribute('data-trace-call')}`));
  // The child's hash export asks for its argument and calls back into the EE's exposed export, whose calls are one deeper again.
  const child = ['1 eth2_argument', '1 eth2_argument', '1 eth2_call', '2 eth2_argument', '2 eth2_useTicks', '2 eth2_return', '1 eth2_return'];
  const message = ['0 eth2_blockDataCopy', '0 eth2_blockDataCopy', '0 eth2_callModule', ...child, '0 eth2_emitLog', '0 eth2_bufferSet', '0 eth2_bufferMerge', '0 eth2_bufferClear'];
  assert.deepEqual(rows, [
    '0 eth2_blockDataSize',
    '0 eth2_useTicks',
    '0 eth2_loadPreStateRoot',
    '0 eth2_blockDataCopy',
    '0 eth2_blockDataCopy',
    '0 eth2_loadModule',
    '0 eth2_expose',
    ...message,
    ...message,
    '0 eth2_bufferGet',
    '0 eth2_bufferGet',
    '0 eth2_bufferGet',
    '0 eth2_savePostStateRoot',
  ]);
  assert.equal(
    await trace.locator('[data-trace-summary]').textContent(),
    'read 3,149 bytes of block data in 7 calls, used 3,259 ticks in 3 calls, loaded pre-state, loaded 1 child module (3,127 bytes), 1 eth2_expose call, 2 child module calls, 6 eth2_argument calls, 2 eth2_call calls, 4 eth2_return calls, emitted 2 logs (64 bytes), 9 buffer calls (224 bytes in, 64 bytes out), saved post-state',
  );
  // Each level is indented further.
  const calls = trace.locator('[data-trace-call]');
  const left = async (/** @type {number} */ i) => /** @type {{ x: number }} */ (await calls.nth(i).boundingBox()).x;
  assert.ok((await left(9)) < (await left(10)) && (await left(10)) < (await left(13)), 'nested calls are not indented');
  await calls.nth(9).scrollIntoViewIfNeeded();
  await screenshot(page, 'trace-nested', '[data-result] [data-trace="0"]');
});
