// Shared set-up of the browser tests: one headless Chromium per test file,
// a fresh context (so a fresh IndexedDB and localStorage) per test, a test
// that fails on any page error or console error, and screenshots.
//
// Environment: EEPLAY_URL (the dist site, e.g. http://127.0.0.1:PORT/eeplay/sub/),
// EEPLAY_CHROMIUM (the browser binary), EEPLAY_SCREENSHOTS (a directory).

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

/** @import { Browser, BrowserContext, Page } from 'playwright-core' */
/** @import { ExecutionEnvironment, Overview, ShardBlock } from '../src/core/api.ts' */

/**
 * A value as it comes back from the page through eeplay or
 * simulationSnapshot: every Uint8Array in it as 0x-prefixed hex.
 * @template T
 * @typedef {T extends Uint8Array ? string : T extends (infer E)[] ? Hexed<E>[] : T extends object ? { [K in keyof T]: Hexed<T[K]> } : T} Hexed
 */

/**
 * An example EE as examples/examples.json lists it (build/examples.go).
 * @typedef {{ name: string, wasm: string, yaml?: string, source: string, summary: string, panel?: string }} Example
 */

/**
 * Everything the simulation holds, as simulationSnapshot reads it.
 * @typedef {Hexed<{
 *   overview: Omit<Overview, 'engine'>,
 *   ees: ExecutionEnvironment[],
 *   states: string[][],
 *   blocks: (ShardBlock & { shardIndex: number, blockIndex: number })[],
 * }>} Snapshot
 */

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SITE = process.env.EEPLAY_URL ?? '';
export const SCREENSHOTS = process.env.EEPLAY_SCREENSHOTS || join(tmpdir(), 'eeplay-screenshots');

if (!SITE) throw new Error('EEPLAY_URL is not set: run the browser tests with `go run ./build test -steps e2e`');

/** The example EEs a first visit loads (scripts/ holds them), in the order of their EE numbers. */
export const EXAMPLE_EES = ['hashchain', 'helloworld', 'libhash'];

/** Known roots (see scripts/hashchain/hashchain.yaml and the README). */
export const ZERO = `0x${'00'.repeat(32)}`;
export const HASHCHAIN = {
  /** SHA-256(zero root || "") */
  empty: '0x66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925',
  /** SHA-256(previous || "hello") */
  emptyThenHello: '0x61c3a20b3427a8058804312e9a34c5fd410db44651c66cd0a473be3f9029d1b9',
  /** SHA-256(zero root || "hello") */
  hello: '0xa41de667c15557cbd8acdd71ef0fef5dc73561374baed8330f8adb0e1424cd62',
};

/** @param {string} path */
export function repoFile(path) {
  return readFileSync(join(ROOT, path));
}

/** @type {Promise<Browser> | null} */
let browserPromise = null;

function browser() {
  browserPromise ??= chromium.launch({
    executablePath: process.env.EEPLAY_CHROMIUM || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return browserPromise;
}

after(async () => {
  if (browserPromise) await (await browserPromise).close();
});

/**
 * Runs fn({page, context}) in a fresh browser context as a node:test test.
 * The test fails on any uncaught page error or console error, except
 * console errors matching one of opts.allowConsole.
 * @param {string} name
 * @param {(page: { page: Page, context: BrowserContext }) => Promise<void>} fn
 * @param {{ timeout?: number, viewport?: { width: number, height: number }, colorScheme?: 'light' | 'dark', allowConsole?: RegExp[] }} [opts]
 */
export function pageTest(name, fn, opts = {}) {
  test(name, { timeout: opts.timeout ?? 180_000 }, async () => {
    const context = await (await browser()).newContext({
      viewport: opts.viewport ?? { width: 1280, height: 900 },
      colorScheme: opts.colorScheme ?? 'light',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    /** @type {string[]} */
    const problems = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      const text = m.text();
      if ((opts.allowConsole ?? []).some((re) => re.test(text))) return;
      problems.push(`console error: ${text}`);
    });
    try {
      await fn({ page, context });
    } catch (e) {
      await screenshot(page, `FAILED-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`).catch(() => {});
      throw e;
    } finally {
      await context.close();
    }
    assert.deepEqual(problems, [], 'the page reported errors');
  });
}

/**
 * Has the page keep every long task on its main thread, from before it loads,
 * in window.longTasks; call it before openApp.
 * @param {Page} page
 */
export async function recordLongTasks(page) {
  await page.addInitScript(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

/**
 * Opens the site (with query, e.g. "?engine=browser", in its address) and waits until the core is ready and the first visit is handled.
 * @param {Page} page
 */
export async function openApp(page, query = '') {
  await page.goto(SITE + query);
  await waitSettled(page);
}

/** @param {Page} page */
export async function waitSettled(page) {
  await page.waitForSelector('body[data-settled]', { timeout: 120_000 });
}

/**
 * Saves a screenshot: of the element matching selector, or of the whole page.
 * @param {Page} page
 * @param {string} name
 * @param {string} [selector]
 */
export async function screenshot(page, name, selector) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  if (selector) await page.locator(selector).screenshot({ path });
  else await page.screenshot({ path, fullPage: true });
}

/**
 * Saves a screenshot of what the viewport shows, as a visitor sees it.
 * @param {Page} page
 * @param {string} name
 */
export async function viewportScreenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/**
 * Opens the header's Settings (the engine switch, the time limit, the SSZ
 * download), unless it is open, and waits until it shows.
 * @param {Page} page
 */
export async function openSettings(page) {
  const toggle = page.locator('[data-settings-toggle]');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.locator('[data-settings]').waitFor();
}

/**
 * The text content of every element matching selector.
 * @param {Page} page
 * @param {string} selector
 */
export function texts(page, selector) {
  return page.locator(selector).allTextContents();
}

/**
 * Calls a method of window.eeplay (or of window.eeplay.token: "token.build") in the page; Uint8Arrays come back as hex.
 * @param {Page} page
 * @param {string} method
 * @param {unknown} [params]
 * @returns {Promise<any>} the method's result, Hexed: any, since the method is named by a string
 */
export function eeplay(page, method, params) {
  return page.evaluate(
    async ([method, params]) => {
      /** @type {(v: unknown) => unknown} */
      const hex = (v) => {
        if (v instanceof Uint8Array) return `0x${[...v].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
        if (Array.isArray(v)) return v.map(hex);
        if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, hex(x)]));
        return v;
      };
      // "token.build" names a method of window.eeplay.token.
      const path = method.split('.');
      const object = path.slice(0, -1).reduce((o, name) => o[name], /** @type {any} */ (window.eeplay));
      const name = path[path.length - 1];
      const result = params === undefined ? await object[name]() : await object[name](params);
      return hex(result);
    },
    /** @type {[string, unknown]} */ ([method, params]),
  );
}

/**
 * Compiles WebAssembly text to a module's bytes with wabt (from node_modules).
 * @param {string} name
 * @param {string} text
 */
export async function wat2wasm(name, text) {
  const { default: initWabt } = await import('wabt');
  const wabt = await initWabt();
  const module = wabt.parseWat(name, text);
  try {
    module.validate();
    return Buffer.from(module.toBinary({ write_debug_names: true }).buffer);
  } finally {
    module.destroy();
  }
}

/**
 * Everything the simulation holds, read through window.eeplay: the
 * overview (without the engine), every EE, every shard's states and every
 * block with its receipts. Two equal snapshots are the same simulation.
 * @param {Page} page
 * @returns {Promise<Snapshot>}
 */
export async function simulationSnapshot(page) {
  return page.evaluate(async () => {
    /** @type {(v: unknown) => any} */
    const hex = (v) => {
      if (v instanceof Uint8Array) return `0x${[...v].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
      if (Array.isArray(v)) return v.map(hex);
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, hex(x)]));
      return v;
    };
    const { engine, ...overview } = await window.eeplay.getOverview();
    const ees = [];
    for (let i = 0; i < overview.executionEnvironmentCount; i++) ees.push(await window.eeplay.getExecutionEnvironment({ eeIndex: i }));
    const states = [];
    const blocks = [];
    for (let s = 0; s < 64; s++) {
      states.push((await window.eeplay.getShardState({ shardIndex: s })).executionEnvironmentStates);
      for (let b = 0; b < overview.blockCounts[s]; b++) blocks.push({ shardIndex: s, blockIndex: b, ...(await window.eeplay.getShardBlock({ shardIndex: s, blockIndex: b })) });
    }
    return hex({ overview, ees, states, blocks });
  });
}

/**
 * The engine window.eeplay says it runs EEs on, and the one the core reports.
 * @param {Page} page
 */
export async function engines(page) {
  return page.evaluate(async () => ({ eeplay: window.eeplay.engine, core: (await window.eeplay.getOverview()).engine }));
}

/**
 * What axe-core (from node_modules) finds wrong with the page as it is now:
 * one line per violation and element, "rule (impact) at selector: what to
 * fix", so a failing deepEqual names exactly what and where.
 * @param {Page} page
 * @returns {Promise<string[]>}
 */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ content: repoFile('node_modules/axe-core/axe.min.js').toString('utf8') });
  }
  return page.evaluate(async () => {
    const { violations } = await /** @type {any} */ (window).axe.run(document, { resultTypes: ['violations'] });
    /** @type {string[]} */
    const found = [];
    for (const v of violations) {
      for (const node of v.nodes) {
        found.push(`${v.id} (${v.impact}) at ${node.target.flat().join(' >> ')}: ${node.failureSummary.replace(/\s+/g, ' ')}`);
      }
    }
    return found;
  });
}
