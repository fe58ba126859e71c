// Named stacks: a trapping EE's stack trace names its functions as its
// source does, on both engines: the token example (AssemblyScript) given a
// block it rejects, and an EE the page compiles.

import assert from 'node:assert/strict';
import { EXAMPLE_EES, eeplay, openApp, pageTest, repoFile, screenshot } from './browser.mjs';
import { compose, composerError } from './intact.mjs';

/** The token EE, uploaded after the examples. */
const TOKEN = EXAMPLE_EES.length;

/**
 * A frame of the EE as the engine writes it: wazero with its signature, the browser engine with its code offset.
 * @param {string} engine
 * @param {string} name
 * @param {string} signature
 */
function frame(engine, name, signature) {
  const quoted = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return engine === 'wazero' ? `\\n\\t\\.${quoted}${signature.replace(/[()]/g, '\\$&')}` : `\\n\\t\\.${quoted} at 0x[0-9a-f]+`;
}

pageTest('a trapping AssemblyScript EE shows its frames as file.ts:function, on both engines', async ({ page }) => {
  await openApp(page);
  await page.setInputFiles('[data-ee-file]', { name: 'token.wasm', mimeType: 'application/wasm', buffer: repoFile('scripts/token/token.wasm') });
  await page.locator(`details[data-ee="${TOKEN}"]`).waitFor();
  let shard = 3;
  for (const engine of ['wazero', 'browser']) {
    await page.evaluate((engine) => window.eeplay.setEngine(/** @type {import('../src/core/api.ts').EngineName} */ (engine)), engine);
    // Selector 5 is none of the token's: decode aborts.
    await compose(page, shard, TOKEN, '0x05');
    await page.click('[data-run-block]');
    const want = new RegExp(
      '^' +
        `The block was rejected and nothing changed\\. create shard block on shard ${shard}: transaction 0 \\(execution environment ${TOKEN}\\): ` +
        'abort: malformed transaction: unknown selector 5 at token/main\\.ts:135:5\\nwasm stack trace:\\n\\tenv\\.abort\\(i32,i32,i32,i32\\)' +
        frame(engine, 'token/main.ts:decode', '() i32') +
        frame(engine, 'token/main.ts:main', '()') +
        '$',
    );
    // The error of this block, not the one before it.
    await page.locator('[data-composer-error]').filter({ hasText: `on shard ${shard}:` }).waitFor();
    assert.match((await composerError(page)) ?? '', want, engine);
    await screenshot(page, `named-stack-${engine}`, '[data-composer-panel]');
    shard++;
  }
});

pageTest('an EE the page compiles keeps its names in a trap’s stack trace', async ({ page }) => {
  await openApp(page);
  const source = `export function main(): void {
  unreachable();
}
`;
  const result = await page.evaluate(async (source) => {
    const { wasm, diagnostics } = await window.eeplay.compile({ language: 'assemblyscript', files: { 'main.ts': source } });
    return { wasm: wasm && `0x${[...wasm].map((b) => b.toString(16).padStart(2, '0')).join('')}`, diagnostics };
  }, source);
  assert.deepEqual(result.diagnostics, []);
  assert.ok(result.wasm, 'no wasm');
  const eeIndex = await eeplay(page, 'createExecutionEnvironment', { wasmCode: result.wasm });
  for (const engine of ['wazero', 'browser']) {
    const message = await page.evaluate(
      async ({ engine, eeIndex }) => {
        await window.eeplay.setEngine(/** @type {import('../src/core/api.ts').EngineName} */ (engine));
        return window.eeplay.createShardBlock({ shardIndex: 2, transactions: [{ eeIndex, data: '0x' }] }).then(
          () => 'accepted',
          (/** @type {Error} */ e) => e.message,
        );
      },
      { engine, eeIndex },
    );
    const want = new RegExp(
      `^create shard block on shard 2: transaction 0 \\(execution environment ${eeIndex}\\): wasm error: unreachable\\nwasm stack trace:` +
        frame(engine, 'main.ts:main', '()') +
        '$',
    );
    assert.match(message, want, engine);
  }
});
