// Every main view, measured by axe-core (node_modules/axe-core): the first
// visit, after a block, the Code tab with a project and its Delete
// confirmation, the token panel, the Scout panel after a run, at 390 px and
// in the dark colour scheme. Each view has no violations at all.

import assert from 'node:assert/strict';
import { EXAMPLE_EES, axeViolations, openApp, pageTest, repoFile, screenshot } from './browser.mjs';

/** @import { Page } from 'playwright-core' */

const COMPILE = { timeout: 120_000 };

/** @param {Page} page */
async function runBlock(page) {
  await page.click('[data-run-block]');
  await page.locator('[data-result-title]').filter({ hasText: /block 0 on shard \d+/ }).waitFor();
}

/** @param {Page} page */
async function newProject(page) {
  await page.click('#tab-code');
  await page.selectOption('[data-editor-template]', 'helloworld');
  await page.click('[data-editor-new]');
  await page.locator('.cm-content[data-editor-content="helloworld/main.ts"]').waitFor(COMPILE);
}

pageTest('accessibility: the first visit, and the guide showing an example’s source', async ({ page }) => {
  await openApp(page);
  assert.deepEqual(await axeViolations(page), [], 'first visit');
  await screenshot(page, 'a11y-first-visit');
  await page.click('[data-view-source="hashchain"]');
  await page.locator('[data-example="hashchain"] [data-example-source]').filter({ hasText: 'eth2_savePostStateRoot' }).waitFor();
  assert.deepEqual(await axeViolations(page), [], 'the guide showing hashchain’s source');
});

pageTest('accessibility: after a block', async ({ page }) => {
  await openApp(page);
  await runBlock(page);
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'a11y-after-block');
});

pageTest('accessibility: a receipt whose debug output scrolls', async ({ page }) => {
  await openApp(page);
  // The probe EE prints a line for each 08 op: 60 lines, past the box's height.
  await page.setInputFiles('[data-ee-file]', { name: 'probe.wasm', mimeType: 'application/wasm', buffer: repoFile('internal/testee/testdata/probe.wasm') });
  await page.locator('[data-ee-list] [data-ee-name]').filter({ hasText: 'probe' }).waitFor();
  const row = page.locator('[data-tx-row]').first();
  await row.locator('[data-tx-ee]').selectOption({ label: `EE ${EXAMPLE_EES.length} (probe)` });
  await row.locator('[data-tx-mode]').selectOption('hex');
  await row.locator('[data-tx-data]').fill('0x' + '082a000000'.repeat(60));
  await runBlock(page);
  const debug = page.locator('[data-result] [data-debug]');
  assert.ok(await debug.evaluate((el) => el.scrollHeight > el.clientHeight), 'the debug output does not scroll');
  assert.deepEqual(await axeViolations(page), []);
});

pageTest('accessibility: the Code tab with a project', async ({ page }) => {
  await openApp(page);
  await newProject(page);
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'a11y-code');
});

pageTest('accessibility: the Delete project confirmation', async ({ page }) => {
  await openApp(page);
  await newProject(page);
  await page.click('[data-editor-delete]');
  await page.locator('[data-editor-delete-confirm]').waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'a11y-delete-confirm', '[data-code-panel]');
});

/**
 * Opens the token panel, creates the token and sends 8 random transfers,
 * checking the panel at each step.
 * @param {Page} page
 */
async function checkTokenPanel(page) {
  await page.click('#tab-token');
  await page.locator('[data-token-setup]').waitFor();
  assert.deepEqual(await axeViolations(page), [], 'before the token is created');
  await page.click('[data-token-create]');
  await page.locator('[data-token-sync="in-sync"]').waitFor();
  assert.deepEqual(await axeViolations(page), [], 'after the token is created');
  // A sent block shows the proof drawing and the comparison chart.
  await page.click('[data-token-random]');
  await page.click('[data-token-preview]');
  await page.locator('[data-token-tx-note]').filter({ hasText: 'Preview' }).waitFor();
  await page.click('[data-token-send]');
  await page.locator('[data-token-tx-note]').filter({ hasText: 'Sent: block 0' }).waitFor();
  await page.locator('[data-token-chart] [data-chart-row]').first().waitFor({ state: 'attached' });
  assert.deepEqual(await axeViolations(page), [], 'after a send');
}

/**
 * Runs hashchain's Scout test in the Scout panel and checks the panel with its result.
 * @param {Page} page
 */
async function checkScoutPanel(page) {
  await page.setInputFiles('[data-scout-file]', [
    { name: 'hashchain.yaml', mimeType: 'text/yaml', buffer: repoFile('scripts/hashchain/hashchain.yaml') },
    { name: 'hashchain.wasm', mimeType: 'application/wasm', buffer: repoFile('scripts/hashchain/hashchain.wasm') },
  ]);
  await page.click('[data-scout-run]');
  await page.locator('[data-scout-result="hashchain.yaml"][data-outcome="pass"]').waitFor();
  assert.deepEqual(await axeViolations(page), [], 'after a Scout run');
}

for (const colorScheme of /** @type {const} */ (['light', 'dark'])) {
  pageTest(
    `accessibility: the token panel (${colorScheme})`,
    async ({ page }) => {
      await openApp(page);
      await checkTokenPanel(page);
      await screenshot(page, `a11y-token-${colorScheme}`);
    },
    { colorScheme },
  );

  pageTest(
    `accessibility: the Scout panel after a run (${colorScheme})`,
    async ({ page }) => {
      await openApp(page, '#scout');
      await checkScoutPanel(page);
      await screenshot(page, `a11y-scout-${colorScheme}`);
    },
    { colorScheme },
  );
}

/**
 * Checks the first visit, the page after a block and the Code tab with a
 * project, saving a screenshot of each named after tag.
 * @param {Page} page
 * @param {string} tag
 */
async function checkFirstViews(page, tag) {
  await openApp(page);
  assert.deepEqual(await axeViolations(page), [], 'first visit');
  await screenshot(page, `a11y-${tag}-first-visit`);
  await runBlock(page);
  assert.deepEqual(await axeViolations(page), [], 'after a block');
  await screenshot(page, `a11y-${tag}-after-block`);
  await newProject(page);
  assert.deepEqual(await axeViolations(page), [], 'the Code tab');
  await screenshot(page, `a11y-${tag}-code`);
}

pageTest(
  'accessibility: 390 px, first visit, after a block and the Code tab',
  async ({ page }) => {
    await checkFirstViews(page, '390');
  },
  { viewport: { width: 390, height: 844 } },
);

pageTest(
  'accessibility: the dark colour scheme, first visit, after a block and the Code tab',
  async ({ page }) => {
    await checkFirstViews(page, 'dark');
  },
  { colorScheme: 'dark' },
);
