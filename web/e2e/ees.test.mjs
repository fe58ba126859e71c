// EEs: upload through the file input and by drop, listed with size, hash,
// imports, exports and initial state; broken modules are refused with the
// core's message, and nothing changes.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { EXAMPLE_EES, eeplay, openApp, pageTest, repoFile, screenshot, texts } from './browser.mjs';

const hashchain = repoFile('scripts/hashchain/hashchain.wasm');
const helloworld = repoFile('scripts/helloworld/helloworld.wasm');
const ONES = `0x${'11'.repeat(32)}`;

/**
 * Deterministic bytes that are not WebAssembly.
 * @param {number} n
 */
function noise(n) {
  const b = Buffer.alloc(n);
  let x = 12345;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

pageTest('upload an EE through the file input: listed with size, SHA-256, imports, exports, initial state', async ({ page }) => {
  await openApp(page);
  const before = (await eeplay(page, 'getOverview')).executionEnvironmentCount;

  await page.fill('[data-ee-initial]', ONES);
  await page.setInputFiles('[data-ee-file]', { name: 'mychain.wasm', mimeType: 'application/wasm', buffer: hashchain });
  const ee = page.locator(`details[data-ee="${before}"]`);
  await ee.waitFor();
  assert.ok(await ee.evaluate((d) => /** @type {HTMLDetailsElement} */ (d).open), 'a new upload is shown expanded');
  assert.match(/** @type {string} */ (await ee.locator('summary').textContent()), new RegExp(`EE ${before} mychain ${hashchain.length.toLocaleString('en-US')} bytes`));
  assert.equal(await ee.locator('[data-ee-size]').textContent(), `${hashchain.length.toLocaleString('en-US')} bytes`);
  const sha = `0x${createHash('sha256').update(hashchain).digest('hex')}`;
  await ee.locator('[data-ee-sha256] [data-hex]').waitFor();
  assert.equal(await ee.locator('[data-ee-sha256] [data-hex]').textContent(), sha);

  const module = await WebAssembly.compile(hashchain);
  const imports = WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name} ${i.kind}`);
  const exports = WebAssembly.Module.exports(module).map((x) => `${x.name} ${x.kind}`);
  assert.ok(imports.includes('env.eth2_blockDataCopy function'));
  assert.deepEqual(await texts(page, `details[data-ee="${before}"] [data-ee-imports] li`), imports);
  assert.deepEqual(await texts(page, `details[data-ee="${before}"] [data-ee-exports] li`), exports);
  assert.ok(exports.includes('main function') && exports.includes('memory memory'));
  assert.equal(await ee.locator('[data-ee-initial-state] [data-hex]').textContent(), ONES);
  assert.match(/** @type {string} */ (await page.textContent('[data-ee-status]')), new RegExp(`Created EE ${before} from mychain.wasm`));
  // The same code under another name: each EE keeps its own name.
  assert.deepEqual(await texts(page, '[data-ee-list] [data-ee-name]'), [...EXAMPLE_EES, 'mychain']);

  // The simulation has it, with that initial state on every shard.
  const got = await eeplay(page, 'getExecutionEnvironment', { eeIndex: before });
  assert.equal(got.wasmCode, `0x${hashchain.toString('hex')}`);
  assert.equal(got.initialState, ONES);
  assert.equal(await eeplay(page, 'getExecutionEnvironmentState', { eeIndex: before, shardIndex: 63 }), ONES);
  // ...and the composer offers it.
  assert.ok((await texts(page, '[data-tx-ee] option')).includes(`EE ${before} (mychain)`));
  await screenshot(page, '02-ee-list', '[data-ees-panel]');
});

pageTest('drop .wasm files onto the drop zone', async ({ page }) => {
  await openApp(page);
  const before = (await eeplay(page, 'getOverview')).executionEnvironmentCount;
  await page.locator('[data-ee-drop]').evaluate((zone, bytes) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], 'dropped.wasm', { type: 'application/wasm' }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [...helloworld]);
  await page.locator(`details[data-ee="${before}"] [data-ee-name]`).filter({ hasText: 'dropped' }).waitFor();
  assert.equal((await eeplay(page, 'getOverview')).executionEnvironmentCount, before + 1);
  assert.equal((await eeplay(page, 'getExecutionEnvironment', { eeIndex: before })).wasmCode, `0x${helloworld.toString('hex')}`);
});

pageTest('broken modules and a bad initial state are refused with a clear message; nothing changes', async ({ page }) => {
  await openApp(page);
  const before = await eeplay(page, 'getOverview');
  const error = page.locator('[data-ee-error]');
  const cases = [
    {
      name: 'random.wasm',
      buffer: noise(300),
      message: /random\.wasm was not added: .*create execution environment: not a WebAssembly module: it starts with the bytes d3 a7 50 7f 56 56 96 f1, not "\\x00asm"/,
    },
    { name: 'truncated.wasm', buffer: hashchain.subarray(0, 200), message: /truncated\.wasm was not added: .*create execution environment: invalid wasm module/ },
    { name: 'empty.wasm', buffer: Buffer.alloc(0), message: /empty\.wasm was not added: .*create execution environment: not a WebAssembly module: the file is empty/ },
    {
      name: 'no_main.wasm',
      buffer: repoFile('internal/testee/testdata/no_main.wasm'),
      message: /no_main\.wasm was not added: .*create execution environment: not an execution environment: it does not export a function named main/,
    },
  ];
  for (const c of cases) {
    await page.setInputFiles('[data-ee-file]', { name: c.name, mimeType: 'application/wasm', buffer: c.buffer });
    await error.filter({ hasText: c.name }).waitFor();
    assert.match(/** @type {string} */ (await error.textContent()), c.message);
    assert.ok(await error.isVisible());
  }
  await screenshot(page, '03-ee-upload-error');

  await page.fill('[data-ee-initial]', '0x1234');
  await page.setInputFiles('[data-ee-file]', { name: 'ok.wasm', mimeType: 'application/wasm', buffer: helloworld });
  await error.filter({ hasText: 'Initial state' }).waitFor();
  assert.match(/** @type {string} */ (await error.textContent()), /Initial state must be 32 bytes \(64 hex digits\), not 2 bytes/);
  await page.fill('[data-ee-initial]', 'zz');
  await page.setInputFiles('[data-ee-file]', { name: 'ok.wasm', mimeType: 'application/wasm', buffer: helloworld });
  await error.filter({ hasText: 'non-hex' }).waitFor();

  assert.deepEqual(await eeplay(page, 'getOverview'), before);
  assert.equal(await page.locator('[data-ee-list] details[data-ee]').count(), before.executionEnvironmentCount);
});
