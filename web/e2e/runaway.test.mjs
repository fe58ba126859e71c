// Runaway EEs: an EE that loops forever is stopped at the time limit per
// block (set in the page to 2 s), on wazero and on the browser engine: the
// page ends the core's worker, a new one replays the stored simulation, and
// the block is rejected with everything as it was before it (crash
// consistency), also after a reload. A memory bomb and a trapping EE fail
// their blocks with the core's message; an EE whose start function never
// ends is not added. After each, the page still works.

import assert from 'node:assert/strict';
import { EXAMPLE_EES, engines, eeplay, openSettings, pageTest, repoFile, screenshot, simulationSnapshot, waitSettled } from './browser.mjs';
import { assertIntact, composerError, compose, startSimulation, stillWorks } from './intact.mjs';

/** @import { Page } from 'playwright-core' */

/** @param {string} name */
const testee = (name) => ({ name, mimeType: 'application/wasm', buffer: repoFile(`internal/testee/testdata/${name}`) });

/**
 * Uploads a test EE through the EEs panel; resolves once the list shows it.
 * @param {Page} page
 * @param {string} name
 * @param {number} index
 */
async function upload(page, name, index) {
  await page.setInputFiles('[data-ee-file]', testee(name));
  await page.locator(`details[data-ee="${index}"]`).waitFor();
  assert.equal(await page.textContent('[data-ee-status]'), `Created EE ${index} from ${name}.`);
}

// The EEs the time limit test uploads, after the examples.
const LOOP = EXAMPLE_EES.length;
const BOMB = LOOP + 1;
const TRAPS = LOOP + 2;

/** @type {(shard: number, seconds: number) => string} */
const stopped = (shard, seconds) =>
  `create shard block on shard ${shard}: stopped after ${seconds} s, the time limit: the core was restarted and the simulation is as it was before this block`;

pageTest('the time limit per block: set in the page, kept, checked', async ({ page }) => {
  await startSimulation(page);
  await openSettings(page);
  const field = page.locator('[data-time-limit]');
  assert.equal(await field.inputValue(), '10');
  assert.equal(await page.evaluate(() => window.eeplay.timeLimit), 10);
  await field.fill('2');
  await field.press('Tab');
  assert.equal(await page.evaluate(() => window.eeplay.timeLimit), 2);
  assert.equal(await page.evaluate(() => localStorage.getItem('eeplay.timeLimit')), '2');

  // Out of range in the page: refused beside the field; the limit stays.
  const error = page.locator('[data-time-limit-error]');
  for (const [value, shown] of [['0', '0'], ['601', '601'], ['', 'empty']]) {
    await field.fill(value);
    await field.press('Tab');
    await error.waitFor({ state: 'visible' });
    assert.equal(await error.textContent(), `The time limit must be a number of seconds from 1 to 600, not ${shown}; it stays 2 s.`);
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    assert.equal(await page.evaluate(() => window.eeplay.timeLimit), 2);
  }
  await field.fill('2.5');
  await field.press('Tab');
  assert.ok(await error.isHidden());
  assert.equal(await page.evaluate(() => window.eeplay.timeLimit), 2.5);

  // From the console: the same check; the field follows.
  const refused = await page.evaluate(() => {
    const out = [];
    for (const v of [0.5, 601, Number.NaN, '5', null]) {
      try {
        window.eeplay.setTimeLimit(/** @type {any} */ (v));
        out.push('accepted');
      } catch (e) {
        out.push(/** @type {Error} */ (e).message);
      }
    }
    return out;
  });
  assert.deepEqual(refused, [
    'setTimeLimit: the time limit must be a number of seconds from 1 to 600, not 0.5',
    'setTimeLimit: the time limit must be a number of seconds from 1 to 600, not 601',
    'setTimeLimit: the time limit must be a number of seconds from 1 to 600, not NaN',
    'setTimeLimit: the time limit must be a number of seconds from 1 to 600, not "5"',
    'setTimeLimit: the time limit must be a number of seconds from 1 to 600, not null',
  ]);
  await page.evaluate(() => window.eeplay.setTimeLimit(30));
  assert.equal(await field.inputValue(), '30');

  // A reload keeps it.
  await page.reload();
  await waitSettled(page);
  assert.equal(await field.inputValue(), '30');
  assert.equal(await page.evaluate(() => window.eeplay.timeLimit), 30);
});

pageTest('an infinite loop is stopped at the time limit on both engines, a memory bomb and a trap are rejected: nothing earlier is lost, also after a reload', async ({ page }) => {
  let snapshot = await startSimulation(page);
  await openSettings(page);
  const field = page.locator('[data-time-limit]');
  await field.fill('2');
  await field.press('Tab');

  // The infinite loop: accepted as an EE (it is one), stopped when it runs.
  await upload(page, 'infinite_loop.wasm', LOOP);
  snapshot = await assertIntact(page, snapshot, 1);
  await compose(page, 3, LOOP, '0x');
  const started = Date.now();
  await page.click('[data-run-block]');
  assert.equal(await composerError(page), `The block was rejected and nothing changed. ${stopped(3, 2)}`);
  const took = Date.now() - started;
  assert.ok(took >= 2000, `stopped after ${took} ms, before the time limit`);
  await screenshot(page, '30-time-limit', '[data-composer-panel]');
  // Crash consistency: the worker was ended in the middle of the block, and
  // the simulation is exactly as it was before it, on the same engine.
  assert.deepEqual(await simulationSnapshot(page), snapshot);
  assert.deepEqual(await engines(page), { eeplay: 'wazero', core: 'wazero' });
  assert.equal(await page.locator('[data-errors] [data-error]').count(), 0);
  assert.equal(await page.textContent('[data-run-block]'), 'Run block');
  assert.equal(await page.locator('[data-shard="3"] [data-count]').textContent(), '0');
  snapshot = await stillWorks(page);

  // On the browser engine too (its EE code runs on the worker's thread as well).
  await page.evaluate(() => window.eeplay.setEngine('browser'));
  const outcome = await page.evaluate(
    (loop) =>
      window.eeplay.createShardBlock({ shardIndex: 3, transactions: [{ eeIndex: 0, data: '0x' }, { eeIndex: loop, data: '0x' }] }).then(
        () => 'accepted',
        (e) => ({ message: e.message, timeLimit: e.timeLimit, name: e.name }),
      ),
    LOOP,
  );
  assert.deepEqual(outcome, { message: stopped(3, 2), timeLimit: 2, name: 'Error' });
  assert.deepEqual(await engines(page), { eeplay: 'browser', core: 'browser' });
  assert.deepEqual(await simulationSnapshot(page), snapshot);
  await page.evaluate(() => window.eeplay.setEngine('wazero'));
  snapshot = await stillWorks(page);

  // The memory bomb grows memory until memory.grow fails at the cap (256
  // pages), says how far it got, and traps.
  await upload(page, 'memory_bomb.wasm', BOMB);
  snapshot = await assertIntact(page, snapshot, 1);
  await compose(page, 3, BOMB, '0x');
  await page.click('[data-run-block]');
  assert.equal(
    await composerError(page),
    `The block was rejected and nothing changed. create shard block on shard 3: transaction 0 (execution environment ${BOMB}): wasm error: unreachable\nwasm stack trace:\n\t.main()`,
  );
  await page.locator('[data-composer-rejected] [data-debug]').waitFor();
  assert.equal(await page.textContent('[data-composer-rejected] [data-debug]'), 'print32: 256');
  snapshot = await assertIntact(page, snapshot);
  snapshot = await stillWorks(page);

  // The trapping EE.
  await upload(page, 'traps.wasm', TRAPS);
  snapshot = await assertIntact(page, snapshot, 1);
  await compose(page, 3, TRAPS, '0x');
  await page.click('[data-run-block]');
  assert.equal(
    await composerError(page),
    `The block was rejected and nothing changed. create shard block on shard 3: transaction 0 (execution environment ${TRAPS}): wasm error: unreachable\nwasm stack trace:\n\t.main()`,
  );
  snapshot = await assertIntact(page, snapshot);
  snapshot = await stillWorks(page);

  // A start function that never ends: creating the EE tries it, so the
  // creation runs into the time limit, and the EE is not added.
  await page.setInputFiles('[data-ee-file]', testee('start_loops.wasm'));
  const notAdded = page.locator('[data-ee-error]').filter({ hasText: 'start_loops.wasm' });
  await notAdded.waitFor({ timeout: 30_000 });
  assert.equal(
    await notAdded.textContent(),
    'start_loops.wasm was not added: create execution environment: stopped after 2 s, the time limit: the core was restarted and the simulation is as it was before',
  );
  assert.deepEqual(await simulationSnapshot(page), snapshot);
  snapshot = await stillWorks(page);

  // A reload brings back exactly this, with the time limit kept.
  await page.reload();
  await waitSettled(page);
  assert.deepEqual(await simulationSnapshot(page), snapshot);
  assert.equal(await field.inputValue(), '2');
  assert.equal((await eeplay(page, 'getOverview')).executionEnvironmentCount, TRAPS + 1);
});
