// The Token panel: create the token EE from a genesis, preview and send
// transfers with both proof approaches (sizes, the drawing of the proof,
// the accounts table, the in-sync indicator, the comparison chart), an
// overdraft refused with the EE's message, and a reload that attaches the
// state provider again; a stored attachment that no longer fits is shown
// with a way out.

import assert from 'node:assert/strict';
import { eeplay, openApp, pageTest, screenshot, waitSettled } from './browser.mjs';

/** @import { Page } from 'playwright-core' */
/** @import { TokenAccount } from '../src/core/api.ts' */

/** @param {number} a */
const hex8 = (a) => `0x${a.toString(16).padStart(8, '0')}`;

/**
 * A row of the accounts table.
 * @typedef {{ address: string | null, nonce: number, balance: number, changed: boolean }} AccountRow
 */

/**
 * The accounts table as [{address, nonce, balance, changed}].
 * @param {Page} page
 * @returns {Promise<AccountRow[]>}
 */
async function accountsTable(page) {
  return page.locator('[data-token-rows] tr[data-token-account]').evaluateAll((rows) =>
    rows.map((r) => ({
      address: r.getAttribute('data-token-account'),
      nonce: Number(/** @type {string} */ (/** @type {Element} */ (r.querySelector('[data-nonce]')).textContent).replace(/,/g, '')),
      balance: Number(/** @type {string} */ (/** @type {Element} */ (r.querySelector('[data-balance]')).textContent).replace(/,/g, '')),
      changed: r.hasAttribute('data-changed'),
    })),
  );
}

/** @param {Page} page */
function status(page) {
  return eeplay(page, 'token.status');
}

/**
 * A status without the comparisons' run times, which differ from run to run.
 * @param {any} s a status from eeplay(page, 'token.status')
 */
function timeless(s) {
  /** @param {{ milliseconds: number }} c */
  const cost = ({ milliseconds, ...rest }) => rest;
  return { ...s, comparisons: s.comparisons.map((/** @type {any} */ c) => ({ ...c, multi: cost(c.multi), single: cost(c.single) })) };
}

/**
 * Sets transfer row 0 of the form.
 * @param {Page} page
 * @param {{ sender: number, recipient: number | string, amount: number }} transfer the recipient typed when a string
 */
async function setTransfer(page, { sender, recipient, amount }) {
  const row = page.locator('[data-token-transfer]').first();
  await row.locator('[data-token-sender]').selectOption(String(sender));
  if (typeof recipient === 'string') {
    await row.locator('[data-token-recipient]').selectOption('other');
    await row.locator('[data-token-recipient-other]').fill(recipient);
  } else {
    await row.locator('[data-token-recipient]').selectOption(String(recipient));
  }
  await row.locator('[data-token-amount]').fill(String(amount));
}

/** @param {Page} page */
async function createToken(page) {
  await page.click('#tab-token');
  await page.locator('[data-token-setup]').waitFor();
  await page.click('[data-token-create]');
  await page.locator('[data-token-sync="in-sync"]').waitFor();
}

pageTest('the token panel: create, preview and send with both proofs, an overdraft refused, a reload re-attaches', async ({ page }) => {
  await openApp(page);
  // The first visit does not create the token EE: only the panel does.
  /** @type {{ name: string, panel?: string }[]} */
  const examples = await page.evaluate(() => fetch('examples/examples.json').then((r) => r.json()));
  assert.equal(examples.find((e) => e.name === 'token')?.panel, 'token');
  const before = (await eeplay(page, 'getOverview')).executionEnvironmentCount;
  assert.equal(before, examples.filter((e) => !e.panel).length);
  assert.equal(await status(page), null);
  assert.equal(await page.getAttribute('[data-token-panel]', 'data-token-state'), 'none');

  // Create: 16 accounts, seed 1, shard 0 (the defaults).
  await createToken(page);
  const created = await status(page);
  assert.equal(created.eeIndex, before);
  assert.equal(created.shardIndex, 0);
  assert.equal(created.genesisAccounts, 16);
  assert.equal(created.seed, 1);
  assert.equal(created.root, created.eeRoot);
  const genesis = await eeplay(page, 'token.genesis', { accounts: 16, seed: 1 });
  assert.equal((await eeplay(page, 'getExecutionEnvironment', { eeIndex: before })).initialState, genesis.root);
  assert.deepEqual(created.accounts, genesis.accounts);
  assert.match(/** @type {string} */ (await page.textContent('[data-token-about]')), new RegExp(`EE ${before} \\(token\\) on shard 0`));
  const table0 = await accountsTable(page);
  assert.deepEqual(
    table0.map(({ address, nonce, balance }) => ({ address, nonce, balance })),
    genesis.accounts.map((/** @type {TokenAccount} */ a) => ({ address: hex8(a.address), nonce: a.nonce, balance: a.balance })),
  );
  assert.ok(table0.every((r) => !r.changed));
  assert.ok(await page.locator('[data-token-chart-empty]').isVisible());

  // Preview a multiproof transfer: its sizes, what it proves, its drawing.
  const [a, b, c, d] = genesis.accounts;
  await setTransfer(page, { sender: a.address, recipient: b.address, amount: 10 });
  await page.click('[data-token-preview]');
  await page.locator('[data-token-tx-note]').filter({ hasText: 'Preview' }).waitFor();
  const built = await eeplay(page, 'token.build', { proof: 'multi', transfers: [{ sender: a.address, recipient: b.address, amount: 10 }] });
  assert.equal(Number(await page.getAttribute('[data-token-data-bytes]', 'data-token-data-bytes')), built.dataBytes);
  assert.equal(Number(await page.getAttribute('[data-token-proof-bytes]', 'data-token-proof-bytes')), built.proofBytes);
  assert.ok(built.proofBytes > 0 && built.proofBytes < built.dataBytes);
  assert.deepEqual(built.transfers, [{ sender: a.address, recipient: b.address, nonce: 0, amount: 10 }]);
  assert.deepEqual(await page.locator('[data-token-tx-account]').evaluateAll((l) => l.map((e) => e.getAttribute('data-token-tx-account'))), [hex8(a.address), hex8(b.address)]);
  const drawing = page.locator('[data-token-proof-drawing="multi"]');
  await drawing.waitFor();
  for (const kind of ['leaf', 'given', 'default', 'computed']) {
    assert.ok((await drawing.locator(`[data-node="${kind}"]`).count()) > 0, `the drawing has ${kind} nodes`);
  }
  assert.equal(await drawing.locator('[data-node="leaf"]').count(), 2);
  assert.equal(await drawing.locator('[data-node="computed"] title').first().textContent().then((t) => /computed/.test(/** @type {string} */ (t))), true);
  // The root is drawn, and long quiet runs of levels are folded.
  assert.equal(await drawing.locator('[data-node][data-gindex="1"]').count(), 1);
  assert.ok((await drawing.locator('[data-band]').count()) > 0);
  const given = built.shape.defaultHelpers.filter((/** @type {boolean} */ x) => !x).length;
  assert.match(/** @type {string} */ (await page.textContent('[data-token-count="given"]')), new RegExp(`^${given} helpers? sent$`));
  assert.match(/** @type {string} */ (await page.textContent('[data-token-count="computed"]')), /^\d+ nodes computed$/);
  // A preview changes nothing.
  assert.equal((await eeplay(page, 'getOverview')).slot, 0);

  // Send it: the table, the sync indicator and the chart follow.
  await page.click('[data-token-send]');
  await page.locator('[data-token-tx-note]').filter({ hasText: 'Sent: block 0 on shard 0' }).waitFor();
  await page.locator('[data-token-chart] [data-chart-row]').first().waitFor({ state: 'attached' });
  let table = await accountsTable(page);
  /** @param {TokenAccount} acc */
  const row = (acc) => /** @type {AccountRow} */ (table.find((r) => r.address === hex8(acc.address)));
  assert.deepEqual(row(a), { address: hex8(a.address), nonce: 1, balance: a.balance - 10, changed: true });
  assert.deepEqual(row(b), { address: hex8(b.address), nonce: 0, balance: b.balance + 10, changed: true });
  assert.equal(table.filter((r) => r.changed).length, 2);
  assert.equal(await page.getAttribute('[data-token-sync]', 'data-token-sync'), 'in-sync');
  assert.equal(await page.locator('[data-token-chart] svg [data-chart-block]').count(), 2, 'one block in each of the two charts');
  assert.equal(await page.locator('[data-token-chart] [data-chart-row]').count(), 1);
  let now = await status(page);
  assert.equal(now.inSync, true);
  assert.equal(now.problem, '');
  assert.equal(now.comparisons.length, 1);
  assert.equal(now.comparisons[0].blockIndex, 0);
  assert.equal(now.comparisons[0].transfers, 1);
  assert.equal(now.comparisons[0].multi.proofBytes, built.proofBytes);
  assert.equal(now.eeRoot, await eeplay(page, 'getExecutionEnvironmentState', { eeIndex: before, shardIndex: 0 }));
  // The block is an ordinary block: the receipt shows it, with the EE's logs.
  await page.locator('[data-result-title]').filter({ hasText: 'block 0 on shard 0' }).waitFor();
  const block = await eeplay(page, 'getShardBlock', { shardIndex: 0, blockIndex: 0 });
  assert.equal(block.transactions[0].eeIndex, before);
  assert.equal(block.transactions[0].data, built.data);
  assert.equal(block.receipts[0].logs.length, 2);

  // One branch per account: the branches' shared siblings are sent twice,
  // and each branch sends a node the other computes.
  await setTransfer(page, { sender: c.address, recipient: d.address, amount: 7 });
  await page.check('[data-token-proof][value="single"]');
  await page.click('[data-token-preview]');
  const single = page.locator('[data-token-proof-drawing="single"]');
  await single.waitFor();
  assert.equal(await single.locator('svg[data-token-tree] [data-redundant]').count(), 2);
  assert.ok(await single.locator('[data-legend="redundant"]').isVisible());
  await page.click('[data-token-send]');
  await page.locator('[data-token-tx-note]').filter({ hasText: 'Sent: block 1 on shard 0' }).waitFor();
  await page.locator('[data-token-chart] [data-chart-row="1"]').waitFor({ state: 'attached' });
  now = await status(page);
  assert.equal(now.inSync, true);
  assert.equal(now.comparisons.length, 2);
  const [cmp] = now.comparisons.slice(-1);
  assert.ok(cmp.single.proofBytes > cmp.multi.proofBytes, 'single branches send more proof than a multiproof');
  table = await accountsTable(page);
  assert.deepEqual(row(c), { address: hex8(c.address), nonce: 1, balance: c.balance - 7, changed: true });
  assert.deepEqual(row(d), { address: hex8(d.address), nonce: 0, balance: d.balance + 7, changed: true });
  assert.equal(row(a).changed, false, 'only the last block’s accounts are highlighted');
  assert.match(/** @type {string} */ (await page.textContent('[data-token-chart-summary]')), /^Over 2 blocks \(2 transfers\), the multiproof took /);

  // A transfer to a new address, typed.
  await page.check('[data-token-proof][value="multi"]');
  await setTransfer(page, { sender: a.address, recipient: '0x2a', amount: 5 });
  await page.click('[data-token-send]');
  await page.locator('[data-token-tx-note]').filter({ hasText: 'Sent: block 2' }).waitFor();
  await page.locator('[data-token-rows] tr[data-token-account="0x0000002a"][data-changed]').waitFor();
  table = await accountsTable(page);
  assert.equal(table.length, 17);
  assert.equal(/** @type {AccountRow} */ (table.find((r) => r.address === '0x0000002a')).balance, 5);
  await screenshot(page, '09-token-panel', '[data-token-panel]');

  // An overdraft: the EE refuses it, the page says why, nothing changes.
  const overview = await eeplay(page, 'getOverview');
  const pre = await status(page);
  const held = row(b).balance;
  await setTransfer(page, { sender: b.address, recipient: a.address, amount: held + 1 });
  await page.click('[data-token-send]');
  const error = page.locator('[data-token-error]');
  await error.filter({ hasText: 'rejected' }).waitFor();
  assert.match(/** @type {string} */ (await error.textContent()), new RegExp(`sender ${hex8(b.address)} has balance ${held}, cannot send ${held + 1}`));
  assert.deepEqual(await eeplay(page, 'getOverview'), overview);
  assert.deepEqual(await accountsTable(page), table);
  const after = await status(page);
  assert.deepEqual(after, pre);
  assert.equal(after.inSync, true);
  assert.equal(after.comparisons.length, 3);
  await screenshot(page, '10-token-overdraft', '[data-token-form]');

  // Reload: replayed, attached again, in sync, the same accounts.
  assert.deepEqual(await eeplay(page, 'token.stored'), { eeIndex: before, shardIndex: 0, accounts: 16, seed: 1, error: '' });
  await page.reload();
  await waitSettled(page);
  await page.locator('[data-token-sync="in-sync"]').waitFor();
  assert.deepEqual(timeless(await status(page)), timeless(after));
  await page.locator('[data-token-rows] tr[data-changed]').first().waitFor();
  assert.deepEqual(await accountsTable(page), table);
  assert.equal(await page.locator('[data-token-chart] [data-chart-row]').count(), 3);

  // Importing a simulation forgets the attachment (the file holds none);
  // attaching from the console shows in the panel.
  await page.evaluate(async () => window.eeplay.importSimulation(await window.eeplay.exportSimulation()));
  await page.locator('[data-token-panel][data-token-state="none"]').waitFor();
  assert.equal(await eeplay(page, 'token.stored'), null);
  assert.equal((await eeplay(page, 'getOverview')).slot, overview.slot);
  await eeplay(page, 'token.attach', { eeIndex: before, shardIndex: 0, accounts: 16, seed: 1 });
  await page.locator('[data-token-panel][data-token-state="attached"] [data-token-sync="in-sync"]').waitFor();
  assert.deepEqual(await accountsTable(page), table);

  // Reset forgets the attachment, here and after a reload.
  await page.click('[data-reset]');
  await page.click('[data-reset-yes]');
  await page.locator('[data-token-panel][data-token-state="none"]').waitFor();
  assert.equal(await eeplay(page, 'token.stored'), null);
  await page.reload();
  await waitSettled(page);
  assert.equal(await eeplay(page, 'token.stored'), null);
  await page.locator('[data-token-setup]').waitFor();
});

pageTest('a stored attachment that no longer fits: ready still resolves, the panel says why and offers Detach', async ({ page }) => {
  await openApp(page);
  await createToken(page);
  // Point the stored attachment at hashchain (EE 0), whose initial state is not the genesis root.
  await page.evaluate(
    () =>
      new Promise((/** @type {(value?: unknown) => void} */ resolve, reject) => {
        const open = indexedDB.open('eeplay');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('settings', 'readwrite');
          tx.objectStore('settings').put({ eeIndex: 0, shardIndex: 0, accounts: 16, seed: 1 }, 'tokenAttachment');
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  await page.reload();
  await waitSettled(page);
  assert.equal(await page.evaluate(() => window.eeplay.ready.then(() => 'resolved')), 'resolved');
  await page.locator('[data-token-panel][data-token-state="failed"]').waitFor();
  const text = /** @type {string} */ (await page.textContent('[data-token-failed-text]'));
  assert.match(text, /re-attaching the state provider to EE 0 on shard 0 failed: .*EE 0 starts from 0x0{64}, not from the root of this genesis/);
  const stored = await eeplay(page, 'token.stored');
  assert.equal(stored.eeIndex, 0);
  assert.match(stored.error, /re-attaching/);
  assert.equal(await status(page), null);
  // The rest of the page works.
  assert.equal(await page.textContent('[data-status]'), 'ready');

  await page.click('[data-token-detach-failed]');
  await page.locator('[data-token-panel][data-token-state="none"]').waitFor();
  assert.equal(await eeplay(page, 'token.stored'), null);
  // The token EE from before is still there, and can be attached again from the console.
  const count = (await eeplay(page, 'getOverview')).executionEnvironmentCount;
  const again = await eeplay(page, 'token.attach', { eeIndex: count - 1, shardIndex: 0, accounts: 16, seed: 1 });
  assert.equal(again.inSync, true);
  await page.locator('[data-token-sync="in-sync"]').waitFor();
});

pageTest('token panel at phone width, dark: no sideways scrolling', async ({ page }) => {
  await openApp(page);
  await createToken(page);
  // A random batch the EE accepts.
  await page.click('[data-token-random]');
  assert.equal(await page.locator('[data-token-transfer]').count(), 8);
  await page.click('[data-token-preview]');
  await page.locator('[data-token-proof-drawing]').waitFor();
  await page.click('[data-token-send]');
  await page.locator('[data-token-chart] [data-chart-row]').first().waitFor({ state: 'attached' });
  const now = await status(page);
  assert.equal(now.comparisons[0].transfers, 8);
  assert.equal(now.inSync, true);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the page scrolls sideways');
  await screenshot(page, '11-token-phone-dark', '[data-token-panel]');
}, { viewport: { width: 375, height: 812 }, colorScheme: 'dark' });

/**
 * Where the proof drawing sits: its box, the SVG as drawn and as wide as it
 * was drawn for, the root node, and whether the box scrolls and says so.
 * @param {Page} page
 */
function drawingLayout(page) {
  return page.locator('[data-token-proof-drawing]').evaluate(async (figure) => {
    // The box is fitted once it is laid out, before the next frame.
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    const box = /** @type {HTMLElement} */ (figure.querySelector('svg')?.parentElement);
    const svg = /** @type {SVGSVGElement} */ (figure.querySelector('svg[data-token-tree]'));
    const root = /** @type {Element} */ (svg.querySelector('[data-node][data-gindex="1"]'));
    const hint = figure.querySelector('[data-token-drawing-hint]');
    const rect = (/** @type {Element} */ e) => {
      const r = e.getBoundingClientRect();
      return { left: r.left, right: r.right, width: r.width };
    };
    const inner = box.getBoundingClientRect().left + box.clientLeft;
    return {
      viewport: window.innerWidth,
      box: { left: inner, right: inner + box.clientWidth, width: box.clientWidth },
      svg: rect(svg),
      natural: Number(svg.getAttribute('width')),
      root: rect(root),
      scrolls: box.scrollWidth > box.clientWidth + 1,
      hint: hint instanceof HTMLElement && !hint.hidden && hint.getBoundingClientRect().height > 0 ? hint.textContent : null,
    };
  });
}

/**
 * Asserts the drawing fits its box, shrunk to no less than 0.8 of its size
 * (its labels readable), or else scrolls, says so, and opens on the root.
 * Resolves to whether it scrolls.
 * @param {Page} page
 * @param {string} what
 */
async function assertDrawingFits(page, what) {
  const d = await drawingLayout(page);
  const at = `${what}: ${JSON.stringify(d)}`;
  assert.ok(d.svg.width >= 0.8 * d.natural - 1 && d.svg.width <= d.natural + 1, `shrunk past 0.8 of its size: ${at}`);
  // The root is whole in the box and on screen.
  assert.ok(d.root.left >= d.box.left && d.root.right <= d.box.right, `the root is outside the box: ${at}`);
  assert.ok(d.root.left >= 0 && d.root.right <= d.viewport, `the root is off screen: ${at}`);
  if (d.scrolls) {
    assert.equal(d.hint, '↔ The tree is wider than this box: scroll it sideways. It opens on the root.', `no scroll hint: ${at}`);
    assert.ok(Math.abs(d.svg.width - 0.8 * d.natural) <= 1, `scrolls before shrinking to 0.8: ${at}`);
    assert.ok(Math.abs((d.root.left + d.root.right) / 2 - (d.box.left + d.box.right) / 2) <= 2, `the root is not centred: ${at}`);
  } else {
    assert.equal(d.hint, null, `a scroll hint, though it fits: ${at}`);
    assert.ok(d.svg.left >= d.box.left - 1 && d.svg.right <= d.box.right + 1, `cut off: ${at}`);
  }
  return d.scrolls;
}

/**
 * Fills the form with rows transfers made by "Add transfer" (account n to
 * n + 1), previews them, and checks the drawing.
 * @param {Page} page
 * @param {number} rows
 */
async function previewRows(page, rows) {
  while ((await page.locator('[data-token-transfer]').count()) < rows) await page.click('[data-token-add]');
  // The last drawing goes first, so that the wait below finds the new one.
  await page.locator('[data-token-drawing]').evaluate((el) => el.replaceChildren());
  await page.click('[data-token-preview]');
  await page.locator('[data-token-proof-drawing]').waitFor();
}

for (const width of [1280, 390]) {
  pageTest(`the proof drawing at ${width} px fits its box, or scrolls with a hint and opens on the root`, async ({ page }) => {
    await openApp(page);
    await createToken(page);
    // One transfer: 420 units wide, shrunk at most a little.
    await previewRows(page, 1);
    assert.equal(await assertDrawingFits(page, 'one transfer'), false);
    // Six transfers, seven accounts: 754 units wide; at 1280 px shrunk into its 660 px box.
    await previewRows(page, 6);
    assert.equal(await assertDrawingFits(page, 'six transfers'), width < 1280);
    if (width === 1280) assert.ok((await drawingLayout(page)).svg.width < 754, 'not shrunk');
    await screenshot(page, `token-drawing-6-${width}`, '[data-token-proof-drawing]');
    // Eight transfers, nine accounts: wider than any box, so it scrolls.
    await previewRows(page, 8);
    assert.equal(await assertDrawingFits(page, 'eight transfers'), true);
    await screenshot(page, `token-drawing-8-${width}`, '[data-token-proof-drawing]');
    // Random ones, wide or not.
    await page.click('[data-token-random]');
    await page.locator('[data-token-drawing]').evaluate((el) => el.replaceChildren());
    await page.click('[data-token-preview]');
    await page.locator('[data-token-proof-drawing]').waitFor();
    await assertDrawingFits(page, 'random transfers');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the page scrolls sideways');
  }, { viewport: { width, height: 900 } });
}
