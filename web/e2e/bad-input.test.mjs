// Malformed input of every kind, one after the other in one simulation that
// already holds 2 EEs and 2 blocks: broken .wasm files, data that is not
// hex, YAML that is not a Scout test or names too much wasm, and simulation
// files that are corrupt, edited or from another version. Each gets its
// message (asserted word for word: docs list them) and changes nothing;
// after each the page still runs a block, and everything earlier is intact,
// also after a reload.

import assert from 'node:assert/strict';
import { pageTest, repoFile, screenshot, simulationSnapshot, waitSettled } from './browser.mjs';
import { assertIntact, composerError, compose, startSimulation, stillWorks } from './intact.mjs';

/** @param {string} name */
const testee = (name) => repoFile(`internal/testee/testdata/${name}`);
const hashchain = repoFile('scripts/hashchain/hashchain.wasm');
const hashchainFile = { name: 'hashchain.wasm', mimeType: 'application/wasm', buffer: hashchain };

/**
 * A Scout test of scripts, each with a zero pre-state.
 * @param {string[]} scripts
 */
function scoutTest(scripts) {
  const zero = `    - "${'00'.repeat(32)}"\n`;
  return `beacon_state:\n  execution_scripts:\n${scripts.map((s) => `    - ${s}\n`).join('')}shard_pre_state:\n  exec_env_states:\n${zero.repeat(scripts.length)}`;
}

/**
 * wasm, a module, made size bytes long by a custom section of zeros at its end.
 * @param {Buffer} wasm
 * @param {number} size
 */
function padded(wasm, size) {
  const name = Buffer.from('padding');
  // The section's size, in a LEB128 of 3 bytes: up to 2^21 - 1.
  const content = size - wasm.length - 1 - 3;
  const leb = Buffer.from([(content & 0x7f) | 0x80, ((content >> 7) & 0x7f) | 0x80, content >> 14]);
  const section = Buffer.concat([Buffer.from([0]), leb, Buffer.from([name.length]), name, Buffer.alloc(content - 1 - name.length)]);
  return Buffer.concat([wasm, section]);
}

/** Each file, the message the EEs panel shows for it. */
const BAD_WASM = [
  {
    name: 'not-wasm.wasm',
    buffer: Buffer.from('hello, this is not wasm\n'),
    message: 'not-wasm.wasm was not added: create execution environment: not a WebAssembly module: it starts with "hello, t", not "\\x00asm"',
  },
  {
    name: 'README.md',
    buffer: Buffer.from('# eeplay\n\nA browser playground\n'),
    message: 'README.md was not added: create execution environment: not a WebAssembly module: it starts with "# eeplay", not "\\x00asm"',
  },
  {
    name: 'counter.wat',
    buffer: Buffer.from(';; a counter\n(module\n  (memory (export "memory") 1))\n'),
    message:
      "counter.wat was not added: create execution environment: not a WebAssembly module: it is WebAssembly text (.wat); compile it to a binary .wasm in the page's Code tab (New from template: blank-wat) or with wat2wasm",
  },
  {
    name: 'truncated.wasm',
    buffer: hashchain.subarray(0, 100),
    message: 'truncated.wasm was not added: create execution environment: invalid wasm module: import section: length 147 exceeds the 64 bytes that remain',
  },
  {
    name: 'no_main.wasm',
    buffer: testee('no_main.wasm'),
    message: 'no_main.wasm was not added: create execution environment: not an execution environment: it does not export a function named main',
  },
  {
    name: 'no_memory.wasm',
    buffer: testee('no_memory.wasm'),
    message: 'no_memory.wasm was not added: create execution environment: not an execution environment: it does not export a memory named memory',
  },
  {
    name: 'main_with_params.wasm',
    buffer: testee('main_with_params.wasm'),
    message: 'main_with_params.wasm was not added: create execution environment: not an execution environment: main has type (i32) -> (), want () -> ()',
  },
  {
    name: 'unknown_import.wasm',
    buffer: testee('unknown_import.wasm'),
    message:
      'unknown_import.wasm was not added: create execution environment: unsupported import env.eth2_getBalance: supported host functions are abort, bignum_add256, bignum_div256, bignum_mul256, bignum_mulMod, bignum_sub256, debug_log, debug_print32, debug_print64, debug_printMem, debug_printMemHex, eth2_argument, eth2_blockDataCopy, eth2_blockDataSize, eth2_bufferClear, eth2_bufferGet, eth2_bufferMerge, eth2_bufferSet, eth2_call, eth2_callModule, eth2_emitLog, eth2_expose, eth2_loadModule, eth2_loadPreStateRoot, eth2_pushNewDeposit, eth2_return, eth2_savePostStateRoot, eth2_useTicks, print (module env; under modules eth2, debug, bignum the same names without their prefix)',
  },
  {
    // Tried once at creation: it would fail every transaction.
    name: 'start_traps.wasm',
    buffer: testee('start_traps.wasm'),
    message:
      'start_traps.wasm was not added: create execution environment: not an execution environment: its start function fails (run with a zero pre-state and no block data): start function[0] export["init"] failed: wasm error: unreachable\nwasm stack trace:\n\t.init()',
  },
];

pageTest('broken .wasm files (a trapping start function too), data that is not hex, YAML that is not Scout’s or names too much wasm: clear messages, nothing lost', async ({ page }) => {
  let snapshot = await startSimulation(page);
  const initial = snapshot;
  const error = page.locator('[data-ee-error]');

  for (const c of BAD_WASM) {
    await page.setInputFiles('[data-ee-file]', { name: c.name, mimeType: 'application/wasm', buffer: c.buffer });
    await error.filter({ hasText: c.name }).waitFor();
    assert.equal(await error.textContent(), c.message, c.name);
    snapshot = await assertIntact(page, snapshot);
    snapshot = await stillWorks(page);
  }

  // Data that is not hex: refused in the page before anything runs.
  const size = page.locator('[data-tx-row] [data-tx-size]').first();
  for (const [data, message] of [
    ['0x123', 'Transaction 0: the data is not valid hex (hex has an odd number of digits (3))'],
    ['0x12zz', 'Transaction 0: the data is not valid hex (hex has a non-hex character "z" at position 2)'],
  ]) {
    await compose(page, 3, 0, data);
    assert.equal(await size.textContent(), 'not hex');
    assert.equal(await page.locator('[data-tx-row] [data-tx-data]').first().getAttribute('aria-invalid'), 'true');
    await page.click('[data-run-block]');
    assert.equal(await composerError(page), message, data);
    snapshot = await assertIntact(page, snapshot);
    snapshot = await stillWorks(page);
  }

  // YAML that is not a Scout test, or names more wasm than a test may:
  // an ERROR card with the reason, and no EE created.
  await page.click('#tab-scout');
  for (const { name, yaml, wasm, reason } of [
    { name: 'not-scout.yaml', yaml: 'hello: world\nlist: [1, 2]\n', wasm: hashchainFile, reason: 'beacon_state.execution_scripts is empty or missing' },
    { name: 'not-yaml.yaml', yaml: '{{{ : ::: [\n', wasm: hashchainFile, reason: "yaml: line 1: want a value, got ':'" },
    {
      // 377 KB naming one 256 KiB EE 4,096 times: the page created the
      // EEs one by one, 1 GiB of code (65,536 times, as many as a test may
      // name, is 16 GiB: see docs/bad-input.md).
      name: 'many-names.yaml',
      yaml: scoutTest(Array(4096).fill('dir/max.wasm')),
      wasm: { name: 'max.wasm', mimeType: 'application/wasm', buffer: padded(hashchain, 262_144) },
      reason:
        'beacon_state: execution_scripts and libraries name 1073741824 bytes of wasm, over MaxTestCodeSize (67108864 bytes); a file counts each time it is named',
    },
  ]) {
    await page.click('[data-scout-clear]');
    await page.setInputFiles('[data-scout-file]', [{ name, mimeType: 'text/yaml', buffer: Buffer.from(yaml) }, wasm]);
    await page.click('[data-scout-run]');
    const card = page.locator(`[data-scout-result="${name}"]`);
    await card.waitFor();
    assert.equal(await card.getAttribute('data-outcome'), 'error');
    assert.equal(await card.locator('p').textContent(), reason, name);
    assert.equal(await page.textContent('[data-scout-summary]'), '0 passed, 1 failed');
    snapshot = await assertIntact(page, snapshot);
    snapshot = await stillWorks(page);
  }
  await screenshot(page, '31-bad-input');

  // After a reload: all of it, the first EEs and blocks among it.
  await page.reload();
  await waitSettled(page);
  assert.deepEqual(await simulationSnapshot(page), snapshot);
  // The first EEs and blocks among it, unchanged.
  assert.deepEqual(snapshot.ees.slice(0, initial.ees.length), initial.ees);
  for (const block of initial.blocks) assert.deepEqual(snapshot.blocks.find((b) => b.shardIndex === block.shardIndex && b.blockIndex === block.blockIndex), block);
});

pageTest('simulation files that are corrupt, cut short, edited or from another version: clear messages, nothing lost', async ({ page }) => {
  let snapshot = await startSimulation(page);
  const good = Buffer.from((await page.evaluate(async () => [...(await window.eeplay.exportSimulation())])));
  const file = JSON.parse(good.toString());
  assert.equal(file.version, 3);
  assert.match(file.checksum, /^sha256:0x[0-9a-f]{64}$/);
  // Another simulation's file: importing it would change everything.
  const other = { ...file, operations: file.operations.slice(0, 2) };

  const cases = [
    {
      name: 'bad-json.json',
      text: '{"format": "eeplay-simulation", "version": 2,,}',
      message: 'read simulation file: not valid JSON (invalid character \',\' looking for beginning of object key string): the file is corrupt or cut short',
    },
    {
      name: 'cut-short.json',
      text: good.subarray(0, Math.floor(good.length / 2)).toString(),
      message: 'read simulation file: not valid JSON (unexpected EOF): the file is corrupt or cut short',
    },
    {
      name: 'bad-checksum.json',
      text: JSON.stringify({ ...other, checksum: `sha256:0x${'00'.repeat(32)}` }),
      message: `read simulation file: checksum mismatch: the file says sha256:0x${'00'.repeat(32)}, its operations hash to CHECKSUM: the file is corrupt or was edited`,
    },
    {
      name: 'edited.json',
      text: JSON.stringify(other),
      message: `read simulation file: checksum mismatch: the file says ${file.checksum}, its operations hash to CHECKSUM: the file is corrupt or was edited`,
    },
    {
      name: 'version-99.json',
      text: JSON.stringify({ ...other, version: 99 }),
      message: 'read simulation file: version 99 is not supported: this eeplay reads versions 1 to 3',
    },
    {
      name: 'not-a-simulation.json',
      text: JSON.stringify({ hello: 'world' }),
      message: 'read simulation file: field "hello": unknown field: want "format", "version", "checksum", "operations" or "projects"',
    },
  ];
  const errors = page.locator('[data-errors] [data-error]');
  for (const c of cases) {
    await page.setInputFiles('[data-import-file]', { name: c.name, mimeType: 'application/json', buffer: Buffer.from(c.text) });
    const error = errors.filter({ hasText: c.name });
    await error.waitFor();
    const text = /** @type {string} */ (await error.locator('p').textContent()).replace(/hash to sha256:0x[0-9a-f]{64}(?=: )/, 'hash to CHECKSUM');
    assert.equal(text, `Import simulation from ${c.name}: ${c.message}`, c.name);
    assert.equal(await page.textContent('[data-status]'), 'ready');
    snapshot = await assertIntact(page, snapshot);
    snapshot = await stillWorks(page);
    await error.locator('button').click();
  }

  // The good file still imports (the simulation as it was at its export).
  await page.setInputFiles('[data-import-file]', { name: 'good.json', mimeType: 'application/json', buffer: good });
  await page.locator('[data-status]').filter({ hasText: 'Imported good.json.' }).waitFor();
  assert.equal(await errors.count(), 0);
  await page.locator('[data-shard="7"] [data-count]').filter({ hasText: '0' }).waitFor();
  snapshot = await simulationSnapshot(page);
  assert.equal(snapshot.overview.slot, 2);
  await page.reload();
  await waitSettled(page);
  assert.deepEqual(await simulationSnapshot(page), snapshot);
});
