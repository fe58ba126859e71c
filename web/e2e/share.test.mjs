// Share links: Share puts the simulation and the Code tab's project into the
// address's fragment; the link, opened in a fresh browser, gives the same
// simulation (the same roots on every shard); a visitor with a simulation
// of their own is asked first; a damaged link changes nothing; a
// simulation too large for a link is offered as a file.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { EXAMPLE_EES, SITE, axeViolations, eeplay, openApp, pageTest, screenshot, simulationSnapshot, waitSettled } from './browser.mjs';

/** @import { Page } from 'playwright-core' */

/** A project deployed as EE 0 (hashchain), and its files. */
const GREETER = {
  id: 'p-greeter',
  name: 'greeter',
  language: 'wat',
  entry: 'main.wat',
  files: [{ path: 'main.wat', text: '(module (func (export "main")) (memory (export "memory") 1))\n;; edited since the deploy\n' }],
  builds: [{ version: 1, eeIndex: 0, entry: 'main.wat', files: [{ path: 'main.wat', text: '(module (func (export "main")) (memory (export "memory") 1))\n' }] }],
};

/** The text typed into greeter's main.wat just before Share. */
const EDITED = '(module (func (export "main")) (memory (export "memory") 1))\n;; typed just before sharing\n';

/**
 * Clicks Share and returns the link the page shows, after checking what it says of it.
 * @param {Page} page
 */
async function share(page) {
  await page.click('[data-share]');
  const text = page.locator('[data-share-text]');
  await text.filter({ hasText: /^Link copied: [\d,]+ characters\.$/ }).waitFor();
  const link = await page.locator('[data-share-link]').inputValue();
  assert.equal(await text.textContent(), `Link copied: ${link.length.toLocaleString('en-US')} characters.`);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  assert.equal(await eeplay(page, 'share'), link, 'the button shares what eeplay.share() resolves to');
  return link;
}

/**
 * The operations and projects stored in this browser, as the recovery's export writes them.
 * @param {Page} page
 */
function stored(page) {
  return eeplay(page, 'exportStoredOperations');
}

/**
 * Opens link as a new page load (not a same-page fragment change).
 * @param {Page} page
 * @param {string} link
 */
async function load(page, link) {
  await page.goto('about:blank');
  await page.goto(link);
  await waitSettled(page);
}

pageTest(
  'share link: made in one browser, opened in a fresh one, the same simulation and roots on every shard, and the Code tab’s project',
  async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openApp(page);
    // The first-visit examples alone.
    const examplesLink = await eeplay(page, 'share');
    console.log(`share link of the example EEs: ${examplesLink.length} characters`);
    await page.click('[data-guide-run]');
    await page.locator('[data-result-title]').filter({ hasText: 'block 0 on shard 0' }).waitFor();
    await page.evaluate(async () => {
      await window.eeplay.createShardBlock({ shardIndex: 7, transactions: [{ eeIndex: 1, data: '0x01' }, { eeIndex: 0, data: '0x02' }] });
      await window.eeplay.createShardBlock({ shardIndex: 63, transactions: [{ eeIndex: 1, data: '0x63' }] });
    });
    await eeplay(page, 'projects.save', GREETER);
    await eeplay(page, 'projects.save', { ...GREETER, id: 'p-other', name: 'other', builds: [] });
    // The Code tab shows greeter: the link carries it, not the other one.
    await page.evaluate(() => localStorage.setItem('eeplay.project', 'p-greeter'));
    await page.reload();
    await waitSettled(page);
    // An edit not saved yet (saving waits for a pause in typing) goes into the link too.
    await page.click('#tab-code');
    await page.locator('.cm-content[data-editor-content="main.wat"]').waitFor({ timeout: 120_000 });
    await page.click('[data-code-panel] .cm-content');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(EDITED);
    const link = await share(page);
    console.log(`share link of the example EEs, 3 blocks and a project: ${link.length} characters`);
    assert.ok(link.startsWith(`${SITE}#share=1.`), link.slice(0, 80));
    await screenshot(page, 'share-made', '[data-share-result]');
    assert.deepEqual(await axeViolations(page), []);
    const made = await simulationSnapshot(page);
    assert.deepEqual(made.overview.blockCounts.filter((n) => n > 0), [1, 1, 1]);

    // A fresh browser, 390 px wide, dark: a first visit, so the link opens at once.
    const fresh = await /** @type {import('playwright-core').Browser} */ (context.browser()).newContext({ viewport: { width: 390, height: 800 }, colorScheme: 'dark' });
    try {
      const other = await fresh.newPage();
      /** @type {string[]} */
      const problems = [];
      other.on('pageerror', (e) => problems.push(e.message));
      await other.goto(link);
      await waitSettled(other);
      const notice = other.locator('[data-shared]');
      await notice.waitFor();
      assert.equal(await other.textContent('[data-shared-title]'), 'Opened a shared simulation');
      assert.equal(await other.textContent('[data-shared-text]'), 'It holds 3 EEs, 3 blocks on 3 shards and the project “greeter”.');
      assert.ok(await other.locator('[data-shared-ask]').isHidden());
      assert.deepEqual(await simulationSnapshot(other), made, 'every EE, block, receipt and every shard’s roots');
      assert.equal(await other.evaluate(() => location.hash), '', 'the link leaves the address once opened');
      // Names are not in the link: the examples' EEs are named after them, the build after its project.
      await other.waitForFunction(() => [...document.querySelectorAll('[data-ee-list] [data-ee-name]')].map((e) => e.textContent).join() === 'greeter v1,helloworld,libhash');
      // The project, and only that one, is in the Code tab.
      const projects = await other.evaluate(() => window.eeplay.projects.list());
      assert.deepEqual(
        projects.map((p) => ({ id: p.id, text: p.files[0].text, builds: p.builds.length })),
        [{ id: 'p-greeter', text: EDITED, builds: 1 }],
      );
      await other.locator('[data-editor-project]').filter({ has: other.locator('option[value="p-greeter"]') }).waitFor({ state: 'attached' });
      await other.waitForFunction(() => /** @type {HTMLSelectElement} */ (document.querySelector('[data-editor-project]')).value === 'p-greeter');
      assert.equal(await other.evaluate(() => document.documentElement.scrollWidth), 390, 'nothing wider than the screen');
      await screenshot(other, 'share-opened-390-dark');
      // Shared again from here, where the clipboard is refused: the same link, in a field to copy by hand.
      await other.evaluate(() => (navigator.clipboard.writeText = () => Promise.reject(new Error('refused'))));
      await other.click('[data-share]');
      const text = other.locator('[data-share-text]');
      await text.filter({ hasText: /^The link/ }).waitFor();
      assert.equal(await text.textContent(), `The link, ${link.length.toLocaleString('en-US')} characters: this browser did not let the page copy it, so copy it from the field.`);
      assert.equal(await other.locator('[data-share-link]').inputValue(), link);
      assert.ok(await other.locator('[data-share-link]').evaluate((el) => el === document.activeElement));
      await screenshot(other, 'share-not-copied-390-dark', '[data-share-result]');
      await other.click('[data-share-close]');
      await other.locator('[data-shared-close]').focus();
      // Closed by keyboard; a reload keeps it and asks nothing.
      await other.keyboard.press('Enter');
      assert.ok(await notice.isHidden());
      await other.reload();
      await waitSettled(other);
      assert.ok(await notice.isHidden());
      assert.deepEqual(await simulationSnapshot(other), made);
      assert.deepEqual(problems, []);
    } finally {
      await fresh.close();
    }
  },
  { timeout: 300_000 },
);

pageTest(
  'share link: a visitor with a simulation is asked (Cancel keeps it, Open replaces it); a damaged link changes nothing; too large a simulation is offered as a file',
  async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    // A damaged link on a first visit: said so, and the first visit goes on as without it.
    await openApp(page, '#share=1.abcde');
    await page.locator('[data-errors] [data-error]').waitFor();
    assert.equal(await page.textContent('[data-errors] [data-error] p'), 'share link: the data is damaged or cut short: 5 base64url characters do not make whole bytes');
    assert.equal((await eeplay(page, 'getOverview')).executionEnvironmentCount, EXAMPLE_EES.length);
    assert.equal(await page.evaluate(() => location.hash), '');
    await page.click('[data-errors] [data-error] button');
    await page.click('[data-guide-run]');
    await page.locator('[data-result-title]').filter({ hasText: 'block 0 on shard 0' }).waitFor();
    const link = await share(page);
    const shared = await simulationSnapshot(page);
    // Then a simulation of one's own: one more block.
    await page.evaluate(() => window.eeplay.createShardBlock({ shardIndex: 5, transactions: [{ eeIndex: 1, data: '0x05' }] }));
    const own = await simulationSnapshot(page);
    const ownStored = await stored(page);

    // Damaged links: a message naming what is wrong, and nothing changes.
    const data = link.slice(link.indexOf('#share=1.') + '#share=1.'.length);
    const middle = Math.floor(data.length / 2);
    const base = link.slice(0, link.indexOf('#'));
    const damaged = [
      { name: 'one character changed', link: `${base}#share=1.${data.slice(0, middle)}${data[middle] === 'A' ? 'B' : 'A'}${data.slice(middle + 1)}`, want: 'share link: the data is damaged or cut short: it does not decompress; copy the whole link again' },
      { name: 'cut short', link: `${base}#share=1.${data.slice(0, data.length - 20)}`, want: 'share link: the data is damaged or cut short: it does not decompress; copy the whole link again' },
      { name: 'a newer format', link: `${base}#share=2.${data}`, want: 'share link: format "2" is not supported: this eeplay opens format 1 (#share=1.…); the link may come from a newer eeplay' },
    ];
    for (const d of damaged) {
      await load(page, d.link);
      const error = page.locator('[data-errors] [data-error]');
      await error.waitFor();
      assert.equal(await error.locator('p').textContent(), d.want, d.name);
      assert.ok(await page.locator('[data-shared]').isHidden(), d.name);
      assert.deepEqual(await simulationSnapshot(page), own, d.name);
      assert.equal(await stored(page), ownStored, d.name);
      assert.equal(await page.evaluate(() => location.hash), '', d.name);
    }
    await screenshot(page, 'share-damaged', '[data-errors]');

    // A link whose simulation file the core refuses: said when Open is pressed, and nothing changes.
    const checksum = `0x${'00'.repeat(32)}`;
    const refused = Buffer.from(deflateSync(JSON.stringify({ format: 'eeplay-simulation', version: 3, checksum: `sha256:${checksum}`, operations: [] }))).toString('base64url');
    await load(page, `${base}#share=1.${refused}`);
    await page.locator('[data-shared-ask]').waitFor();
    assert.match(/** @type {string} */ (await page.textContent('[data-shared-text]')), /^This link holds 0 EEs and no blocks\. /);
    await page.click('[data-shared-open]');
    const refusal = page.locator('[data-errors] [data-error] p');
    await refusal.waitFor();
    assert.equal(
      await refusal.textContent(),
      `share link: read simulation file: checksum mismatch: the file says sha256:${checksum}, its operations hash to sha256:0x4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945: the file is corrupt or was edited`,
    );
    assert.ok(await page.locator('[data-shared]').isHidden());
    assert.deepEqual(await simulationSnapshot(page), own);
    assert.equal(await stored(page), ownStored);

    // A good link: asked first, saying what the link holds and what it replaces.
    await load(page, link);
    const ask = page.locator('[data-shared-ask]');
    await ask.waitFor();
    assert.equal(await page.textContent('[data-shared-title]'), 'Open a shared simulation?');
    assert.equal(
      await page.textContent('[data-shared-text]'),
      'This link holds 3 EEs and 1 block on 1 shard. Opening it replaces your simulation (3 EEs, 2 blocks), here and in this browser’s storage; your projects stay. Export yours first to keep it.',
    );
    assert.deepEqual(await ask.locator('button').allTextContents(), ['Open shared simulation', 'Export current simulation first', 'Cancel']);
    await screenshot(page, 'share-ask', '[data-shared]');
    assert.deepEqual(await axeViolations(page), []);
    // Cancel (focused, as Reset's is) keeps everything.
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Cancel');
    await page.keyboard.press('Enter');
    assert.equal(await page.textContent('[data-shared-title]'), 'The shared simulation was not opened');
    assert.deepEqual(await simulationSnapshot(page), own);
    assert.equal(await stored(page), ownStored);
    assert.equal(await page.evaluate(() => location.hash), '');
    await page.reload();
    await waitSettled(page);
    assert.ok(await page.locator('[data-shared]').isHidden(), 'a reload after Cancel asks nothing');

    // Pasted into the address of the open page: asked again. Export first, then Open, by keyboard.
    await page.evaluate((fragment) => (location.hash = fragment), link.slice(link.indexOf('#')));
    await ask.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-shared-export]')]);
    assert.equal(download.suggestedFilename(), 'eeplay-simulation.json');
    const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.equal(file.operations.length, EXAMPLE_EES.length + 2, 'the export is the visitor’s own simulation');
    await page.focus('[data-shared-cancel]');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Open shared simulation');
    await page.keyboard.press('Enter');
    await page.locator('[data-shared-title]').filter({ hasText: 'Opened a shared simulation' }).waitFor();
    assert.equal(await page.textContent('[data-shared-text]'), 'It holds 3 EEs and 1 block on 1 shard.');
    assert.deepEqual(await simulationSnapshot(page), shared);
    await page.reload();
    await waitSettled(page);
    assert.deepEqual(await simulationSnapshot(page), shared, 'the opened simulation is stored');

    // Too large for a link: the length, the limit, and the file instead.
    await page.evaluate(async () => {
      const data = new Uint8Array(40_000);
      for (let i = 0; i < data.length; i += 65536) crypto.getRandomValues(data.subarray(i, i + 65536));
      await window.eeplay.createShardBlock({ shardIndex: 9, transactions: [{ eeIndex: 1, data }] });
    });
    await page.click('[data-share]');
    const text = page.locator('[data-share-text]');
    await text.filter({ hasText: /^share: / }).waitFor();
    assert.match(
      /** @type {string} */ (await text.textContent()),
      /^share: the link's fragment would be [\d,]+ characters, over the limit of 32,768: export the simulation as a file instead$/,
    );
    assert.ok(await page.locator('[data-share-made]').isHidden());
    const [big] = await Promise.all([page.waitForEvent('download'), page.click('[data-share-export]')]);
    assert.equal(big.suggestedFilename(), 'eeplay-simulation.json');
    await screenshot(page, 'share-too-long', '[data-share-result]');
    await assert.rejects(
      page.evaluate(() => window.eeplay.share()),
      /share: the link's fragment would be [\d,]+ characters, over the limit of 32,768: export the simulation as a file instead/,
    );
  },
  { timeout: 300_000, colorScheme: 'dark' },
);
