// The workbench: the work panels in tabs beside the run and state columns.
// At desktop width the composer, the shard grid and the inspector stay in
// view with the Code tab shown, even after a run; the tabs follow the
// arrow keys and the address; at phone width nothing scrolls sideways and
// every tab can be reached. And the guide's one-line change to helloworld
// compiles and changes its root as the guide says.

import assert from 'node:assert/strict';
import { eeplay, openApp, pageTest, repoFile, viewportScreenshot } from './browser.mjs';

/** @import { Page } from 'playwright-core' */

const TABS = [
  { tab: 'tab-ees', panel: 'ees' },
  { tab: 'tab-code', panel: 'code' },
  { tab: 'tab-scout', panel: 'scout' },
  { tab: 'tab-token', panel: 'token' },
  { tab: 'tab-lessons', panel: 'lessons' },
];

/**
 * The tab shown, checked against its panel and the others' (one shown, the rest hidden).
 * @param {Page} page
 */
async function shownTab(page) {
  const state = await page.evaluate(
    (tabs) =>
      tabs.map(({ tab, panel }) => ({
        panel,
        selected: document.getElementById(tab)?.getAttribute('aria-selected'),
        tabIndex: document.getElementById(tab)?.tabIndex,
        hidden: document.getElementById(panel)?.hidden,
        role: document.getElementById(panel)?.getAttribute('role'),
      })),
    TABS,
  );
  const shown = state.filter((s) => s.selected === 'true');
  assert.equal(shown.length, 1, `one tab selected: ${JSON.stringify(state)}`);
  for (const s of state) {
    const on = s === shown[0];
    assert.deepEqual({ hidden: s.hidden, tabIndex: s.tabIndex, role: s.role }, { hidden: !on, tabIndex: on ? 0 : -1, role: 'tabpanel' }, `panel #${s.panel}`);
  }
  return shown[0].panel;
}

/**
 * Whether the element matching selector lies wholly inside the viewport.
 * @param {Page} page
 * @param {string} selector
 */
async function inViewport(page, selector) {
  const box = await page.locator(selector).boundingBox();
  const size = page.viewportSize();
  assert.ok(box && size, `${selector} is laid out`);
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width && box.y + box.height <= size.height;
}

pageTest('desktop (1440×900): with the Code tab shown, the composer, the shard grid and the inspector are in view, before and after the guide’s run', async ({ page }) => {
  await openApp(page);
  await page.click('#tab-code');
  assert.equal(await shownTab(page), 'code');
  assert.equal(new URL(page.url()).hash, '#code');
  for (const selector of ['#composer-title', '[data-run-block]', '[data-shard-grid]', '#inspector-title', '[data-inspector-rows] tr:first-child'])
    assert.ok(await inViewport(page, selector), `${selector} is in view`);
  await viewportScreenshot(page, 'workbench-1440-code');

  // The guide's run: its receipt shows beside the work, and the grid and
  // the inspector stay in view, with the changed root.
  await page.click('[data-guide-run]');
  await page.locator('[data-result-title]').filter({ hasText: 'block 0 on shard 0' }).waitFor();
  assert.equal(await shownTab(page), 'code');
  for (const selector of ['[data-result-title]', '[data-shard-grid]', '#inspector-title', '[data-inspector-rows] tr[data-changed]'])
    assert.ok(await inViewport(page, selector), `${selector} is in view after the run`);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'the page scrolls sideways');
  await viewportScreenshot(page, 'workbench-1440-after-run');
}, { viewport: { width: 1440, height: 900 } });

pageTest('the tab list: arrows, Home and End move between tabs and the address follows; links and the address open the tab of what they name', async ({ page }) => {
  await openApp(page);
  assert.equal(await shownTab(page), 'ees');
  assert.equal(new URL(page.url()).hash, '', 'no tab chosen: the address is left as it was');
  // The guide open above it makes the column overflow: the strip keeps its tabs' height.
  assert.ok(await page.locator('[data-guide]').isVisible());
  const strip = await page.locator('[data-workbench-tabs]').boundingBox();
  const tab = await page.locator('#tab-ees').boundingBox();
  assert.ok(strip && tab && strip.height >= tab.height, `the tab strip is ${strip?.height} px tall, its tab ${tab?.height} px`);

  await page.focus('#tab-ees');
  const steps = [
    { key: 'ArrowRight', want: 'code' },
    { key: 'ArrowRight', want: 'scout' },
    { key: 'End', want: 'lessons' },
    { key: 'ArrowRight', want: 'ees' },
    { key: 'ArrowLeft', want: 'lessons' },
    { key: 'Home', want: 'ees' },
  ];
  for (const { key, want } of steps) {
    await page.keyboard.press(key);
    assert.equal(await shownTab(page), want, `after ${key}`);
    assert.equal(new URL(page.url()).hash, `#${want}`, `the address after ${key}`);
    assert.equal(await page.evaluate(() => document.activeElement?.id), `tab-${want}`, `focus after ${key}`);
  }
  // One tab stop: Tab leaves the list for the panel shown.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'code');

  // A link into a panel opens its tab; a link to the state column leaves the tab as it is.
  await page.click('[data-guide] a[href="#ees"]');
  assert.equal(await shownTab(page), 'ees');
  await page.click('[data-guide] a[href="#inspector"]');
  assert.equal(await shownTab(page), 'ees');
  assert.equal(new URL(page.url()).hash, '#inspector');
  await page.click('[data-guide] a[href="#token"]');
  assert.equal(await shownTab(page), 'token');
  await page.goBack();
  await page.waitForFunction(() => location.hash === '#inspector');
  await page.goBack();
  await page.waitForFunction(() => location.hash === '#ees');
  assert.equal(await shownTab(page), 'ees');

  // The address opens its tab on arrival.
  for (const { hash, want } of [
    { hash: '#token', want: 'token' },
    { hash: '#scout', want: 'scout' },
    { hash: '#code', want: 'code' },
    { hash: '#result', want: 'ees' },
  ]) {
    await page.goto('about:blank');
    await openApp(page, hash);
    assert.equal(await shownTab(page), want, `arriving on ${hash}`);
  }
});

pageTest('phone (390×844): no sideways scrolling, every tab reachable by touch and by keyboard', async ({ page }) => {
  await openApp(page);
  const noSideways = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  assert.ok(await noSideways(), 'the page scrolls sideways');
  for (const { tab, panel } of TABS) {
    await page.click(`#${tab}`);
    assert.equal(await shownTab(page), panel);
    assert.ok(await page.locator(`#${panel}`).isVisible());
    const box = await page.locator(`#${tab}`).boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `#${tab} is on screen: ${JSON.stringify(box)}`);
    assert.ok(await noSideways(), `the page scrolls sideways with #${panel} shown`);
  }
  await page.focus('#tab-lessons');
  await page.keyboard.press('Home');
  assert.equal(await shownTab(page), 'ees');
  await viewportScreenshot(page, 'workbench-390-ees');
  await page.click('[data-guide-run]');
  await page.locator('[data-result-title]').filter({ hasText: 'block 0 on shard 0' }).waitFor();
  assert.ok(await noSideways(), 'the page scrolls sideways after a run');
  await viewportScreenshot(page, 'workbench-390-after-run');
}, { viewport: { width: 390, height: 844 } });

pageTest('the guide’s “Change this EE” opens the Code tab; its one-line change to helloworld compiles and stores 2a in the root', async ({ page }) => {
  await openApp(page);
  await page.click('[data-guide-change]');
  assert.equal(await shownTab(page), 'code');
  assert.equal(new URL(page.url()).hash, '#code');

  // The change as the guide shows it, made to the example's source.
  const after = /** @type {string} */ (await page.textContent('[data-guide-change-after]'));
  const line = /** @type {string} */ (await page.textContent('[data-guide-change-line]'));
  assert.equal(line.includes('\n'), false, 'the change is one line');
  const source = repoFile('scripts/helloworld/main.ts').toString('utf8');
  const lines = source.split('\n');
  const at = lines.findIndex((l) => l.trim() === after);
  assert.ok(at >= 0, `helloworld has the line ${after}`);
  const indent = /** @type {string} */ (lines[at].match(/^\s*/)?.[0]);
  lines.splice(at + 1, 0, indent + line);

  // Compiled with scripts/build.mjs's options.
  const { default: asc } = await import('assemblyscript/asc');
  const { error, stderr, binary } = await asc.compileString(
    { 'helloworld/main.ts': lines.join('\n'), 'lib/eth2.ts': repoFile('scripts/lib/eth2.ts').toString('utf8') },
    { optimizeLevel: 3, shrinkLevel: 0, runtime: 'stub' },
  );
  assert.equal(error, null, `the changed helloworld compiles: ${stderr}`);
  assert.ok(binary);

  const eeIndex = await page.evaluate(async (hex) => window.eeplay.createExecutionEnvironment({ wasmCode: hex }), `0x${Buffer.from(binary).toString('hex')}`);
  await eeplay(page, 'createShardBlock', { shardIndex: 3, transactions: [{ eeIndex, data: '0x' }] });
  assert.equal(await eeplay(page, 'getExecutionEnvironmentState', { eeIndex, shardIndex: 3 }), `0x2a${'00'.repeat(31)}`);
});
