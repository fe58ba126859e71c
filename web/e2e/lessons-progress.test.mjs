// A lesson's progress (eeplay.lessons.progress / saveProgress) is kept in
// IndexedDB: it survives a reload and a reset, and a database of version 3,
// from before the lessons, is upgraded with its simulation kept.

import assert from 'node:assert/strict';
import { openApp, pageTest, SITE, simulationSnapshot } from './browser.mjs';
import { startSimulation } from './intact.mjs';

/** @import { Page } from 'playwright-core' */

/**
 * The progress stored for lesson 1-first-ee.
 * @param {Page} page
 */
function progress(page) {
  return page.evaluate(async () => window.eeplay.lessons.progress(await window.eeplay.lessons.load('1-first-ee')));
}

/**
 * Saves step's files and result for lesson 1-first-ee.
 * @param {Page} page
 * @param {number} step
 * @param {{ files: Record<string, string>, passed: boolean }} saved
 */
function save(page, step, saved) {
  return page.evaluate(
    async ({ step, saved }) => window.eeplay.lessons.saveProgress(await window.eeplay.lessons.load('1-first-ee'), step, saved),
    { step, saved },
  );
}

pageTest('progress is kept across a reload and a reset', async ({ page }) => {
  await openApp(page);
  assert.deepEqual(await progress(page), { steps: [{ passed: false }, { passed: false }] });
  await save(page, 1, { files: { 'main.ts': '// mine' }, passed: true });
  await page.reload();
  await page.waitForSelector('body[data-settled]');
  await page.evaluate(() => window.eeplay.reset());
  assert.deepEqual(await progress(page), { steps: [{ passed: false }, { files: { 'main.ts': '// mine' }, passed: true }] });
  const rejection = await page.evaluate(async () =>
    window.eeplay.lessons.saveProgress(await window.eeplay.lessons.load('1-first-ee'), 2, { files: {}, passed: false }).catch((e) => e.message),
  );
  assert.equal(rejection, 'lessons.saveProgress: lesson "Your first EE: a counter" has no step 2: it has 2');
});

pageTest('a version 3 database, from before the lessons, is upgraded and its simulation kept', async ({ page }) => {
  const before = await startSimulation(page);
  /** @type {number[][]} */
  const operations = await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('eeplay');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('operations').objectStore('operations').getAll();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result.map((/** @type {Uint8Array} */ op) => [...op]));
          };
        };
      }),
  );
  // Away from the app, which would open the database at its own version.
  await page.goto(new URL('lessons/index.json', SITE).href);
  const version = await page.evaluate(
    (operations) =>
      new Promise((resolve, reject) => {
        const deleted = indexedDB.deleteDatabase('eeplay');
        deleted.onerror = () => reject(deleted.error);
        deleted.onsuccess = () => {
          const open = indexedDB.open('eeplay', 3);
          open.onupgradeneeded = () => {
            for (const name of ['settings', 'projects']) open.result.createObjectStore(name);
            const store = open.result.createObjectStore('operations', { autoIncrement: true });
            for (const op of operations) store.add(new Uint8Array(op));
          };
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const version = open.result.version;
            open.result.close();
            resolve(version);
          };
        };
      }),
    operations,
  );
  assert.equal(version, 3);
  await openApp(page);
  assert.deepEqual(await simulationSnapshot(page), before, 'the upgrade kept the simulation');
  await save(page, 0, { files: { 'main.ts': '// upgraded' }, passed: false });
  assert.deepEqual((await progress(page)).steps[0], { files: { 'main.ts': '// upgraded' }, passed: false });
  // The browser asks for a favicon.ico, which the site has not, for the JSON page.
}, { allowConsole: [/Failed to load resource: the server responded with a status of 404/] });
