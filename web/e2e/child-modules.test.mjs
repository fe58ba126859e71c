// A receipt names the child modules its transaction loaded (quilt's
// ewasm-rt: eth2_loadModule, eth2_callModule, eth2_call): the EE here,
// WebAssembly text compiled with wabt, loads a child from its memory,
// calls it three times, and the child calls the EE back once. The receipt
// shows the module's slot, size, calls each way and SHA-256, short until
// opened; a receipt without modules has no such section.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { axeViolations, eeplay, openApp, pageTest, screenshot, wat2wasm } from './browser.mjs';

// The child: run calls the EE's exposed ping, noop does not.
const CHILD = `(module
  (import "env" "eth2_call" (func $call (param i32 i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "ping")
  (func (export "run") (result i32)
    (call $call (i32.const 0) (i32.const 4) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)))
  (func (export "noop") (result i32) (i32.const 7)))`;

/**
 * The EE: exposes ping, loads child into slot 2, calls run once and noop twice.
 * @param {Buffer} child
 */
function parentWat(child) {
  const bytes = [...child].map((b) => `\\${b.toString(16).padStart(2, '0')}`).join('');
  /** @param {number} name @param {number} length */
  const callChild = (name, length) =>
    `(drop (call $callModule (i32.const 2) (i32.const ${name}) (i32.const ${length}) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)))`;
  return `(module
  (import "env" "eth2_loadModule" (func $load (param i32 i32 i32)))
  (import "env" "eth2_callModule" (func $callModule (param i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "env" "eth2_expose" (func $expose (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "ping")
  (data (i32.const 16) "run")
  (data (i32.const 32) "noop")
  (data (i32.const 1024) "${bytes}")
  (func (export "ping") (result i32) (i32.const 1))
  (func (export "main")
    (call $expose (i32.const 0) (i32.const 4))
    (call $load (i32.const 2) (i32.const 1024) (i32.const ${child.length}))
    ${callChild(16, 3)}
    ${callChild(32, 4)}
    ${callChild(32, 4)}))`;
}

for (const [tag, opts] of /** @type {const} */ ([
  ['1280', { viewport: { width: 1280, height: 900 } }],
  ['390-dark', { viewport: { width: 390, height: 844 }, colorScheme: 'dark' }],
])) {
  pageTest(`a receipt shows the child modules its transaction loaded (${tag})`, async ({ page }) => {
    const child = await wat2wasm('child.wat', CHILD);
    const sha256 = `0x${createHash('sha256').update(child).digest('hex')}`;
    const wasm = await wat2wasm('parent.wat', parentWat(child));
    await openApp(page);
    const index = (await eeplay(page, 'getOverview')).executionEnvironmentCount;
    await page.setInputFiles('[data-ee-file]', { name: 'parent.wasm', mimeType: 'application/wasm', buffer: wasm });
    await page.locator(`details[data-ee="${index}"]`).waitFor();

    // The parent, then the first example EE, which loads no child.
    await page.evaluate((i) => window.eeplay.createShardBlock({ shardIndex: 4, transactions: [{ eeIndex: i, data: new Uint8Array() }, { eeIndex: 0, data: new Uint8Array() }] }), index);
    const { receipts } = await eeplay(page, 'getShardBlock', { shardIndex: 4, blockIndex: 0 });
    assert.deepEqual(receipts[0].modules, [{ slot: 2, size: child.length, sha256, calls: 3, callbacks: 1 }]);
    assert.deepEqual(receipts[1].modules, []);

    await page.locator('[data-result-title]').filter({ hasText: 'block 0 on shard 4' }).waitFor();
    const tx = page.locator('[data-result] [data-tx="0"]');
    const module = tx.locator('[data-modules] [data-module="2"]');
    assert.equal(await tx.locator('dt').last().textContent(), 'Child modules');
    assert.match(/** @type {string} */ (await module.textContent()), new RegExp(`^Slot 2 · ${child.length} bytes · 3 calls from the EE, 1 call back`));
    assert.equal(await module.locator('[data-module-sha256]').textContent(), `${sha256.slice(0, 8)}…${sha256.slice(-6)}`);
    assert.equal(await module.locator('[data-hex]').isVisible(), false, 'the whole SHA-256 waits until opened');
    // Opened from the keyboard, the whole SHA-256 shows, with its copy button.
    await module.locator('summary').focus();
    await page.keyboard.press('Enter');
    assert.equal(await module.locator('[data-hex]').textContent(), sha256);
    assert.equal(await module.getByRole('button', { name: 'Copy SHA-256 of the child module in slot 2' }).isVisible(), true);
    assert.equal(await page.locator('[data-result] [data-tx="1"] [data-modules]').count(), 0, 'a receipt without modules has no section');

    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the page scrolls sideways');
    assert.deepEqual(await axeViolations(page), [], 'with the SHA-256 open');
    await screenshot(page, `child-modules-${tag}`, '[data-result] [data-tx="0"]');
  }, opts);
}
