// The site loads from a plain static server under a sub-path, the core
// starts, and a first visit creates the example EEs and shows the guide.

import assert from 'node:assert/strict';
import { EXAMPLE_EES, eeplay, openApp, pageTest, repoFile, screenshot, texts, viewportScreenshot, waitSettled } from './browser.mjs';

/** @import { Example } from './browser.mjs' */

pageTest('first visit: core ready, example EEs created and listed, guide shown; a reload keeps them', async ({ page }) => {
  await openApp(page);
  assert.equal(await page.evaluate(() => window.eeplay.ready.then(() => 'resolved')), 'resolved');
  assert.equal(await page.textContent('[data-status]'), 'ready');

  // The examples, as the site lists them, are the EEs, in order; those a
  // panel creates (the token EE, whose state is a genesis root) are not.
  const examples = /** @type {Example[]} */ (await page.evaluate(() => fetch('examples/examples.json').then((r) => r.json()))).filter((e) => !e.panel);
  assert.deepEqual(examples.map((e) => e.name).sort(), EXAMPLE_EES);
  const overview = await eeplay(page, 'getOverview');
  assert.equal(overview.executionEnvironmentCount, examples.length);
  assert.equal(overview.slot, 0);
  assert.equal(overview.blockCounts.length, 64);
  for (const [i, ex] of examples.entries()) {
    const ee = await eeplay(page, 'getExecutionEnvironment', { eeIndex: i });
    assert.equal(ee.wasmCode, `0x${repoFile(`scripts/${ex.name}/${ex.name}.wasm`).toString('hex')}`, `EE ${i} is ${ex.name}`);
    assert.equal(ee.initialState, `0x${'00'.repeat(32)}`);
  }
  assert.deepEqual(await texts(page, '[data-ee-list] [data-ee-name]'), examples.map((e) => e.name));
  assert.equal(await page.evaluate(() => localStorage.getItem('eeplay.visited')), '1');

  // The guide: visible, each example with its summary, source as text.
  const guide = page.locator('[data-guide]');
  assert.ok(await guide.isVisible());
  for (const ex of examples) {
    const item = page.locator(`[data-example="${ex.name}"]`);
    assert.match(/** @type {string} */ (await item.textContent()), new RegExp(`${ex.name} \\(EE \\d\\): ${ex.summary.replace(/[.()]/g, '\\$&')}`));
  }
  await page.click('[data-view-source="hashchain"]');
  const source = page.locator('[data-example="hashchain"] [data-example-source]');
  await source.filter({ hasText: 'eth2_savePostStateRoot' }).waitFor();
  assert.equal(await source.textContent(), repoFile('scripts/hashchain/main.ts').toString('utf8'));
  await page.click('[data-view-source="hashchain"]');
  await screenshot(page, '01-first-visit-guide');

  // Reload: the stored EEs come back, the examples are not created twice.
  await page.reload();
  await waitSettled(page);
  assert.equal((await eeplay(page, 'getOverview')).executionEnvironmentCount, examples.length);
  assert.deepEqual(await texts(page, '[data-ee-list] [data-ee-name]'), examples.map((e) => e.name));

  // The guide can be closed and reopened.
  assert.ok(await guide.isVisible());
  await page.click('[data-guide-close]');
  assert.ok(await guide.isHidden());
  await page.reload();
  await waitSettled(page);
  assert.ok(await guide.isHidden(), 'a closed guide stays closed');
  await page.click('[data-guide-toggle]');
  assert.ok(await guide.isVisible());
});

pageTest('the guide’s one-click example runs hashchain on shard 0 with "hello"', async ({ page }) => {
  await openApp(page);
  await page.click('[data-guide-run]');
  const title = page.locator('[data-result-title]');
  await title.filter({ hasText: 'block 0 on shard 0' }).waitFor();
  const post = '0xa41de667c15557cbd8acdd71ef0fef5dc73561374baed8330f8adb0e1424cd62';
  const tx = page.locator('[data-result] [data-tx="0"]');
  assert.match(/** @type {string} */ (await tx.textContent()), /hashchain/);
  assert.deepEqual(await tx.locator('[data-state-change] [data-hex]').allTextContents(), [`0x${'00'.repeat(32)}`, post]);
  assert.match(/** @type {string} */ (await page.textContent('[data-guide-status]')), /Done/);
  await viewportScreenshot(page, '01-after-guided-run');
  const hashchain = await page.evaluate(() => fetch('examples/examples.json').then((r) => r.json()).then((/** @type {Example[]} */ l) => l.findIndex((e) => e.name === 'hashchain')));
  assert.equal(await eeplay(page, 'getExecutionEnvironmentState', { eeIndex: hashchain, shardIndex: 0 }), post);
});
