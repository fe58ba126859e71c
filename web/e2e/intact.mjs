// Shared by the bad-input tests: a simulation with earlier work in it, a
// check that everything earlier is still there, and a check that the page
// still works, by running a small block through the composer.

import assert from 'node:assert/strict';
import { EXAMPLE_EES, openApp, simulationSnapshot } from './browser.mjs';

/** @import { Page } from 'playwright-core' */
/** @import { Snapshot } from './browser.mjs' */

/** The shard the "still works" blocks run on. */
export const CHECK_SHARD = 7;

/** The operations startSimulation stores: one EE for each example, then two blocks. */
export const START_OPERATIONS = EXAMPLE_EES.length + 2;

/**
 * Opens the page (a first visit loads the example EEs, EXAMPLE_EES), with query in its address, and runs two blocks; resolves to
 * the snapshot of that.
 * @param {Page} page
 */
export async function startSimulation(page, query = '') {
  await openApp(page, query);
  await page.evaluate(async () => {
    await window.eeplay.createShardBlock({ shardIndex: 0, transactions: [{ eeIndex: 0, data: '0x68656c6c6f' }] });
    await window.eeplay.createShardBlock({ shardIndex: 5, transactions: [{ eeIndex: 1, data: '0x01' }, { eeIndex: 0, data: '0x' }] });
  });
  await page.locator('[data-shard="5"] [data-count]').filter({ hasText: '1' }).waitFor();
  const snapshot = await simulationSnapshot(page);
  assert.equal(snapshot.overview.executionEnvironmentCount, EXAMPLE_EES.length);
  assert.equal(snapshot.overview.slot, 2);
  return snapshot;
}

/**
 * Asserts that every EE, block and state of before is still there: the
 * simulation equals before, except for EEs added after it (newEEs of them).
 * Resolves to the snapshot now.
 * @param {Page} page
 * @param {Snapshot} before
 */
export async function assertIntact(page, before, newEEs = 0) {
  const now = await simulationSnapshot(page);
  const n = before.ees.length;
  assert.equal(now.ees.length, n + newEEs, 'the number of EEs');
  assert.deepEqual(now.ees.slice(0, n), before.ees, 'the earlier EEs');
  assert.deepEqual(now.blocks, before.blocks, 'the blocks');
  assert.deepEqual(now.overview.blockCounts, before.overview.blockCounts);
  assert.equal(now.overview.slot, before.overview.slot);
  for (let s = 0; s < 64; s++) assert.deepEqual(now.states[s].slice(0, n), before.states[s], `the states on shard ${s}`);
  return now;
}

/**
 * Fills the composer with one transaction: shard, EE, data as hex.
 * @param {Page} page
 * @param {number} shard
 * @param {number} ee
 * @param {string} data
 */
export async function compose(page, shard, ee, data) {
  await page.fill('[data-composer-shard]', String(shard));
  while ((await page.locator('[data-tx-row]').count()) > 1) await page.locator('[data-tx-remove]').last().click();
  if ((await page.locator('[data-tx-row]').count()) === 0) await page.click('[data-add-tx]');
  const row = page.locator('[data-tx-row]').first();
  await row.locator('[data-tx-ee]').selectOption(String(ee));
  await row.locator('[data-tx-mode]').selectOption('hex');
  await row.locator('[data-tx-data]').fill(data);
}

/**
 * The page still works: a small block on hashchain (EE 0) runs from the
 * composer and shows its receipt. Resolves to the snapshot after it.
 * @param {Page} page
 */
export async function stillWorks(page) {
  const block = await page.evaluate((s) => window.eeplay.getOverview().then((o) => o.blockCounts[s]), CHECK_SHARD);
  await compose(page, CHECK_SHARD, 0, '0x0102');
  await page.click('[data-run-block]');
  await page.locator('[data-result-title]').filter({ hasText: `block ${block} on shard ${CHECK_SHARD}` }).waitFor({ timeout: 60_000 });
  assert.ok(await page.locator('[data-composer-error]').isHidden(), 'the composer shows no error');
  return simulationSnapshot(page);
}

/**
 * The composer's error, once it shows one.
 * @param {Page} page
 */
export async function composerError(page) {
  const error = page.locator('[data-composer-error]');
  await error.waitFor({ state: 'visible', timeout: 120_000 });
  return error.textContent();
}
