// Text from an EE (debug lines, error messages with its function names)
// and from the user (data shown as text) is shown as text, never as HTML.
// The test EE is WebAssembly text compiled here with wabt; with one byte of
// data it aborts the way AssemblyScript does, with the payload as the
// message and the file name.

import assert from 'node:assert/strict';
import { eeplay, openApp, pageTest, wat2wasm } from './browser.mjs';

const PAYLOAD = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
// A function name (kept in the name section, so in the stack trace of a trap).
const NAME = '<img/src=x/onerror=window.__xss=3>';

/**
 * An AssemblyScript string: its byte length (u32, little-endian), then UTF-16LE; as a WAT data string.
 * @param {string} text
 */
function assemblyScriptString(text) {
  const units = Buffer.from(text, 'utf16le');
  const header = Buffer.alloc(4);
  header.writeUInt32LE(units.length);
  return [...Buffer.concat([header, units])].map((b) => `\\${b.toString(16).padStart(2, '0')}`).join('');
}

const WAT = `(module
  (import "env" "debug_log" (func $log (param i32 i32)))
  (import "env" "eth2_emitLog" (func $emit (param i32 i32)))
  (import "env" "eth2_savePostStateRoot" (func $save (param i32)))
  (import "env" "eth2_blockDataSize" (func $size (result i32)))
  (import "env" "abort" (func $abort (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "${PAYLOAD.replace(/"/g, '\\"')}")
  (data (i32.const 1024) "${'\\42'.repeat(32)}")
  (data (i32.const 2048) "${assemblyScriptString(PAYLOAD)}")
  (func (export "main")
    (call $log (i32.const 0) (i32.const ${Buffer.byteLength(PAYLOAD)}))
    (call $emit (i32.const 0) (i32.const 4))
    (if (i32.eq (call $size) (i32.const 1)) (then (call $abort (i32.const 2052) (i32.const 2052) (i32.const 1) (i32.const 2))))
    (if (i32.gt_u (call $size) (i32.const 0)) (then (call $${NAME})))
    (call $save (i32.const 1024)))
  (func $${NAME} unreachable))`;

pageTest('debug lines, logs, errors and data from EEs are shown as text', async ({ page }) => {
  const wasm = await wat2wasm('xss.wat', WAT);
  await openApp(page);
  const index = (await eeplay(page, 'getOverview')).executionEnvironmentCount;
  await page.setInputFiles('[data-ee-file]', { name: 'xss.wasm', mimeType: 'application/wasm', buffer: wasm });
  await page.locator(`details[data-ee="${index}"]`).waitFor();

  // A block without data: the EE logs the payload and saves 0x4242….
  await page.fill('[data-composer-shard]', '9');
  const row = page.locator('[data-tx-row]').first();
  await row.locator('[data-tx-ee]').selectOption(String(index));
  await row.locator('[data-tx-mode]').selectOption('text');
  await row.locator('[data-tx-data]').fill('');
  await page.click('[data-run-block]');
  await page.locator('[data-result-title]').filter({ hasText: 'block 0 on shard 9' }).waitFor();
  assert.equal(await page.textContent('[data-result] [data-debug]'), `log: ${PAYLOAD}`);
  assert.deepEqual(await page.locator('[data-result] [data-logs] [data-hex]').allTextContents(), ['0x3c696d67']);
  assert.equal(await eeplay(page, 'getExecutionEnvironmentState', { eeIndex: index, shardIndex: 9 }), `0x${'42'.repeat(32)}`);

  // With data it traps in the function named like a tag: the block is
  // rejected with wazero's stack trace, shown as text; nothing changes.
  await row.locator('[data-tx-data]').fill('<b>bold</b>');
  await page.click('[data-run-block]');
  const error = page.locator('[data-composer-error]');
  await error.filter({ hasText: 'rejected' }).waitFor();
  const message = /** @type {string} */ (await error.textContent());
  assert.match(message, /unreachable/);
  assert.ok(message.includes(NAME), `the function's name is in the message: ${message}`);
  assert.equal((await eeplay(page, 'getOverview')).blockCounts[9], 1);
  // What it did before the trap is shown beside the error, as text.
  const rejected = page.locator('[data-composer-rejected]');
  await rejected.locator('[data-tx="0"]').waitFor();
  assert.equal(await rejected.locator('[data-debug]').textContent(), `log: ${PAYLOAD}`);
  assert.deepEqual(await rejected.locator('[data-logs] [data-hex]').allTextContents(), ['0x3c696d67']);

  // One byte of data: it aborts, the payload its message and file name;
  // the message is shown as text.
  await row.locator('[data-tx-data]').fill('!');
  await page.click('[data-run-block]');
  await error.filter({ hasText: 'abort' }).waitFor();
  assert.ok(/** @type {string} */ (await error.textContent()).startsWith(
    `The block was rejected and nothing changed. create shard block on shard 9: transaction 0 (execution environment ${index}): abort: ${PAYLOAD} at ${PAYLOAD}:1:2`,
  ), /** @type {string} */ (await error.textContent()));
  await rejected.locator('[data-debug]').waitFor();
  assert.equal(await rejected.locator('[data-debug]').textContent(), `log: ${PAYLOAD}`);
  assert.equal((await eeplay(page, 'getOverview')).blockCounts[9], 1);

  // Data typed as text is shown as text.
  await page.evaluate((i) => window.eeplay.createShardBlock({ shardIndex: 10, transactions: [{ eeIndex: i, data: new Uint8Array() }, { eeIndex: 0, data: new TextEncoder().encode('<b>bold</b>') }] }), index);
  await page.locator('[data-result-title]').filter({ hasText: 'block 0 on shard 10' }).waitFor();
  assert.match(/** @type {string} */ (await page.textContent('[data-result] [data-tx="1"]')), /as text: “?<b>bold<\/b>/);

  // In the body: the head's one inline script is the page's own (index.html).
  assert.equal(await page.locator('body img, body script:not([src]), b').count(), 0, 'EE text became elements');
  assert.equal(await page.evaluate(() => window.__xss), undefined);
});
