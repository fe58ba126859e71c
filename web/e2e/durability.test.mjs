// Durability: every block whose createShardBlock promise resolved is in
// the browser's storage, so that killing the browser (SIGKILL: no clean
// close, no unload) and opening the page again brings it back.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { chromium } from 'playwright-core';
import { SITE, waitSettled } from './browser.mjs';

/** @import { BrowserContext } from 'playwright-core' */

/**
 * Starts Chromium on the profile in dir, as a visitor's browser is: its storage kept on disk between runs.
 * @param {string} dir
 */
function launch(dir) {
  return chromium.launchPersistentContext(dir, {
    executablePath: process.env.EEPLAY_CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Kills every process of the browser on the profile in dir with SIGKILL, as a crash or a power cut of the browser alone would.
 * @param {string} dir
 * @param {BrowserContext} context
 */
async function kill(dir, context) {
  execFileSync('pkill', ['-KILL', '-f', `user-data-dir=${dir}`]);
  await context.close().catch(() => {});
}

test('every block whose promise resolved survives SIGKILL of the browser and a reopen', { timeout: 240_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'eeplay-kill-'));
  /** @type {BrowserContext | null} */
  let context = null;
  try {
    for (const [round, waitMillis] of [300, 1200, 50].entries()) {
      context = await launch(dir);
      let page = await context.newPage();
      await page.goto(SITE);
      await waitSettled(page);
      const before = (await page.evaluate(() => window.eeplay.getOverview())).blockCounts[5];
      // Blocks of hashchain on shard 5, one after another, each with its own data, until the kill.
      await page.evaluate((start) => {
        window.resolvedBlocks = [];
        void (async () => {
          for (let i = start; ; i++) {
            const blockIndex = await window.eeplay.createShardBlock({ shardIndex: 5, transactions: [{ eeIndex: 0, data: `0x${i.toString(16).padStart(8, '0')}` }] });
            window.resolvedBlocks.push(blockIndex);
          }
        })();
      }, before);
      await page.waitForFunction((n) => window.resolvedBlocks.length >= n, 3);
      await page.waitForTimeout(waitMillis);
      // What has resolved by now; more may resolve before the kill lands, and may or may not survive.
      const resolved = await page.evaluate(() => window.resolvedBlocks.slice());
      await kill(dir, context);
      assert.ok(resolved.length >= 3, `round ${round}: ${resolved.length} blocks resolved`);

      context = await launch(dir);
      page = await context.newPage();
      await page.goto(SITE);
      await waitSettled(page);
      const after = (await page.evaluate(() => window.eeplay.getOverview())).blockCounts[5];
      assert.ok(after >= before + resolved.length, `round ${round}: ${after - before} of ${resolved.length} resolved blocks survived`);
      for (const blockIndex of [resolved[0], resolved.at(-1)]) {
        const data = await page.evaluate(async (b) => {
          const block = await window.eeplay.getShardBlock({ shardIndex: 5, blockIndex: b });
          return Array.from(block.transactions[0].data, (x) => x.toString(16).padStart(2, '0')).join('');
        }, blockIndex);
        assert.equal(data, blockIndex.toString(16).padStart(8, '0'), `round ${round}: block ${blockIndex}`);
      }
      await context.close();
    }
  } finally {
    await context?.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
});
