// The Code panel: a project from a template, edited in the editor, deployed
// and run (the post-state as computed here), a syntax error at its line, the
// blank WAT template, a reload that keeps the edit, a template's Scout test
// passing and, after a breaking edit, failing with both roots shown, and
// the panel at phone width.

import assert from 'node:assert/strict';
import { ZERO, eeplay, openApp, pageTest, screenshot, texts, viewportScreenshot, waitSettled } from './browser.mjs';

/** @import { Page } from 'playwright-core' */

/** Compiling fetches the compiler the first time: give it time. */
const COMPILE = { timeout: 120_000 };

/**
 * Starts a project from template name and waits for its entry in the editor.
 * @param {Page} page
 * @param {string} name
 * @param {string} entry
 */
async function newProject(page, name, entry) {
  // The Code panel is one of the workbench's tabs.
  await page.click('#tab-code');
  await page.locator('[data-code-panel]').scrollIntoViewIfNeeded();
  await page.selectOption('[data-editor-template]', name);
  await page.click('[data-editor-new]');
  await page.locator(`.cm-content[data-editor-content="${entry}"]`).waitFor(COMPILE);
}

/**
 * The lines of the file shown that the editor has drawn (it draws those
 * near the viewport only).
 * @param {Page} page
 */
function shownText(page) {
  return page.locator('[data-code-panel] .cm-content').evaluate((el) => [...el.querySelectorAll('.cm-line')].map((l) => l.textContent).join('\n'));
}

/**
 * Replaces the text of the file shown, as a paste would.
 * @param {Page} page
 * @param {string} text
 */
async function setEditorText(page, text) {
  await page.click('[data-code-panel] .cm-content');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text);
}

/**
 * The saved text of path in the project named name, from eeplay.projects.
 * @param {Page} page
 * @param {string} name
 * @param {string} path
 */
async function savedText(page, name, path) {
  const text = await page.evaluate(
    async ([name, path]) => (await window.eeplay.projects.list()).find((p) => p.name === name)?.files.find((f) => f.path === path)?.text,
    [name, path],
  );
  assert.ok(text !== undefined, `project ${name} has a file ${path}`);
  return text;
}

/**
 * Waits until the project's file path is saved with text (a moment after the last edit).
 * @param {Page} page
 * @param {string} name
 * @param {string} path
 * @param {string} text
 */
async function waitSaved(page, name, path, text) {
  for (let tries = 0; (await savedText(page, name, path)) !== text; tries++) {
    assert.ok(tries < 100, `${path} of ${name} is saved with the edit`);
    await page.waitForTimeout(100);
  }
}

/**
 * The receipt's pre- and post-state roots.
 * @param {Page} page
 */
function receiptRoots(page) {
  return texts(page, '[data-editor-receipt] [data-state-change] [data-hex]');
}

/**
 * helloworld's main.ts, storing 0x2a in the root's first byte before it saves it.
 * @param {string} source
 */
function storing42(source) {
  const edited = source.replace('  eth2_savePostStateRoot(root);', '  store<u8>(root, 0x2a);\n  eth2_savePostStateRoot(root);');
  assert.notEqual(edited, source, 'helloworld saves its root as the test expects');
  return edited;
}

pageTest('helloworld from its template: edited, deployed and run, with the new post-state; a syntax error at its line', async ({ page }) => {
  /** @type {string[]} */
  const chunks = [];
  page.on('request', (r) => {
    if (r.url().includes('/chunks/code-editor')) chunks.push(r.url());
  });
  await openApp(page);
  assert.deepEqual(chunks, [], 'the editor is not fetched before a project needs it');
  await newProject(page, 'helloworld', 'helloworld/main.ts');
  assert.equal(chunks.length, 1, 'the editor is one chunk, fetched once');

  // The files, the library read-only.
  assert.deepEqual(await texts(page, '[data-editor-tabs] [role="tab"]'), [
    'helloworld/main.ts',
    'lib/eth2.ts',
    'lib/sha256.ts',
    'lib/ssz.ts',
    'helloworld/helloworld.yaml',
  ]);
  assert.equal(await page.isVisible('[data-editor-readonly]'), false);
  await page.click('[data-editor-file="lib/eth2.ts"]');
  await page.locator('.cm-content[data-editor-content="lib/eth2.ts"]').waitFor();
  assert.equal(await page.isVisible('[data-editor-readonly]'), true);
  assert.equal(await page.getAttribute('.cm-content', 'aria-readonly'), 'true');
  await page.click('[data-code-panel] .cm-content');
  await page.keyboard.type('typed');
  assert.doesNotMatch(await shownText(page), /typed/, 'typing changes nothing in a read-only file');
  // Arrow keys move between the tabs.
  await page.focus('[data-editor-file="lib/eth2.ts"]');
  await page.keyboard.press('ArrowLeft');
  await page.locator('.cm-content[data-editor-content="helloworld/main.ts"]').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-editor-file')), 'helloworld/main.ts');

  // Change what it stores: 0x2a in the root's first byte. On a new shard
  // the pre-state is the EE's initial state, zero.
  const source = await savedText(page, 'helloworld', 'helloworld/main.ts');
  assert.match(await shownText(page), /^\/\/ helloworld: /, 'the editor shows main.ts');
  const edited = storing42(source);
  await setEditorText(page, edited);
  await waitSaved(page, 'helloworld', 'helloworld/main.ts', edited);
  await page.fill('[data-editor-shard]', '5');
  await page.fill('[data-editor-data]', 'hello');
  await page.click('[data-editor-deploy-run]');
  await page.locator('[data-editor-receipt-title]').waitFor(COMPILE);
  const expected = `0x2a${'00'.repeat(31)}`;
  assert.deepEqual(await receiptRoots(page), [ZERO, expected]);
  assert.match(/** @type {string} */ (await page.textContent('[data-editor-receipt]')), /hello, world/);
  const eeIndex = (await eeplay(page, 'getOverview')).executionEnvironmentCount - 1;
  assert.equal(await eeplay(page, 'getExecutionEnvironmentState', { eeIndex, shardIndex: 5 }), expected);
  // The EE is named after the project and version; the composer offers it.
  assert.equal(await page.locator('[data-tx-ee]').first().inputValue(), String(eeIndex));
  assert.match(/** @type {string} */ (await page.locator('[data-tx-ee] option:checked').first().textContent()), /\(helloworld v1\)$/);
  // The build is recorded with the files it was built from.
  const builds = await page.evaluate(async () => (await window.eeplay.projects.list()).find((p) => p.name === 'helloworld')?.builds);
  assert.deepEqual(
    builds?.map((b) => ({ version: b.version, eeIndex: b.eeIndex, main: b.files.find((f) => f.path === 'helloworld/main.ts')?.text })),
    [{ version: 1, eeIndex, main: edited }],
  );
  await screenshot(page, 'workbench-deployed', '[data-code-panel]');

  // A syntax error: listed, and marked in the editor, at its line.
  const lines = edited.split('\n');
  const errorLine = lines.findIndex((/** @type {string} */ l) => l.includes('store<u8>(root, 0x2a);')) + 1;
  lines.splice(errorLine - 1, 0, '  let broken = ;');
  await setEditorText(page, lines.join('\n'));
  await page.click('[data-editor-deploy]');
  const item = page.locator('[data-editor-diagnostics] li[data-diagnostic="error"]').first();
  await item.waitFor(COMPILE);
  assert.equal(await item.getAttribute('data-file'), 'helloworld/main.ts');
  assert.equal(await item.getAttribute('data-line'), String(errorLine));
  assert.match(/** @type {string} */ (await page.textContent('[data-editor-error]')), /^helloworld\/main\.ts did not compile \(.*error.*\): nothing was deployed or run\.$/);
  assert.equal((await eeplay(page, 'getOverview')).executionEnvironmentCount, eeIndex + 1, 'nothing was deployed');
  // The editor marks the same line.
  const marked = await page.locator('.cm-content .cm-lintRange-error').first().evaluate((el) => {
    const line = /** @type {HTMLElement} */ (el.closest('.cm-line'));
    return [...(line.parentElement?.children ?? [])].indexOf(line) + 1;
  });
  assert.equal(marked, errorLine);
  // Enter on the item jumps there and focuses the editor.
  await item.locator('button').focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('cm-content')), true);
  assert.equal(
    await page.evaluate(() => /** @type {HTMLElement} */ (getSelection()?.anchorNode?.parentElement?.closest('.cm-line'))?.textContent),
    '  let broken = ;',
  );
  await screenshot(page, 'workbench-syntax-error', '[data-code-panel]');
});

pageTest('the blank WAT template compiles, runs, and its edit survives a reload', async ({ page }) => {
  await openApp(page);
  await newProject(page, 'blank-wat', 'blank/main.wat');
  await page.fill('[data-editor-shard]', '2');
  // "auto": 0x-prefixed data is hex.
  await page.fill('[data-editor-data]', '0x68656c6c6f');
  await page.click('[data-editor-deploy-run]');
  await page.locator('[data-editor-receipt-title]').waitFor(COMPILE);
  // The EE XORs the data into the zero root.
  assert.deepEqual(await receiptRoots(page), [ZERO, `0x68656c6c6f${'00'.repeat(27)}`]);
  assert.equal(await page.textContent('[data-editor-receipt] [data-debug]'), 'print32: 5');

  // An edit: XOR only the first 2 bytes. Then a reload keeps the project, its edit and its build.
  const source = await savedText(page, 'blank-wat', 'blank/main.wat');
  const edited = source.replace('(i32.const 32))\n      (then (local.set $size (i32.const 32))))', '(i32.const 2))\n      (then (local.set $size (i32.const 2))))');
  assert.notEqual(edited, source);
  await setEditorText(page, edited);
  await waitSaved(page, 'blank-wat', 'blank/main.wat', edited);
  await page.reload();
  await waitSettled(page);
  await page.locator('[data-code-panel]').scrollIntoViewIfNeeded();
  await page.locator('.cm-content[data-editor-content="blank/main.wat"]').waitFor(COMPILE);
  assert.equal(await savedText(page, 'blank-wat', 'blank/main.wat'), edited);
  assert.match(await shownText(page), /\(then \(local\.set \$size \(i32\.const 2\)\)\)\)/, 'the editor shows the edit');
  assert.match(/** @type {string} */ (await page.locator('[data-editor-project] option:checked').textContent()), /^blank-wat · WAT · 1 deploy$/);
  await page.fill('[data-editor-shard]', '3');
  await page.fill('[data-editor-data]', 'hello');
  await page.click('[data-editor-deploy-run]');
  await page.locator('[data-editor-receipt-title]').waitFor(COMPILE);
  // The data is text ("hello"), and only 2 of its bytes count now.
  assert.deepEqual(await receiptRoots(page), [ZERO, `0x6865${'00'.repeat(30)}`]);
  assert.match(/** @type {string} */ (await page.textContent('[data-editor-receipt] h4')), /\(blank-wat v2\)$/);
});

pageTest('Test runs a template’s Scout test in a scratch simulation: PASS, then FAIL after a breaking edit, with the roots', async ({ page }) => {
  await openApp(page);
  await newProject(page, 'helloworld', 'helloworld/main.ts');
  const before = await eeplay(page, 'getOverview');
  await page.click('[data-editor-test]');
  const result = page.locator('[data-editor-test="helloworld.yaml"]');
  await result.waitFor(COMPILE);
  assert.equal(await result.getAttribute('data-outcome'), 'pass');
  assert.equal(await page.textContent('[data-editor-tests-summary]'), 'Tests: 1 passed, 0 failed');
  assert.match(/** @type {string} */ (await result.textContent()), /hello, world/, 'the debug output is shown');
  assert.deepEqual(await eeplay(page, 'getOverview'), before, 'the test ran in a scratch simulation');

  // The YAML's pre-state is 0x0123…ef; storing 0x2a over its first byte breaks the test.
  await setEditorText(page, storing42(await savedText(page, 'helloworld', 'helloworld/main.ts')));
  await page.click('[data-editor-test]');
  await result.and(page.locator('[data-outcome="fail"]')).waitFor(COMPILE);
  assert.equal(await page.textContent('[data-editor-tests-summary]'), 'Tests: 0 passed, 1 failed');
  const pre = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
  assert.deepEqual(await result.locator('[data-test-ee] [data-hex]').allTextContents(), [`0x${pre}`, `0x2a${pre.slice(2)}`]);
  assert.deepEqual(await eeplay(page, 'getOverview'), before);
  await screenshot(page, 'workbench-test-fail', '[data-code-panel]');
});

pageTest(
  'the Code panel at 390 px wide',
  async ({ page }) => {
    await openApp(page);
    await newProject(page, 'hashchain', 'hashchain/main.ts');
    await page.fill('[data-editor-data]', 'zz');
    await page.selectOption('[data-editor-data-mode]', 'hex');
    await page.click('[data-editor-deploy-run]');
    assert.equal(await page.textContent('[data-editor-error]'), 'The data to run: the data is not valid hex: hex has a non-hex character "z" at position 0.');
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390, 'nothing is wider than the screen');
    await page.locator('[data-code-panel]').scrollIntoViewIfNeeded();
    await viewportScreenshot(page, 'workbench-390');
    await screenshot(page, 'workbench-390-panel', '[data-code-panel]');
  },
  { viewport: { width: 390, height: 844 } },
);
