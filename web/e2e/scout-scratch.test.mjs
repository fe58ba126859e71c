// Scout tests in a scratch simulation (runScoutTest with scratch: true):
// the example's test passes against the wasm the site serves, with its EEs
// numbered from 0 in a simulation of their own, and the page's simulation,
// its stored operations and its listeners see nothing of it, also after a
// reload; a wrong expectation fails with both roots; an EE's debug lines
// come back per block; a runaway EE is stopped by the time limit on the
// browser engine and a cancelled test by its signal, the page's
// simulation intact; the Scout tests panel runs its tests so too.

import assert from 'node:assert/strict';
import { HASHCHAIN, pageTest, repoFile, screenshot, simulationSnapshot, waitSettled } from './browser.mjs';
import { assertIntact, startSimulation, stillWorks } from './intact.mjs';

/** @import { Page } from 'playwright-core' */

/** hashchain's state after the three blocks of its test. */
const POST = '0x8349758fd097155f59844678c9617ac6a1f2c57c0d767a002f088319377ba8e8';

/** A Scout test that runs hashchain, then an EE that loops forever. */
const RUNAWAY_YAML = `
beacon_state:
  execution_scripts: [hashchain.wasm, infinite_loop.wasm]
shard_pre_state:
  exec_env_states: ["${'00'.repeat(32)}", "${'00'.repeat(32)}"]
shard_blocks:
  - {env: 0, data: ""}
  - {env: 1, data: ""}
shard_post_state:
  exec_env_states: ["${'00'.repeat(32)}", "${'00'.repeat(32)}"]
`;

/**
 * Runs window.eeplay.runScoutTest with scratch: true in the page. files are
 * by name: a URL of the site to fetch, or the bytes. Resolves to the result
 * with what onBlock was told, or to the rejection's message and fields.
 * @param {Page} page
 * @param {{ yaml: string, files: Record<string, string | number[]>, abortAtBlock?: number, shardIndex?: number }} input
 */
function runScratch(page, input) {
  return page.evaluate(async ({ yaml, files, abortAtBlock, shardIndex }) => {
    /** @type {Record<string, Uint8Array>} */
    const wasm = {};
    for (const [name, file] of Object.entries(files)) {
      wasm[name] = typeof file === 'string' ? new Uint8Array(await (await fetch(file)).arrayBuffer()) : new Uint8Array(file);
    }
    if (yaml.startsWith('examples/')) yaml = await (await fetch(yaml)).text();
    /** @type {string[]} */
    const told = [];
    const abort = new AbortController();
    try {
      const result = await window.eeplay.runScoutTest({
        yaml,
        files: wasm,
        scratch: true,
        shardIndex,
        signal: abort.signal,
        onBlock: (index, total) => {
          told.push(`${index}/${total}`);
          if (index === abortAtBlock) abort.abort();
        },
      });
      return { result, told };
    } catch (e) {
      const error = /** @type {Error & { timeLimit?: number, cancelled?: boolean }} */ (e);
      return { error: error.message, timeLimit: error.timeLimit, cancelled: error.cancelled, told };
    }
  }, input);
}

/**
 * Starts counting the changes the page's listeners are told of.
 * @param {Page} page
 */
async function countChanges(page) {
  await page.evaluate(() => {
    /** @type {any} */ (window).changes = [];
    window.eeplay.onChange((change) => /** @type {any} */ (window).changes.push(change.kind));
  });
}

/** @param {Page} page */
function changes(page) {
  return page.evaluate(() => /** @type {any} */ (window).changes);
}

/**
 * The page's stored operations, as the file exportStoredOperations makes of them.
 * @param {Page} page
 */
function storedOperations(page) {
  return page.evaluate(async () => new TextDecoder().decode(await window.eeplay.exportStoredOperations()));
}

pageTest('a scratch Scout test passes or fails against the built example, and the page’s simulation sees nothing of it', async ({ page }) => {
  const before = await startSimulation(page);
  const stored = await storedOperations(page);
  await countChanges(page);

  const passed = await runScratch(page, { yaml: 'examples/hashchain/hashchain.yaml', files: { 'hashchain.wasm': 'examples/hashchain/hashchain.wasm' }, shardIndex: 5 });
  assert.deepEqual(passed.told, ['0/3', '1/3', '2/3']);
  assert.deepEqual(passed.result, {
    passed: true,
    shardIndex: 5,
    // EE 0 of the scratch simulation, though the page's has two EEs.
    executionEnvironments: [{ script: 'hashchain.wasm', eeIndex: 0, expected: POST, actual: POST, passed: true }],
    blocks: [
      { env: 0, blockIndex: 0, debug: [], modules: [] },
      { env: 0, blockIndex: 1, debug: [], modules: [] },
      { env: 0, blockIndex: 2, debug: [], modules: [] },
    ],
    stateDifferences: [],
  });

  // The same test expecting another root fails, with both roots.
  const yaml = repoFile('scripts/hashchain/hashchain.yaml').toString();
  const wrong = yaml.replace(/^(\s+- ")8349758f[0-9a-f]+"/m, `$1${'ab'.repeat(32)}"`);
  assert.notEqual(wrong, yaml);
  const failed = await runScratch(page, { yaml: wrong, files: { 'hashchain.wasm': 'examples/hashchain/hashchain.wasm' } });
  assert.equal(failed.result?.passed, false);
  assert.deepEqual(failed.result?.executionEnvironments, [{ script: 'hashchain.wasm', eeIndex: 0, expected: `0x${'ab'.repeat(32)}`, actual: POST, passed: false }]);
  assert.deepEqual(failed.result?.stateDifferences, [`exec_env_states[0]: expected 0x${'ab'.repeat(32)}, actual ${POST}`]);

  // An EE's debug lines, block by block: helloworld logs a greeting.
  const greeted = await runScratch(page, { yaml: 'examples/helloworld/helloworld.yaml', files: { 'helloworld.wasm': 'examples/helloworld/helloworld.wasm' } });
  assert.equal(greeted.result?.passed, true);
  assert.deepEqual(
    greeted.result?.blocks.map((b) => b.debug),
    [['log: hello, world'], ['log: hello, world']],
  );

  // Bad input: the message of the page's own runs, and nothing changes.
  const missing = await runScratch(page, { yaml, files: {} });
  assert.equal(missing.error, 'beacon_state.execution_scripts[0]: no file named hashchain.wasm among the files given (none)');

  assert.deepEqual(await changes(page), [], 'no change was told');
  await assertIntact(page, before);
  assert.equal(await storedOperations(page), stored);
  await page.reload();
  await waitSettled(page);
  assert.deepEqual(await simulationSnapshot(page), before);
  assert.equal(await storedOperations(page), stored);
  // The page's first hashchain block is still its own.
  assert.equal(await page.evaluate(() => window.eeplay.getExecutionEnvironmentState({ eeIndex: 0, shardIndex: 0 })), HASHCHAIN.hello);
});

pageTest('a runaway EE in a scratch Scout test is stopped by the time limit on the browser engine; a cancelled test stops too', async ({ page }) => {
  const before = await startSimulation(page, '?engine=browser');
  assert.equal(await page.evaluate(() => window.eeplay.engine), 'browser');
  await page.evaluate(() => window.eeplay.setTimeLimit(2));
  await countChanges(page);

  const yaml = RUNAWAY_YAML;
  const files = { 'hashchain.wasm': 'examples/hashchain/hashchain.wasm', 'infinite_loop.wasm': [...repoFile('internal/testee/testdata/infinite_loop.wasm')] };
  const stopped = await runScratch(page, { yaml, files });
  assert.deepEqual(stopped, {
    error: 'run Scout test in a scratch simulation, shard_blocks[1]: stopped after 2 s, the time limit: the core was restarted and the simulation is as it was before',
    timeLimit: 2,
    cancelled: undefined,
    told: ['0/2', '1/2'],
  });
  await assertIntact(page, before);
  assert.equal(await page.evaluate(() => window.eeplay.engine), 'browser');
  assert.deepEqual(await changes(page), [], 'no change was told');

  // Cancelled while its runaway block runs: the worker is restarted too.
  await page.evaluate(() => window.eeplay.setTimeLimit(600));
  const cancelled = await runScratch(page, { yaml, files, abortAtBlock: 1 });
  assert.deepEqual(cancelled, {
    error: 'run Scout test in a scratch simulation: cancelled: the simulation is as it was before it',
    timeLimit: undefined,
    cancelled: true,
    told: ['0/2', '1/2'],
  });
  assert.deepEqual(await changes(page), ['timeLimit'], 'no change but the time limit was told');
  await assertIntact(page, before);
  await stillWorks(page);
  await screenshot(page, 'scout-scratch-after-runaway');
});

pageTest('the Scout tests panel runs a test in a scratch simulation: cancelled while it runs away, the page’s simulation is unchanged', async ({ page }) => {
  const before = await startSimulation(page);
  await page.click('#tab-scout');
  assert.equal(await page.getByLabel('Add the tests’ EEs and blocks to my simulation').isChecked(), false);
  const yaml = RUNAWAY_YAML;
  await page.setInputFiles('[data-scout-file]', [
    { name: 'runaway.yaml', mimeType: 'text/yaml', buffer: Buffer.from(yaml) },
    { name: 'hashchain.wasm', mimeType: 'application/wasm', buffer: repoFile('scripts/hashchain/hashchain.wasm') },
    { name: 'infinite_loop.wasm', mimeType: 'application/wasm', buffer: repoFile('internal/testee/testdata/infinite_loop.wasm') },
  ]);
  await page.click('[data-scout-run]');
  const progress = page.locator('[data-scout-progress]');
  await progress.locator('[data-progress-text]').filter({ hasText: 'Block 2 of 2' }).waitFor();
  await progress.locator('[data-progress-cancel]').click();
  await page.locator('[data-scout-summary]').filter({ hasText: 'Cancelled' }).waitFor();
  assert.equal(await page.textContent('[data-scout-summary]'), 'Cancelled. Your simulation is unchanged.');
  await assertIntact(page, before);
  await stillWorks(page);
});
