// The core crashing: its Go runtime dying of a fatal error or a panic, as
// it would if it ran out of memory or hit a bug. The page ends the worker,
// a new one replays the stored simulation (on the same engine, with the
// token attached again), and the call that crashed it is rejected with Go's
// reason; a crash while nothing runs is noticed and the next call restarts
// the core; a crash while the stored simulation is replayed ends in the
// recovery box, not in a loop.
//
// No EE can crash the core, so the crashes are made on purpose, for real:
// opened with ?test-crash in its address (test-only), the page has
// eeplay.crashCoreForTests, which makes the core's Go program die of an
// unrecovered panic (cmd/eeplay-wasm); ?test-crash=replay also makes every
// new core die when asked to replay the stored simulation.

import assert from 'node:assert/strict';
import { EXAMPLE_EES, SITE, engines, eeplay, openApp, pageTest, screenshot, simulationSnapshot, waitSettled } from './browser.mjs';
import { START_OPERATIONS, composerError, compose, startSimulation, stillWorks } from './intact.mjs';

/** @import { Page } from 'playwright-core' */

const PANIC = 'panic: eeplay: crashed on purpose, for a test';
/** @type {(what: string, before: string) => string} */
const crashed = (what, before) => `${what}: the core crashed (${PANIC}): it was restarted and the simulation is as it was ${before}`;

/**
 * The token provider's state, without what differs from run to run.
 * @param {Page} page
 */
async function tokenState(page) {
  const { accounts, root, eeRoot, inSync, problem } = await eeplay(page, 'token.status');
  return { accounts, root, eeRoot, inSync, problem };
}

/**
 * Counts the core's crashes from the panics Go prints to the worker's console.
 * @param {Page} page
 */
function countPanics(page) {
  const count = { panics: 0 };
  page.on('console', (m) => {
    if (m.text() === PANIC) count.panics++;
  });
  return count;
}

pageTest('a block that crashes the core is rejected with why; the core restarts with the simulation, engine and token as before, also after a reload', async ({ page }) => {
  await startSimulation(page, '?test-crash');
  await page.click('#tab-token');
  await page.click('[data-token-create]');
  await page.locator('[data-token-sync="in-sync"]').waitFor({ timeout: 60_000 });
  await page.evaluate(() => window.eeplay.setEngine('browser'));
  const snapshot = await simulationSnapshot(page);
  const token = await tokenState(page);
  assert.equal(token.inSync, true);

  // From the composer: the core dies at the block's first progress report.
  await page.evaluate(() => window.eeplay.crashCoreForTests('block'));
  await compose(page, 3, 0, '0x01');
  await page.click('[data-run-block]');
  assert.equal(await composerError(page), `The block was rejected and nothing changed. ${crashed('create shard block on shard 3', 'before this block')}`);
  await screenshot(page, '33-core-crashed', '[data-composer-panel]');
  assert.deepEqual(await simulationSnapshot(page), snapshot);
  assert.deepEqual(await engines(page), { eeplay: 'browser', core: 'browser' });
  assert.deepEqual(await tokenState(page), token);
  assert.equal(await page.locator('[data-errors] [data-error]').count(), 0);
  assert.equal(await page.locator('[data-shard="3"] [data-count]').textContent(), '0');
  const worked = await stillWorks(page);

  // From the console: the error says why; a call waiting behind the block
  // is interrupted, having not run.
  const outcome = await page.evaluate(async () => {
    await window.eeplay.crashCoreForTests('block');
    const settled = await Promise.allSettled([
      window.eeplay.createShardBlock({ shardIndex: 3, transactions: [{ eeIndex: 0, data: '0x02' }] }),
      window.eeplay.getShardState({ shardIndex: 3 }),
    ]);
    // Both reject; a result without a reason fails below.
    const [block, behind] = /** @type {PromiseRejectedResult[]} */ (settled).map((s) => s.reason);
    return {
      block: { name: block.name, message: block.message, crashed: block.crashed, timeLimit: block.timeLimit },
      behind: { name: behind.name, message: behind.message },
    };
  });
  assert.deepEqual(outcome.block, {
    name: 'Error',
    message: crashed('create shard block on shard 3', 'before this block'),
    crashed: PANIC,
    timeLimit: undefined,
  });
  assert.deepEqual(outcome.behind, {
    name: 'AbortError',
    message: 'getShardState: interrupted: a call crashed the core, so the core restarted before this call finished; nothing it would have changed was kept, try it again',
  });
  assert.deepEqual(await simulationSnapshot(page), worked);
  assert.deepEqual(await tokenState(page), token);

  // A further block works, and a reload brings back exactly this.
  const after = await stillWorks(page);
  await page.reload();
  await waitSettled(page);
  assert.deepEqual(await simulationSnapshot(page), after);
  assert.deepEqual(await engines(page), { eeplay: 'browser', core: 'browser' });
  assert.deepEqual(await tokenState(page), token);
});

pageTest('the core crashing while nothing runs: the next calls restart it and run once, with the simulation as it was', async ({ page }) => {
  const panics = countPanics(page);
  let snapshot = await startSimulation(page, '?test-crash');
  await page.evaluate(() => window.eeplay.crashCoreForTests('idle'));
  // Nothing restarts until a call needs the core.
  await page.waitForTimeout(500);
  assert.equal(panics.panics, 1);
  assert.deepEqual(await simulationSnapshot(page), snapshot);
  snapshot = await stillWorks(page);

  // Calls made while the crash is on its way to the page never ran: the
  // new core runs them, the block once.
  const [, blockIndex, overview] = await page.evaluate(() =>
    Promise.all([
      window.eeplay.crashCoreForTests('idle'),
      window.eeplay.createShardBlock({ shardIndex: 0, transactions: [{ eeIndex: 0, data: '0x03' }] }),
      window.eeplay.getOverview(),
    ]),
  );
  assert.equal(panics.panics, 2);
  assert.equal(blockIndex, 1);
  assert.equal(overview.blockCounts[0], 2);
  const now = await simulationSnapshot(page);
  assert.equal(now.overview.slot, snapshot.overview.slot + 1);
  assert.deepEqual(now.blocks.filter((b) => b.shardIndex !== 0), snapshot.blocks.filter((b) => b.shardIndex !== 0));
  await page.reload();
  await waitSettled(page);
  assert.deepEqual(await simulationSnapshot(page), now);
});

pageTest('a core that crashes as it replays the stored simulation: the recovery box, no loop, and Reset starts over', async ({ page }) => {
  const panics = countPanics(page);
  await startSimulation(page);
  // Every new core now crashes as it replays: on loading the page, once.
  await page.goto(`${SITE}?test-crash=replay`);
  await page.waitForSelector('body[data-app="error"]', { timeout: 120_000 });
  const recovery = page.locator('[data-recovery]');
  await recovery.waitFor();
  /** @param {number} n */
  const replayFailed = (n) => `the stored simulation (${n} operations) could not be replayed: the core crashed (${PANIC}). Reset starts over.`;
  assert.equal(await recovery.locator('[data-recovery-text]').textContent(), replayFailed(START_OPERATIONS));
  assert.equal(await page.textContent('[data-status]'), `error: ${replayFailed(START_OPERATIONS)}`);
  await page.waitForTimeout(1000);
  assert.equal(panics.panics, 1);
  await screenshot(page, '34-core-crashed-replaying');

  // Reset starts a core that has nothing to replay, and loads the example EEs, once.
  await page.click('[data-recovery-reset]');
  await page.click('[data-reset-yes]');
  await page.waitForSelector('body[data-settled]');
  assert.ok(await recovery.isHidden());
  await page.locator('[data-reset-confirm]').waitFor({ state: 'hidden' });
  assert.equal(await page.textContent('[data-status]'), 'Reset: the example EEs are loaded again.');
  assert.equal((await page.evaluate(() => window.eeplay.getOverview())).executionEnvironmentCount, EXAMPLE_EES.length);
  assert.deepEqual(await page.locator('[data-ee-list] [data-ee-name]').allTextContents(), EXAMPLE_EES);
  assert.equal(panics.panics, 1);

  // A block that crashes the core, whose replay then crashes it too: the
  // block says both, the recovery box shows, and nothing loops.
  const message = await page.evaluate(async () => {
    const code = new Uint8Array(await (await fetch('examples/hashchain/hashchain.wasm')).arrayBuffer());
    const ee = await window.eeplay.createExecutionEnvironment({ wasmCode: code });
    await window.eeplay.crashCoreForTests('block');
    return window.eeplay.createShardBlock({ shardIndex: 3, transactions: [{ eeIndex: ee, data: '0x' }] }).then(
      () => 'accepted',
      (e) => e.message,
    );
  });
  assert.equal(
    message,
    `create shard block on shard 3: the core crashed (${PANIC}): it was restarted, but the simulation could not be replayed afterwards: ${replayFailed(EXAMPLE_EES.length + 1)}`,
  );
  await recovery.waitFor();
  assert.equal(await recovery.locator('[data-recovery-text]').textContent(), replayFailed(EXAMPLE_EES.length + 1));
  await page.waitForTimeout(1000);
  assert.equal(panics.panics, 3);
  await page.click('[data-recovery-reset]');
  await page.click('[data-reset-yes]');
  await recovery.waitFor({ state: 'hidden' });
  // The confirmation closes once Reset is done, the examples loaded again
  // (the status may still show the first Reset's words).
  await page.locator('[data-reset-confirm]').waitFor({ state: 'hidden' });
  assert.equal(await page.textContent('[data-status]'), 'Reset: the example EEs are loaded again.');
  assert.equal((await page.evaluate(() => window.eeplay.getOverview())).executionEnvironmentCount, EXAMPLE_EES.length);

  // Without the flag, the page is as ever, and has no crashCoreForTests.
  await openApp(page);
  assert.equal(await page.evaluate(() => typeof window.eeplay.crashCoreForTests), 'undefined');
});
