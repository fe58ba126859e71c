// When the simulation stored in this browser cannot be replayed, the page
// says so, keeps it, and offers Export (the stored operations as a
// simulation file, made without the core) and Reset; it never starts empty
// in silence. The stored simulation is corrupted here by writing garbage
// bytes into IndexedDB as an operation.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { EXAMPLE_EES, pageTest, screenshot, simulationSnapshot, waitSettled } from './browser.mjs';
import { START_OPERATIONS, startSimulation, stillWorks } from './intact.mjs';

/** @import { Page } from 'playwright-core' */

/**
 * Appends bytes to the stored operations, as a broken store might hold them.
 * @param {Page} page
 * @param {Uint8Array} bytes
 */
function storeOperation(page, bytes) {
  return page.evaluate(
    (bytes) =>
      new Promise((/** @type {(value?: unknown) => void} */ resolve, reject) => {
        const open = indexedDB.open('eeplay');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('operations', 'readwrite');
          tx.objectStore('operations').add(new Uint8Array(bytes));
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    [...bytes],
  );
}

/**
 * The file a click on button downloads, parsed.
 * @param {Page} page
 * @param {string} selector
 */
async function downloaded(page, selector) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: download.suggestedFilename(), file: JSON.parse(readFileSync(await download.path(), 'utf8')) };
}

pageTest('a stored simulation that cannot be replayed: the page says so, exports what it has, and Reset starts over', async ({ page }) => {
  const before = await startSimulation(page);
  // A healthy store exports as the core does: the same operations and checksum.
  const [stored, core] = await page.evaluate(async () => {
    /** @param {Uint8Array} bytes */
    const text = (bytes) => new TextDecoder().decode(bytes);
    return [JSON.parse(text(await window.eeplay.exportStoredOperations())), JSON.parse(text(await window.eeplay.exportSimulation()))];
  });
  assert.deepEqual(stored, core);
  assert.equal(stored.version, 3);

  const garbage = Buffer.from('\x00\xffnot an operation{');
  await storeOperation(page, garbage);
  await page.reload();
  await page.waitForSelector('body[data-app="error"]', { timeout: 120_000 });
  const recovery = page.locator('[data-recovery]');
  await recovery.waitFor();
  const reason =
    `the stored simulation (${START_OPERATIONS + 1} operations) could not be replayed: restore: operations[${START_OPERATIONS}]: invalid character '\\x00' looking for beginning of value. Reset starts over.`;
  assert.equal(await recovery.locator('[data-recovery-text]').textContent(), reason);
  assert.equal(await page.textContent('[data-status]'), `error: ${reason}`);
  assert.equal(await recovery.locator('h2').textContent(), 'The stored simulation could not be restored');
  await screenshot(page, '32-stored-simulation-broken');

  // Export: the good operations, and the unreadable one by position, as hex.
  const exported = await downloaded(page, '[data-recovery-export]');
  assert.equal(exported.name, 'eeplay-stored-operations.json');
  assert.deepEqual(exported.file, {
    format: 'eeplay-simulation',
    version: 1,
    operations: core.operations,
    unreadable_operations: [{ position: START_OPERATIONS, bytes: `0x${garbage.toString('hex')}` }],
  });

  // Nothing was deleted: a reload finds the same.
  await page.reload();
  await page.waitForSelector('body[data-app="error"]', { timeout: 120_000 });
  assert.equal(await recovery.locator('[data-recovery-text]').textContent(), reason);

  // Reset (confirmed) starts over, with the example EEs, and the page works.
  await page.click('[data-recovery-reset]');
  assert.ok(await page.locator('[data-reset-confirm]').isVisible());
  await page.click('[data-reset-yes]');
  await page.waitForSelector('body[data-settled]');
  assert.ok(await recovery.isHidden());
  await page.locator('[data-status]').filter({ hasText: 'Reset: the example EEs are loaded again.' }).waitFor();
  assert.equal((await page.evaluate(() => window.eeplay.getOverview())).executionEnvironmentCount, EXAMPLE_EES.length);

  // The exported file, without the unreadable operation, brings the simulation back.
  const { unreadable_operations: _, ...mended } = exported.file;
  await page.setInputFiles('[data-import-file]', { name: 'mended.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(mended)) });
  await page.locator('[data-status]').filter({ hasText: 'Imported mended.json.' }).waitFor();
  await page.locator('[data-shard="5"] [data-count]').filter({ hasText: '1' }).waitFor();
  assert.deepEqual(await simulationSnapshot(page), before);
  await stillWorks(page);
  await page.reload();
  await waitSettled(page);
  assert.equal((await simulationSnapshot(page)).overview.slot, 3);
});

pageTest('an import also replaces a stored simulation that cannot be replayed; a well-formed but impossible operation is named', async ({ page }) => {
  const before = await startSimulation(page);
  const good = await page.evaluate(async () => [...(await window.eeplay.exportSimulation())]);
  // JSON, but a block on an EE that does not exist.
  await storeOperation(page, Buffer.from('{"create_shard_block":{"shard_index":1,"transactions":[{"data":"0x","ee_index":9}]}}'));
  await page.reload();
  const recovery = page.locator('[data-recovery]');
  await recovery.waitFor({ timeout: 120_000 });
  assert.equal(
    await recovery.locator('[data-recovery-text]').textContent(),
    `the stored simulation (${START_OPERATIONS + 1} operations) could not be replayed: replay operation ${START_OPERATIONS}: create shard block on shard 1: transaction 0 (execution environment 9): no such execution environment: ${EXAMPLE_EES.length} exist. Reset starts over.`,
  );
  // Every stored operation is JSON: the export is a version 3 file with its checksum, which the core checks.
  const exported = await downloaded(page, '[data-recovery-export]');
  assert.equal(exported.file.version, 3);
  assert.equal(exported.file.operations.length, START_OPERATIONS + 1);
  assert.equal(exported.file.unreadable_operations, undefined);
  const message = await page.evaluate(
    (file) => window.eeplay.importSimulation(new TextEncoder().encode(JSON.stringify(file))).then(() => 'imported', (e) => e.message),
    exported.file,
  );
  assert.equal(message, `read simulation file: replay operation ${START_OPERATIONS}: create shard block on shard 1: transaction 0 (execution environment 9): no such execution environment: ${EXAMPLE_EES.length} exist`);

  await page.setInputFiles('[data-import-file]', { name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(good) });
  await page.waitForSelector('body[data-settled]');
  assert.ok(await recovery.isHidden());
  assert.deepEqual(await simulationSnapshot(page), before);
});
