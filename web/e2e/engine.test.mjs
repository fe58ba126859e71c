// The engines: the switch in the header's Settings, ?engine= in the address (kept by a
// reload, an unknown one refused in the page), the same post-states and
// receipts on wazero, browser and cross-check, and a switch that keeps
// every EE, block and the token attachment.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  HASHCHAIN,
  SITE,
  eeplay,
  engines,
  openApp,
  openSettings,
  pageTest,
  repoFile,
  screenshot,
  simulationSnapshot,
  waitSettled,
  wat2wasm,
} from './browser.mjs';

/** @import { Page } from 'playwright-core' */
/** @import { Change, EngineName, TokenStatus } from '../src/core/api.ts' */

/**
 * hashchain's next root: SHA-256(root || data).
 * @param {string} root
 * @param {string} data
 */
function chain(root, data) {
  return `0x${createHash('sha256').update(Buffer.from(root.slice(2), 'hex')).update(data).digest('hex')}`;
}

/**
 * Switches with the header's switch and waits until the core runs on engine.
 * @param {Page} page
 * @param {EngineName} engine
 */
async function choose(page, engine) {
  await openSettings(page);
  await page.check(`[data-engine-option][value="${engine}"]`);
  await page.waitForFunction((e) => window.eeplay.engine === e && !document.querySelector('[data-engine-switch][aria-busy]'), engine);
  assert.deepEqual(await engines(page), { eeplay: engine, core: engine });
}

/**
 * The engine the switch shows as chosen.
 * @param {Page} page
 */
function checked(page) {
  return page.locator('[data-engine-option]:checked').getAttribute('value');
}

/** @param {Page} page */
function engineParam(page) {
  return new URL(page.url()).searchParams.get('engine');
}

pageTest('the engine switch: wazero by default, browser and cross-check run blocks, the address keeps the choice across a reload', async ({ page }) => {
  await openApp(page);
  assert.deepEqual(await engines(page), { eeplay: 'wazero', core: 'wazero' });
  assert.equal(await checked(page), 'wazero');
  assert.equal(engineParam(page), null);
  assert.match(/** @type {string} */ (await page.textContent('[data-engine-note]')), /wazero’s interpreter/);
  // Each choice explains itself; the help says what the browser engine enforces differently.
  for (const engine of ['wazero', 'browser', 'cross-check']) {
    const title = await page.locator(`[data-engine-switch] label:has([value="${engine}"])`).getAttribute('title');
    assert.ok(title && title.length > 20, `${engine} has no explanation`);
  }
  await openSettings(page);
  await page.click('[data-engine-help] summary');
  assert.match(
    /** @type {string} */ (await page.textContent('[data-engine-limits]')),
    /memory is capped the same way \(memory\.grow fails past the cap\);\s+the call-stack depth limit is the browser’s, not wazero’s, so very deep recursion can fail at a different depth;\s+stack traces come from V8 and differ in form\./,
  );
  await screenshot(page, '20-engine-switch', '[data-header]');

  // browser: a block runs on it, and the receipt says so.
  const changes = page.evaluate(() => new Promise((/** @type {(seen: Change[]) => void} */ resolve) => {
    /** @type {Change[]} */
    const seen = [];
    const off = window.eeplay.onChange((c) => {
      seen.push(c);
      if (c.kind === 'createShardBlock') {
        off();
        resolve(seen);
      }
    });
  }));
  await choose(page, 'browser');
  assert.equal(await checked(page), 'browser');
  assert.equal(engineParam(page), 'browser');
  assert.match(/** @type {string} */ (await page.textContent('[data-engine-note]')), /browser’s own WebAssembly/);
  await page.click('[data-guide-run]');
  await page.locator('[data-result-title]').filter({ hasText: 'block 0 on shard 0' }).waitFor();
  assert.match(/** @type {string} */ (await page.textContent('[data-result-time]')), /ran in [\d.,]+ ms on browser$/);
  assert.equal(await eeplay(page, 'getExecutionEnvironmentState', { eeIndex: 0, shardIndex: 0 }), HASHCHAIN.hello);
  const seen = await changes;
  assert.deepEqual(seen[0], { kind: 'engine', engine: 'browser' });
  const block = /** @type {Extract<Change, { kind: 'createShardBlock' }>} */ (seen.at(-1));
  assert.equal(block.engine, 'browser');
  assert.equal(block.transactions, 1);
  assert.equal(typeof block.milliseconds, 'number');

  // A reload keeps the engine through the address, and the simulation.
  const before = await simulationSnapshot(page);
  await page.reload();
  await waitSettled(page);
  assert.deepEqual(await engines(page), { eeplay: 'browser', core: 'browser' });
  assert.equal(await checked(page), 'browser');
  assert.deepEqual(await simulationSnapshot(page), before);

  // cross-check: both engines, and the next hashchain root.
  await choose(page, 'cross-check');
  assert.equal(engineParam(page), 'cross-check');
  await page.evaluate(() => window.eeplay.createShardBlock({ shardIndex: 0, transactions: [{ eeIndex: 0, data: '0x68656c6c6f' }] }));
  await page.locator('[data-result-title]').filter({ hasText: 'block 1 on shard 0' }).waitFor();
  assert.match(/** @type {string} */ (await page.textContent('[data-result-time]')), /on both engines \(cross-check\)$/);
  assert.equal(await eeplay(page, 'getExecutionEnvironmentState', { eeIndex: 0, shardIndex: 0 }), chain(HASHCHAIN.hello, 'hello'));

  // wazero, the default, leaves the address.
  await choose(page, 'wazero');
  assert.equal(engineParam(page), null);
  await page.reload();
  await waitSettled(page);
  assert.deepEqual(await engines(page), { eeplay: 'wazero', core: 'wazero' });
  assert.equal(await page.locator('[data-errors] [data-error]').count(), 0);
});

pageTest('?engine=browser starts on the browser engine; an unknown ?engine= is refused in the page and wazero stays', async ({ page }) => {
  await page.goto(`${SITE}?engine=browser`);
  await waitSettled(page);
  assert.deepEqual(await engines(page), { eeplay: 'browser', core: 'browser' });
  assert.equal(await checked(page), 'browser');
  assert.equal(engineParam(page), 'browser');
  await page.click('[data-guide-run]');
  await page.locator('[data-result-title]').filter({ hasText: 'block 0 on shard 0' }).waitFor();
  assert.match(/** @type {string} */ (await page.textContent('[data-result-time]')), /on browser$/);
  assert.equal(await eeplay(page, 'getExecutionEnvironmentState', { eeIndex: 0, shardIndex: 0 }), HASHCHAIN.hello);

  await page.goto(`${SITE}?engine=turbo`);
  await waitSettled(page);
  const error = page.locator('[data-errors] [data-error]');
  assert.equal(await error.count(), 1);
  assert.equal(
    await error.locator('p').textContent(),
    'Engine: ?engine=turbo in the address: unknown engine "turbo": want "wazero", "browser" or "cross-check"; EEs run on wazero',
  );
  assert.deepEqual(await engines(page), { eeplay: 'wazero', core: 'wazero' });
  assert.equal(await checked(page), 'wazero');
  // The stored simulation was replayed all the same.
  assert.equal(await eeplay(page, 'getExecutionEnvironmentState', { eeIndex: 0, shardIndex: 0 }), HASHCHAIN.hello);
  await screenshot(page, '21-engine-unknown');

  // setEngine refuses unknown names itself, changing nothing.
  const refused = await page.evaluate(() => window.eeplay.setEngine(/** @type {any} */ ('v8')).then(() => 'resolved', (e) => e.message));
  assert.equal(refused, 'setEngine: unknown engine "v8": want "wazero", "browser" or "cross-check"');
  assert.deepEqual(await engines(page), { eeplay: 'wazero', core: 'wazero' });
});

pageTest('wazero, browser and cross-check give the same post-states and receipts; a trapping EE is rejected on each', async ({ page }) => {
  await openApp(page);
  const trap = await wat2wasm('trap.wat', '(module (memory (export "memory") 1) (func (export "main") unreachable))');
  const codes = {
    hashchain: repoFile('scripts/hashchain/hashchain.wasm').toString('hex'),
    helloworld: repoFile('scripts/helloworld/helloworld.wasm').toString('hex'),
    trap: trap.toString('hex'),
  };
  // libhash's loads a child module and uses buffer frames.
  const scoutTests = ['hashchain', 'helloworld', 'libhash', 'token'].map((name) => ({
    name,
    yaml: repoFile(`scripts/${name}/${name}.yaml`).toString('utf8'),
    wasm: repoFile(`scripts/${name}/${name}.wasm`).toString('hex'),
  }));
  // A test written for quilt's ewasm-rt: the EE loads a child module from its block data.
  scoutTests.push({
    name: 'ewasm_rt_root',
    yaml: repoFile('cmd/eeplay/testdata/ewasm_rt.yaml').toString('utf8'),
    wasm: repoFile('internal/testee/testdata/ewasm_rt_root.wasm').toString('hex'),
  });
  /** @type {Record<string, any>} */
  const results = {};
  for (const engine of /** @type {EngineName[]} */ (['wazero', 'browser', 'cross-check'])) {
    results[engine] = await page.evaluate(
      async ({ engine, codes, scoutTests }) => {
        const e = window.eeplay;
        await e.reset();
        await e.setEngine(engine);
        const hashchain = await e.createExecutionEnvironment({ wasmCode: `0x${codes.hashchain}` });
        const helloworld = await e.createExecutionEnvironment({ wasmCode: `0x${codes.helloworld}`, initialState: `0x${'11'.repeat(32)}` });
        const trap = await e.createExecutionEnvironment({ wasmCode: `0x${codes.trap}` });
        /** @type {(n: number, seed: number) => Uint8Array} */
        const bytes = (n, seed) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 255);
        const blocks = [
          { shardIndex: 0, transactions: [{ eeIndex: hashchain, data: '0x' }] },
          { shardIndex: 0, transactions: [{ eeIndex: hashchain, data: '0x68656c6c6f' }, { eeIndex: helloworld, data: '0x00ff' }] },
          { shardIndex: 5, transactions: [{ eeIndex: hashchain, data: bytes(200, 1) }, { eeIndex: hashchain, data: bytes(4096, 2) }] },
          { shardIndex: 63, transactions: [{ eeIndex: hashchain, data: bytes(65536, 3) }, { eeIndex: helloworld, data: '0x' }] },
        ];
        for (const b of blocks) await e.createShardBlock(b);
        const rejected = await e
          .createShardBlock({ shardIndex: 5, transactions: [{ eeIndex: hashchain, data: '0x01' }, { eeIndex: trap, data: '0x' }] })
          .then(() => null, (err) => ({ index: err.transaction?.index, eeIndex: err.transaction?.eeIndex }));
        const scout = [];
        for (const t of scoutTests) {
          // Hex, though files are typed Uint8Array: the EEs are created from it as from any BytesInput.
          const r = await e.runScoutTest({ yaml: t.yaml, files: { [`${t.name}.wasm`]: /** @type {any} */ (`0x${t.wasm}`) }, shardIndex: 10 });
          scout.push({ name: t.name, passed: r.passed, ees: r.executionEnvironments.map((x) => x.actual), blocks: r.blocks.length });
        }
        return { rejected, scout, engine: (await e.getOverview()).engine };
      },
      { engine, codes, scoutTests },
    );
    assert.equal(results[engine].engine, engine);
    results[engine].snapshot = await simulationSnapshot(page);
    delete results[engine].engine;
  }
  const wazero = results.wazero;
  assert.deepEqual(wazero.rejected, { index: 1, eeIndex: 2 });
  assert.deepEqual(wazero.scout.map((/** @type {{ passed: boolean }} */ s) => s.passed), scoutTests.map(() => true));
  // The roots the README and the Scout files give.
  assert.equal(wazero.snapshot.states[0][0], chain(HASHCHAIN.empty, 'hello'));
  assert.equal(wazero.snapshot.states[0][1], `0x${'11'.repeat(32)}`);
  assert.equal(wazero.snapshot.blocks[1].receipts[1].debug[0], 'log: hello, world');
  for (const engine of ['browser', 'cross-check']) {
    assert.deepEqual(results[engine], wazero, `${engine} differs from wazero`);
  }
});

pageTest('setEngine keeps the EEs, blocks, states and the token attachment; reset keeps the engine', async ({ page }) => {
  await openApp(page);
  await page.click('[data-guide-run]');
  await page.locator('[data-result-title]').filter({ hasText: 'block 0 on shard 0' }).waitFor();
  await page.click('#tab-token');
  await page.click('[data-token-create]');
  await page.locator('[data-token-sync="in-sync"]').waitFor();
  const send = () =>
    page.evaluate(async () => {
      const { status } = await window.eeplay.token.send({ proof: 'multi', transfers: [{ sender: /** @type {TokenStatus} */ (await window.eeplay.token.status()).accounts[0].address, recipient: 7, amount: 1 }] });
      return { inSync: status.inSync, root: status.root, eeRoot: status.eeRoot, followed: status.followedBlocks };
    });
  const sent = await send();
  assert.ok(sent.inSync);

  let root = HASHCHAIN.hello;
  let followed = sent.followed;
  for (const engine of /** @type {EngineName[]} */ (['browser', 'cross-check', 'wazero'])) {
    const before = await simulationSnapshot(page);
    const token = await eeplay(page, 'token.status');
    await choose(page, engine);
    assert.deepEqual(await simulationSnapshot(page), before, `switching to ${engine} changed the simulation`);
    assert.deepEqual(await eeplay(page, 'token.status'), token, `switching to ${engine} changed the token provider`);
    // Blocks go on from where they were, on the new engine.
    await page.evaluate(() => window.eeplay.createShardBlock({ shardIndex: 0, transactions: [{ eeIndex: 0, data: '0x68656c6c6f' }] }));
    root = chain(root, 'hello');
    assert.equal(await eeplay(page, 'getExecutionEnvironmentState', { eeIndex: 0, shardIndex: 0 }), root);
    const next = await send();
    assert.ok(next.inSync, `the token provider is out of sync on ${engine}`);
    assert.equal(next.followed, followed + 2);
    followed = next.followed;
  }

  // Reset and a reload keep the engine.
  await choose(page, 'browser');
  await eeplay(page, 'reset');
  assert.deepEqual(await engines(page), { eeplay: 'browser', core: 'browser' });
  assert.equal((await eeplay(page, 'getOverview')).executionEnvironmentCount, 0);
  await page.reload();
  await waitSettled(page);
  assert.deepEqual(await engines(page), { eeplay: 'browser', core: 'browser' });
});
