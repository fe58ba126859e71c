// Scout YAML tests: through the panel (file input, PASS/FAIL, a missing
// file), in a scratch simulation unless the visitor ticks the box that adds
// the tests' EEs and blocks to theirs; the example tests button; and every
// scripts/*/*.yaml through window.eeplay.runScoutTest.

import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, eeplay, openApp, pageTest, repoFile, screenshot, simulationSnapshot, texts } from './browser.mjs';

/** @import { Example } from './browser.mjs' */

/** @param {string} path */
function file(path) {
  const name = /** @type {string} */ (path.split('/').pop());
  return { name, mimeType: name.endsWith('.wasm') ? 'application/wasm' : 'text/yaml', buffer: repoFile(path) };
}

pageTest('a Scout test picked with its wasm file passes; a wrong expectation fails; a missing file is named', async ({ page }) => {
  await openApp(page, '#scout');
  const before = await simulationSnapshot(page);
  const eesBefore = before.overview.executionEnvironmentCount;
  const into = page.getByLabel('Add the tests’ EEs and blocks to my simulation');
  assert.equal(await into.isChecked(), false, 'tests run in a scratch simulation unless asked');

  await page.setInputFiles('[data-scout-file]', [file('scripts/hashchain/hashchain.yaml'), file('scripts/hashchain/hashchain.wasm')]);
  assert.deepEqual(await texts(page, '[data-scout-picked] code'), ['hashchain.yaml', 'hashchain.wasm']);
  const post = '0x8349758fd097155f59844678c9617ac6a1f2c57c0d767a002f088319377ba8e8';
  const result = page.locator('[data-scout-result="hashchain.yaml"]');
  const ee = result.locator('[data-scout-ee]');

  // By default the test runs in a scratch simulation: it passes, and the visitor's is unchanged.
  await page.click('[data-scout-run]');
  await result.waitFor();
  assert.equal(await result.getAttribute('data-outcome'), 'pass');
  assert.equal(await page.textContent('[data-scout-summary]'), '1 passed, 0 failed');
  assert.match(/** @type {string} */ (await result.textContent()), /shard 0 · 3 blocks ran · in a scratch simulation: yours is unchanged/);
  assert.match(/** @type {string} */ (await ee.textContent()), /^PASS hashchain\.wasm/);
  assert.deepEqual(await ee.locator('[data-hex]').allTextContents(), [post, post]);
  assert.deepEqual(await simulationSnapshot(page), before);
  assert.equal(await page.locator('[data-shard="0"] [data-count]').textContent(), String(before.overview.blockCounts[0]));

  // With the box ticked, the test's EE and blocks go into the visitor's simulation.
  await into.check();
  await page.click('[data-scout-run]');
  await result.filter({ hasText: 'in your simulation' }).waitFor();
  assert.equal(await result.getAttribute('data-outcome'), 'pass');
  assert.equal(await page.textContent('[data-scout-summary]'), '1 passed, 0 failed');
  assert.equal(await ee.count(), 1);
  assert.equal(await ee.getAttribute('data-scout-ee'), String(eesBefore));
  assert.match(/** @type {string} */ (await ee.textContent()), new RegExp(`^PASS hashchain\\.wasm → EE ${eesBefore}`));
  assert.deepEqual(await ee.locator('[data-hex]').allTextContents(), [post, post]);
  assert.match(/** @type {string} */ (await result.textContent()), /shard 0 · 3 blocks ran · in your simulation/);
  // The test ran in this simulation: its EE and blocks are there.
  assert.equal((await eeplay(page, 'getOverview')).executionEnvironmentCount, eesBefore + 1);
  assert.equal(await eeplay(page, 'getExecutionEnvironmentState', { eeIndex: eesBefore, shardIndex: 0 }), post);
  // The grid shows them at its next refresh.
  await page.locator('[data-shard="0"] [data-count]').filter({ hasText: /^3$/ }).waitFor();

  // The same test expecting another root fails, showing both.
  const wrong = repoFile('scripts/hashchain/hashchain.yaml').toString().replace(/^(\s+- ")8349758f[0-9a-f]+"/m, `$1${'ab'.repeat(32)}"`);
  assert.notEqual(wrong, repoFile('scripts/hashchain/hashchain.yaml').toString());
  await page.setInputFiles('[data-scout-file]', { name: 'hashchain.yaml', mimeType: 'text/yaml', buffer: Buffer.from(wrong) });
  await page.click('[data-scout-run]');
  await result.and(page.locator('[data-outcome="fail"]')).waitFor();
  assert.equal(await page.textContent('[data-scout-summary]'), '0 passed, 1 failed');
  assert.deepEqual(await result.locator('[data-scout-ee] [data-hex]').allTextContents(), [`0x${'ab'.repeat(32)}`, post]);
  assert.match(/** @type {string} */ (await result.locator('[data-scout-ee]').textContent()), /^FAIL hashchain\.wasm/);

  // A YAML without its wasm: the missing name is shown, nothing is created.
  await page.click('[data-scout-clear]');
  assert.equal(await page.textContent('[data-scout-picked]'), 'No files picked.');
  const overview = await eeplay(page, 'getOverview');
  await page.setInputFiles('[data-scout-file]', [file('scripts/helloworld/helloworld.yaml')]);
  await page.click('[data-scout-run]');
  const missing = page.locator('[data-scout-result="helloworld.yaml"][data-outcome="missing"]');
  await missing.waitFor();
  assert.match(/** @type {string} */ (await missing.textContent()), /MISSING FILE helloworld\.yaml.*no file named helloworld\.wasm/);
  assert.deepEqual(await eeplay(page, 'getOverview'), overview);
});

pageTest('"Run the example Scout tests" passes every example that has a test', async ({ page }) => {
  await openApp(page, '#scout');
  /** @type {Example[]} */
  const examples = await page.evaluate(() => fetch('examples/examples.json').then((r) => r.json()));
  const tested = examples.filter((e) => e.yaml).length;
  assert.ok(tested >= 2, `${tested} examples have a Scout test`);
  // By default in scratch simulations: the visitor's EEs and shard 0 are as they were.
  const before = await simulationSnapshot(page);
  await page.click('[data-scout-examples]');
  await page.locator('[data-scout-summary]').filter({ hasText: 'passed' }).waitFor();
  assert.equal(await page.textContent('[data-scout-summary]'), `${tested} passed, 0 failed`);
  assert.equal(await page.locator('[data-scout-result][data-outcome="pass"]').count(), tested);
  assert.deepEqual(await simulationSnapshot(page), before);
  await screenshot(page, '08-scout-results', '[data-scout-panel]');

  // With the box ticked, each test's EEs and blocks are added.
  await page.getByLabel('Add the tests’ EEs and blocks to my simulation').check();
  await page.locator('[data-scout-summary]').evaluate((el) => (el.textContent = ''));
  await page.click('[data-scout-examples]');
  await page.locator('[data-scout-summary]').filter({ hasText: 'passed' }).waitFor();
  assert.equal(await page.textContent('[data-scout-summary]'), `${tested} passed, 0 failed`);
  const added = await page.locator('[data-scout-ee]').count();
  assert.ok(added >= tested, `${added} EEs for ${tested} tests`);
  const after = await eeplay(page, 'getOverview');
  assert.equal(after.executionEnvironmentCount, before.overview.executionEnvironmentCount + added);
  assert.ok(after.blockCounts[0] > before.overview.blockCounts[0], 'the tests’ blocks are on shard 0');
});

pageTest('every scripts/*/*.yaml passes through window.eeplay.runScoutTest', async ({ page }) => {
  await openApp(page);
  const dirs = readdirSync(join(ROOT, 'scripts'), { withFileTypes: true }).filter((d) => d.isDirectory());
  let count = 0;
  for (const dir of dirs) {
    const names = readdirSync(join(ROOT, 'scripts', dir.name));
    const files = Object.fromEntries(names.filter((n) => n.endsWith('.wasm')).map((n) => [n, [...repoFile(`scripts/${dir.name}/${n}`)]]));
    for (const yamlName of names.filter((n) => /\.ya?ml$/.test(n))) {
      const yaml = repoFile(`scripts/${dir.name}/${yamlName}`).toString();
      const result = await page.evaluate(
        ([yaml, files]) =>
          window.eeplay.runScoutTest({ yaml, files: Object.fromEntries(Object.entries(files).map(([k, v]) => [k, new Uint8Array(v)])) }),
        /** @type {[string, Record<string, number[]>]} */ ([yaml, files]),
      );
      assert.equal(result.passed, true, `scripts/${dir.name}/${yamlName}: ${JSON.stringify(result)}`);
      for (const ee of result.executionEnvironments) assert.equal(ee.actual, ee.expected);
      count++;
    }
  }
  assert.ok(count >= 2, `found ${count} Scout tests`);
});

pageTest('a Scout test dropped anywhere on the page lands in the Scout panel and passes', async ({ page }) => {
  await openApp(page);
  const files = ['scripts/helloworld/helloworld.yaml', 'scripts/helloworld/helloworld.wasm'].map((p) => ({ name: /** @type {string} */ (p.split('/').pop()), bytes: [...repoFile(p)] }));
  await page.locator('[data-guide], [data-composer-panel]').first().evaluate((el, files) => {
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(new File([new Uint8Array(f.bytes)], f.name));
    el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files);
  // The drop opens the Scout tab.
  assert.equal(await page.getAttribute('#tab-scout', 'aria-selected'), 'true');
  assert.ok(await page.locator('[data-scout-panel]').isVisible());
  assert.deepEqual(await texts(page, '[data-scout-picked] code'), ['helloworld.yaml', 'helloworld.wasm']);
  await page.click('[data-scout-run]');
  await page.locator('[data-scout-result="helloworld.yaml"][data-outcome="pass"]').waitFor();
  assert.equal(await page.textContent('[data-scout-summary]'), '1 passed, 0 failed');
});
