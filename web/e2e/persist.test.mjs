// The simulation as a file: export, Reset (confirmed in the page), import
// restores it; a bad file changes nothing; the BeaconState as SSZ.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { EXAMPLE_EES, HASHCHAIN, eeplay, openApp, openSettings, pageTest, waitSettled } from './browser.mjs';

/** @import { Page } from 'playwright-core' */

/** @param {Page} page */
async function snapshot(page) {
  const overview = await eeplay(page, 'getOverview');
  const ees = [];
  for (let i = 0; i < overview.executionEnvironmentCount; i++) ees.push(await eeplay(page, 'getExecutionEnvironment', { eeIndex: i }));
  const states = [];
  for (let s = 0; s < 64; s++) states.push(await eeplay(page, 'getShardState', { shardIndex: s }));
  return { overview, ees, states };
}

pageTest('export, Reset, import: the simulation comes back whole; a bad file changes nothing', async ({ page }) => {
  await openApp(page);
  await page.click('[data-guide-run]');
  await page.locator('[data-result-title]').filter({ hasText: 'block 0 on shard 0' }).waitFor();
  await page.evaluate(() => window.eeplay.createShardBlock({ shardIndex: 3, transactions: [{ eeIndex: 0, data: '0x' }, { eeIndex: 1, data: '0x01' }] }));
  await page.locator('[data-shard="3"] [data-count]').filter({ hasText: '1' }).waitFor();
  const saved = await snapshot(page);
  assert.equal(saved.overview.slot, 2);
  assert.equal(saved.states[0].executionEnvironmentStates[0], HASHCHAIN.hello);

  // Export downloads eeplay-simulation.json.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-export]')]);
  assert.equal(download.suggestedFilename(), 'eeplay-simulation.json');
  const exported = readFileSync(await download.path());
  JSON.parse(exported.toString('utf8'));
  assert.equal(`0x${exported.toString('hex')}`, await eeplay(page, 'exportSimulation'));

  // The BeaconState as SSZ, from Settings.
  await openSettings(page);
  const [ssz] = await Promise.all([page.waitForEvent('download'), page.click('[data-ssz]')]);
  assert.equal(ssz.suggestedFilename(), 'beacon-state.ssz');
  assert.equal(`0x${readFileSync(await ssz.path()).toString('hex')}`, await eeplay(page, 'getBeaconStateSSZ'));

  // Reset asks first, in the page; Cancel keeps everything.
  await page.click('[data-reset]');
  assert.ok(await page.locator('[data-reset-confirm]').isVisible());
  await page.click('[data-reset-cancel]');
  assert.ok(await page.locator('[data-reset-confirm]').isHidden());
  assert.equal((await eeplay(page, 'getOverview')).slot, 2);
  // Reset starts over: the example EEs again, no block.
  await page.click('[data-reset]');
  await page.click('[data-reset-yes]');
  await page.locator('[data-status]').filter({ hasText: 'Reset: the example EEs are loaded again.' }).waitFor();
  assert.deepEqual(await eeplay(page, 'getOverview'), { slot: 0, executionEnvironmentCount: EXAMPLE_EES.length, blockCounts: new Array(64).fill(0), engine: 'wazero' });
  assert.deepEqual(await page.locator('[data-ee-list] [data-ee-name]').allTextContents(), EXAMPLE_EES);
  assert.equal(await page.locator('[data-shard-grid] [data-blocks]').count(), 0);
  assert.equal(await page.locator('[data-shard-grid] [data-last]').count(), 0);
  assert.equal(await page.textContent('[data-result]'), 'Run a block to see its receipts here: each transaction’s pre- and post-state root, ticks, logs, deposits and debug output.');

  // A reset is stored: a reload finds the examples once, no block.
  await page.reload();
  await waitSettled(page);
  assert.deepEqual(await eeplay(page, 'getOverview'), { slot: 0, executionEnvironmentCount: EXAMPLE_EES.length, blockCounts: new Array(64).fill(0), engine: 'wazero' });

  // A bad file: an error in the page, nothing changes.
  await page.setInputFiles('[data-import-file]', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"not": "a simulation"') });
  const error = page.locator('[data-errors] [data-error]');
  await error.waitFor();
  assert.match(/** @type {string} */ (await error.textContent()), /^Import simulation from bad\.json: .+/);
  assert.equal((await eeplay(page, 'getOverview')).executionEnvironmentCount, EXAMPLE_EES.length);
  await error.locator('button').click();
  assert.equal(await page.locator('[data-errors] [data-error]').count(), 0);

  // Import restores it all, and the page shows it.
  await page.setInputFiles('[data-import-file]', { name: 'eeplay-simulation.json', mimeType: 'application/json', buffer: exported });
  await page.locator('[data-shard="3"] [data-count]').filter({ hasText: '1' }).waitFor();
  assert.deepEqual(await snapshot(page), saved);
  assert.deepEqual(await page.locator('[data-ee-list] [data-ee-name]').allTextContents(), EXAMPLE_EES);
  assert.equal(await page.locator('[data-shard="0"]').getAttribute('data-changed'), '');

  // ...and stores it.
  await page.reload();
  await waitSettled(page);
  assert.deepEqual(await snapshot(page), saved);
});

pageTest('after the console’s reset, "Load example EEs" creates the examples again', async ({ page }) => {
  await openApp(page);
  // The console's reset empties the simulation (the page's Reset loads the examples again).
  await page.evaluate(() => window.eeplay.reset());
  await page.click('[data-ee-list] [data-load-examples]');
  await page.locator(`[data-ee-list] details[data-ee="${EXAMPLE_EES.length - 1}"]`).waitFor();
  assert.equal((await eeplay(page, 'getOverview')).executionEnvironmentCount, EXAMPLE_EES.length);
  // The guide's button does not create them twice.
  await page.click('[data-guide-load]');
  await page.locator('[data-guide-status]').filter({ hasText: 'already loaded' }).waitFor();
  assert.equal((await eeplay(page, 'getOverview')).executionEnvironmentCount, EXAMPLE_EES.length);
});
