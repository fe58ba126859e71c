// Hostile modules in the page, on wazero and on the browser engine: a
// 69-byte EE that grows a table by 2^32 - 16 elements (which killed the
// core before tables were capped) is created, and table.grow stops at the
// cap; 50,000 tables are refused before anything is allocated; recursion
// through a function of 49,999 locals fails its block with a stack
// overflow. The core never dies, and nothing earlier is lost.

import assert from 'node:assert/strict';
import { EXAMPLE_EES, eeplay, pageTest, repoFile, screenshot, simulationSnapshot } from './browser.mjs';
import { startSimulation, stillWorks } from './intact.mjs';

/** @import { Page } from 'playwright-core' */
/** @import { EngineName } from '../src/core/api.ts' */

/** @param {string} name */
const testee = (name) => [...repoFile(`internal/testee/testdata/${name}`)];

/**
 * wasm's unsigned LEB128.
 * @param {number} n
 */
function leb(n) {
  /** @type {number[]} */
  const out = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return out;
}

/** @type {(id: number, content: number[]) => number[]} */
const section = (id, content) => [id, ...leb(content.length), ...content];

/**
 * An EE as internal/testee's generators build it: a memory, main and
 * functions (each {locals, body}), and a table section's content if given.
 * @param {{ tables?: number[], functions: { locals?: number, body: number[] }[] }} ee
 */
function eeModule({ tables, functions }) {
  /** @type {number[]} */
  const code = [];
  for (const f of functions) {
    const body = [...(f.locals ? [1, ...leb(f.locals), 0x7e] : [0]), ...f.body, 0x0b];
    code.push(...leb(body.length), ...body);
  }
  /** @param {string} s */
  const name = (s) => [...leb(s.length), ...Buffer.from(s)];
  return [
    ...[0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0],
    ...section(1, [1, 0x60, 0, 0]),
    ...section(3, [...leb(functions.length), ...functions.map(() => 0)]),
    ...(tables ? section(4, tables) : []),
    ...section(5, [1, 0, 1]),
    ...section(7, [2, ...name('main'), 0, 0, ...name('memory'), 2, 0]),
    ...section(10, [...leb(functions.length), ...code]),
  ];
}

/**
 * testee.ManyTables: that many tables of elements elements each.
 * @param {number} count
 * @param {number} elements
 */
function manyTables(count, elements) {
  const tables = [...leb(count)];
  for (let i = 0; i < count; i++) tables.push(0x70, 0x00, ...leb(elements));
  return eeModule({ tables, functions: [{ body: [] }] });
}

/**
 * testee.RecursionWithLocals: main calls a function of locals i64 locals that calls itself.
 * @param {number} locals
 */
const recursionWithLocals = (locals) =>
  eeModule({ functions: [{ body: [0x10, 1] }, { locals, body: [0x10, 1] }] });

/**
 * @param {Page} page
 * @param {number[]} bytes
 */
const create = (page, bytes) =>
  page.evaluate((code) => window.eeplay.createExecutionEnvironment({ wasmCode: new Uint8Array(code) }), bytes);

/**
 * The message a call in the page rejects with.
 * @param {Page} page
 * @param {string} method
 * @param {any} params the call's, with wasmCode as an array of bytes
 */
const rejection = (page, method, params) =>
  page.evaluate(
    async ([method, params]) => {
      const wasmCode = params.wasmCode && new Uint8Array(params.wasmCode);
      try {
        await /** @type {any} */ (window.eeplay)[method]({ ...params, ...(wasmCode ? { wasmCode } : {}) });
        return 'resolved';
      } catch (error) {
        return /** @type {Error} */ (error).message;
      }
    },
    /** @type {[string, any]} */ ([method, params]),
  );

pageTest('hostile modules on both engines: a table.grow bomb is created and capped, 50,000 tables are refused, large-frame recursion overflows; the core never dies', async ({ page }) => {
  const initial = await startSimulation(page);
  for (const engine of /** @type {EngineName[]} */ (['wazero', 'browser'])) {
    await page.evaluate((name) => window.eeplay.setEngine(name), engine);

    // The bomb's start function runs at creation: table.grow returns -1.
    const bomb = await create(page, testee('table_grow_bomb.wasm'));
    const grows = await create(page, testee('table_grows_to_cap.wasm'));
    const block = await eeplay(page, 'createShardBlock', { shardIndex: 3, transactions: [{ eeIndex: grows, data: '0x' }] });
    const { receipts } = await eeplay(page, 'getShardBlock', { shardIndex: 3, blockIndex: block });
    assert.deepEqual(receipts[0].debug, ['print32: 65536', 'print32: 4294967295'], `${engine}: table.grow stops at the cap`);

    assert.equal(
      await rejection(page, 'createExecutionEnvironment', { wasmCode: manyTables(50_000, 65_536) }),
      'create execution environment: invalid wasm module: table section: the tables can hold 1114112 elements in all, each counted at its maximum (65536 for a table that declares none or more), over the limit of 1048576',
    );

    const recursion = await create(page, recursionWithLocals(49_999));
    const overflow = await rejection(page, 'createShardBlock', { shardIndex: 3, transactions: [{ eeIndex: recursion, data: '0x' }] });
    assert.equal(
      overflow.split('\n')[0],
      `create shard block on shard 3: transaction 0 (execution environment ${recursion}): wasm error: stack overflow`,
      `${engine}: ${overflow.slice(0, 300)}`,
    );
    assert.equal(bomb, grows - 1);
  }
  // Nothing earlier is lost; only the created EEs and the two blocks that
  // ran were added, on an engine that never restarted.
  const now = await simulationSnapshot(page);
  assert.equal(now.overview.executionEnvironmentCount, EXAMPLE_EES.length + 2 * 3);
  assert.deepEqual(now.ees.slice(0, EXAMPLE_EES.length), initial.ees);
  assert.equal(now.overview.blockCounts[3], 2);
  assert.deepEqual(
    now.blocks.filter((b) => b.shardIndex !== 3),
    initial.blocks,
  );
  assert.equal(await page.evaluate(() => window.eeplay.engine), 'browser');
  await stillWorks(page);
  await screenshot(page, '35-hostile-modules');
});
