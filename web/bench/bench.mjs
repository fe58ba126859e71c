// Drives headless Chromium for `go run ./build bench` (build/bench.go),
// which builds and serves the site and writes the cases:
//
//   node web/bench/bench.mjs CASES.json
//
// CASES.json: {url, runs, loads, engineBudgetMillis, cases: [{name, ees:
// [{wasm (a path), preState}], blocks: [[{ee, data}]], postStates}],
// templates: [{name, language, entry, files}], consoleBlocks: {wasm,
// preState, blocks}}.
// It prints one JSON object on stdout, {chromium, readyMillis, cases:
// [{name, wazero, browser, raw, rawPage, wazeroCore, browserCore}]
// (milliseconds per run; raw in a worker, rawPage on the page's thread; the
// *Core ones without storing the block), longestWazeroBlock, workbench
// (see workbench.mjs), consoleBlocks: {millis, totalMillis}},
// and progress on stderr. It fails when a run ends in other post-states
// than the expected ones, or the page reports an error.

import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { installBench, rawV8, recordReady } from './page.mjs';
import { measureWorkbench } from './workbench.mjs';

// raw is raw V8 in a worker of the page, as the core runs; rawPage the same
// on the page's thread.
const ENGINES = ['wazero', 'browser', 'raw', 'rawPage'];

const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const log = (line) => process.stderr.write(`${line}\n`);

const browser = await chromium.launch({
  executablePath: process.env.EEPLAY_CHROMIUM || '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    // gc(), for settle.
    '--js-flags=--expose-gc',
  ],
});
try {
  const readyMillis = await measureLoads();
  const { cases, longestWazeroBlock } = await timeCases();
  const consoleBlocks = await timeConsoleBlocks();
  const workbench = await measureWorkbench(browser, { url: input.url, runs: input.runs, templates: input.templates }, log);
  process.stdout.write(`${JSON.stringify({ chromium: browser.version(), readyMillis, cases, longestWazeroBlock, workbench, consoleBlocks })}\n`);
} finally {
  await browser.close();
}

/**
 * Opens the page in a fresh context. check() throws if the page has
 * reported an uncaught error or a console error since it opened.
 */
async function open(initScript) {
  const context = await browser.newContext();
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  await page.goto(input.url);
  const check = () => {
    if (problems.length) throw new Error(`the page reported errors:\n${problems.join('\n')}`);
  };
  return { context, page, check };
}

/** Loads the page input.loads times, each in a fresh context; the times from navigation start to eeplay.ready resolving. */
async function measureLoads() {
  const millis = [];
  for (let i = 0; i < input.loads; i++) {
    const { context, page, check } = await open(recordReady);
    const ready = await (await page.waitForFunction(() => window.__benchReady, null, { timeout: 120_000 })).jsonValue();
    await context.close();
    check();
    if (ready.error) throw new Error(`eeplay.ready failed: ${ready.error}`);
    millis.push(ready.millis);
    log(`load ${i + 1}: ready after ${ready.millis.toFixed(0)} ms`);
  }
  return millis;
}

/** Times every case on every engine in one page, runs interleaved. */
async function timeCases() {
  const { context, page, check } = await open();
  await page.waitForSelector('body[data-settled]', { timeout: 120_000 });
  await page.evaluate(installBench, rawV8.toString());
  const cases = [];
  let longest = null;
  for (const c of input.cases) {
    await page.evaluate((c) => window.__bench.load(c), {
      ...c,
      ees: c.ees.map((ee) => ({ code: `0x${readFileSync(ee.wasm).toString('hex')}`, preState: ee.preState })),
    });
    const times = Object.fromEntries(ENGINES.map((e) => [e, []]));
    const coreTimes = { wazeroCore: [], browserCore: [] };
    const planned = Object.fromEntries(ENGINES.map((e) => [e, input.runs]));
    for (let run = 0; run < input.runs; run++) {
      for (const engine of ENGINES) {
        if (run >= planned[engine]) continue;
        await settle(page);
        const result = engine.startsWith('raw')
          ? await page.evaluate((onPage) => window.__bench.rawRun(onPage), engine === 'rawPage')
          : await page.evaluate((engine) => window.__bench.engineRun(engine), engine);
        check();
        checkStates(c, engine, run, result.postStates);
        const millis = result.blocks.reduce((sum, b) => sum + b.millis, 0);
        times[engine].push(millis);
        if (!engine.startsWith('raw')) coreTimes[`${engine}Core`].push(result.coreMillis);
        if (run === 0 && millis * input.runs > input.engineBudgetMillis) {
          planned[engine] = Math.max(1, Math.floor(input.engineBudgetMillis / millis));
        }
        if (engine === 'wazero') {
          for (const [i, b] of result.blocks.entries()) {
            if (!longest || b.millis > longest.millis) longest = { case: c.name, block: i, ...b };
          }
        }
        log(`${c.name}: ${engine} run ${run + 1}: ${millis.toFixed(1)} ms`);
      }
    }
    cases.push({ name: c.name, ...times, ...coreTimes });
  }
  let longestWazeroBlock = null;
  if (longest) {
    const longTasks = await page.evaluate(([s, e]) => window.__bench.longTasksDuring(s, e), [longest.start, longest.end]);
    longestWazeroBlock = { case: longest.case, block: longest.block, millis: longest.millis, longTasks };
  }
  await context.close();
  return { cases, longestWazeroBlock };
}

/**
 * Makes input.consoleBlocks.blocks trivial blocks one after another from
 * the console, on the browser engine, as a script would: each awaited,
 * the next started at once, the page's views drawing as they do. Returns
 * {millis: [each block's], totalMillis}.
 */
async function timeConsoleBlocks() {
  const { context, page, check } = await open();
  await page.waitForSelector('body[data-settled]', { timeout: 120_000 });
  const { wasm, preState, blocks } = input.consoleBlocks;
  const result = await page.evaluate(
    async ([code, preState, blocks]) => {
      const { eeplay } = window;
      await eeplay.setEngine('browser');
      const eeIndex = await eeplay.createExecutionEnvironment({ wasmCode: code, initialState: preState });
      const millis = [];
      const start = performance.now();
      for (let i = 0; i < blocks; i++) {
        const blockStart = performance.now();
        await eeplay.createShardBlock({ shardIndex: i % 64, transactions: [{ eeIndex, data: '0x' }] });
        millis.push(performance.now() - blockStart);
      }
      return { millis, totalMillis: performance.now() - start };
    },
    [`0x${readFileSync(wasm).toString('hex')}`, preState, blocks],
  );
  await context.close();
  check();
  log(`${blocks} console blocks: ${result.totalMillis.toFixed(0)} ms`);
  return result;
}

/**
 * Puts the page in the same state before every run, untimed: an empty
 * simulation, so that the page shows no block of an earlier run, and the
 * garbage of the page and of its workers (the core's, raw V8's)
 * collected. Every instance holds a wasm memory, and V8 lets a renderer
 * reserve address space for only so many: past that, each new one waits
 * for a full garbage collection, however few of them are garbage.
 */
async function settle(page) {
  await page.evaluate(() => window.eeplay.reset());
  await page.evaluate(() => gc());
  for (const worker of page.workers()) await worker.evaluate(() => gc());
}

/** Fails unless a run of case c ended in its expected post-states. */
function checkStates(c, engine, run, actual) {
  const expected = c.postStates;
  if (actual.length !== expected.length || actual.some((s, i) => s !== expected[i])) {
    throw new Error(`${c.name}: ${engine} run ${run + 1} ended in post-states ${actual.join(', ')}, want ${expected.join(', ')}`);
  }
}
