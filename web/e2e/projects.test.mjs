// EE projects (eeplay.projects): kept in IndexedDB across a reload, carried
// by the exported simulation file (version 3), kept without builds by a
// reset, merged by an import, which names their EEs; "View source" in the
// EEs panel shows a build's files; a bad project changes nothing.

import assert from 'node:assert/strict';
import { eeplay, openApp, pageTest, screenshot, waitSettled } from './browser.mjs';

/** @import { Page } from 'playwright-core' */

/**
 * A project as the page keeps it, deployed once as EE eeIndex. Its text
 * holds markup, which the page must show as text.
 * @param {number} eeIndex
 */
function greeter(eeIndex) {
  const library = { path: 'lib/eth2.ts', text: '// the host functions\nexport declare function eth2_loadPreStateRoot(offset: i32): void;\n', readOnly: true };
  return {
    id: 'p-greeter',
    name: 'greeter',
    language: 'assemblyscript',
    entry: 'greeter/main.ts',
    files: [{ path: 'greeter/main.ts', text: 'export function main(): void { /* edited since the deploy */ }\n' }, library],
    builds: [
      {
        version: 1,
        eeIndex,
        entry: 'greeter/main.ts',
        files: [{ path: 'greeter/main.ts', text: 'import { eth2_loadPreStateRoot } from "../lib/eth2";\n// <b>not HTML</b> & kept as text\nexport function main(): void {}\n' }, library],
      },
    ],
  };
}

/**
 * The file as the page exported it, as JSON.
 * @param {Page} page
 */
async function exported(page) {
  return JSON.parse(await page.evaluate(async () => new TextDecoder().decode(await window.eeplay.exportSimulation())));
}

let imports = 0;

/**
 * Imports file (JSON) through the page's Import control and waits until the import is done (the header says so).
 * @param {Page} page
 * @param {unknown} file
 */
async function importFile(page, file) {
  const name = `sim-${++imports}.json`;
  await page.setInputFiles('[data-import-file]', { name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await page.locator('[data-status]', { hasText: `Imported ${name}.` }).waitFor();
}

/**
 * Waits until the EEs panel shows n "View source" controls (it draws them once it has read the projects).
 * @param {Page} page
 * @param {number} n
 */
async function viewSourceCount(page, n) {
  await page.waitForFunction((n) => document.querySelectorAll('[data-ee-view-source]').length === n, n);
}

/**
 * What importing file through window.eeplay gives: "imported" or the error's message.
 * @param {Page} page
 * @param {unknown} file
 */
function tryImport(page, file) {
  return page.evaluate((file) => window.eeplay.importSimulation(new TextEncoder().encode(JSON.stringify(file))).then(() => 'imported', (e) => e.message), file);
}

/**
 * What saving project gives: "saved" or the error's message.
 * @param {Page} page
 * @param {unknown} project
 */
function trySave(page, project) {
  return page.evaluate((project) => window.eeplay.projects.save(/** @type {any} */ (project)).then(() => 'saved', (e) => e.message), project);
}

pageTest('projects: kept across a reload, exported, kept by a reset without builds, imported with their EEs named and their source shown', async ({ page }) => {
  await openApp(page);
  const ee = await page.evaluate(async () => {
    const code = new Uint8Array(await (await fetch('examples/helloworld/helloworld.wasm')).arrayBuffer());
    return window.eeplay.createExecutionEnvironment({ wasmCode: code });
  });
  const project = greeter(ee);

  // A project that is not one is refused, saying why, and nothing is kept.
  const bad = [
    [{ ...project, name: '' }, 'projects.save: project "p-greeter": name is empty: want a non-empty string'],
    [{ ...project, language: 'rust' }, 'projects.save: project "p-greeter": language "rust" is not one: want "assemblyscript" or "wat"'],
    [{ ...project, files: [...project.files, { path: 'greeter/main.ts', text: '' }] }, 'projects.save: project "p-greeter": files[2].path "greeter/main.ts" is also files[0]\'s: want each path once'],
    [{ ...project, entry: 'main.ts' }, 'projects.save: project "p-greeter": entry "main.ts" is not among the files: want one of their paths'],
    [greeter(ee + 1), `projects.save: project "p-greeter": build version 1 names EE ${ee + 1}, which is not one: the simulation has ${ee + 1} EEs`],
  ];
  for (const [p, message] of bad) assert.equal(await trySave(page, p), message);
  assert.deepEqual(await eeplay(page, 'projects.list'), []);

  assert.equal(await trySave(page, project), 'saved');
  assert.equal(await trySave(page, { ...greeter(ee), id: 'p-other' }), `projects.save: project "p-other": EE ${ee} is a build of project "p-greeter" already: want each EE built from one project`);
  // Only the EE built from the project gets "View source".
  await page.locator(`[data-ee="${ee}"] [data-ee-view-source]`).waitFor({ state: 'attached' }); // in a closed entry: four EEs are too many to open them all
  await viewSourceCount(page, 1);

  await page.reload();
  await waitSettled(page);
  assert.deepEqual(await eeplay(page, 'projects.list'), [project]);
  assert.deepEqual(await eeplay(page, 'projects.sourceOf', ee), { project, build: project.builds[0] });
  assert.equal(await eeplay(page, 'projects.sourceOf', 0), null);

  // The file is version 3 and carries the project, in the file's words.
  const file = await exported(page);
  assert.equal(file.version, 3);
  assert.deepEqual(file.projects, [
    {
      id: 'p-greeter',
      name: 'greeter',
      language: 'assemblyscript',
      entry: 'greeter/main.ts',
      files: [project.files[0], { path: 'lib/eth2.ts', text: project.files[1].text, read_only: true }],
      builds: [{ version: 1, ee_index: ee, entry: 'greeter/main.ts', files: [project.builds[0].files[0], { path: 'lib/eth2.ts', text: project.files[1].text, read_only: true }] }],
    },
  ]);
  // So does the recovery export.
  const stored = JSON.parse(await page.evaluate(async () => new TextDecoder().decode(await window.eeplay.exportStoredOperations())));
  assert.deepEqual(stored, file);

  // Reset forgets the builds, with their EEs; the project stays.
  await eeplay(page, 'reset');
  await waitSettled(page);
  assert.deepEqual(await eeplay(page, 'projects.list'), [{ ...project, builds: [] }]);
  assert.equal(await eeplay(page, 'projects.sourceOf', ee), null);
  await viewSourceCount(page, 0);

  // The import brings the build back, names its EE and shows its source.
  await importFile(page, file);
  assert.deepEqual(await eeplay(page, 'projects.list'), [project]);
  const entry = page.locator(`[data-ee="${ee}"]`);
  await entry.locator('[data-ee-name]', { hasText: 'greeter v1' }).waitFor();
  await entry.locator('[data-ee-view-source]').waitFor({ state: 'attached' });
  await viewSourceCount(page, 1);
  if (!(await entry.evaluate((d) => /** @type {HTMLDetailsElement} */ (d).open))) await entry.locator('summary').click();
  const button = entry.locator('[data-ee-view-source]');
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  assert.ok(await entry.locator('[data-ee-source]').isHidden());
  // By keyboard.
  await button.focus();
  await page.keyboard.press('Enter');
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  const source = entry.locator('[data-ee-source]');
  assert.ok(await source.isVisible());
  const text = source.locator('[data-ee-source-text]');
  // The snapshot of the build, not the project's files now; markup as text.
  assert.equal(await text.textContent(), project.builds[0].files[0].text);
  assert.equal(await text.locator('b').count(), 0);
  assert.deepEqual(await source.locator('[data-ee-source-file] option').allTextContents(), ['greeter/main.ts (entry)', 'lib/eth2.ts (library)']);
  await screenshot(page, 'projects-view-source', `[data-ee="${ee}"]`);
  // At phone width the source scrolls in its box; the page does not.
  await page.setViewportSize({ width: 390, height: 800 });
  await source.scrollIntoViewIfNeeded();
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'the page scrolls sideways at 390 px');
  await screenshot(page, 'projects-view-source-390', `[data-ee="${ee}"]`);
  await page.setViewportSize({ width: 1280, height: 900 });
  await source.locator('[data-ee-source-file]').selectOption({ label: 'lib/eth2.ts (library)' });
  assert.equal(await text.textContent(), project.files[1].text);

  // A version 2 file: the local projects stay, their builds forgotten.
  const v2 = { ...file, version: 2 };
  delete v2.projects;
  await importFile(page, v2);
  assert.deepEqual(await eeplay(page, 'projects.list'), [{ ...project, builds: [] }]);
  await viewSourceCount(page, 0);

  // A file with a bad project changes nothing: not the simulation, not the projects.
  await importFile(page, file);
  const before = { overview: await eeplay(page, 'getOverview'), projects: await eeplay(page, 'projects.list') };
  const badFile = { ...file, projects: [{ ...file.projects[0], language: 'rust' }] };
  assert.equal(await tryImport(page, badFile), 'read simulation file: projects[0].language "rust" is not one: want "assemblyscript" or "wat"');
  const unbuilt = { ...file, projects: [{ ...file.projects[0], builds: [{ ...file.projects[0].builds[0], ee_index: 99 }] }] };
  assert.equal(await tryImport(page, unbuilt), `read simulation file: projects[0].builds[0].ee_index is 99: want one of the ${ee + 1} EEs the file's operations create`);
  assert.deepEqual({ overview: await eeplay(page, 'getOverview'), projects: await eeplay(page, 'projects.list') }, before);

  // One project over the limit, with the local ones kept: refused, and nothing changes, the core's simulation included.
  for (let i = 0; i < 99; i++) assert.equal(await trySave(page, { ...project, id: `p-${i}`, builds: [] }), 'saved');
  assert.equal((await eeplay(page, 'projects.list')).length, 100);
  // A file of one other EE, whose project is new here.
  await eeplay(page, 'reset');
  await page.evaluate(async () => {
    const code = new Uint8Array(await (await fetch('examples/hashchain/hashchain.wasm')).arrayBuffer());
    await window.eeplay.createExecutionEnvironment({ wasmCode: code });
  });
  const small = await exported(page);
  await importFile(page, file);
  const full = { overview: await eeplay(page, 'getOverview'), projects: await eeplay(page, 'projects.list') };
  const overLimit = { ...small, projects: [{ ...file.projects[0], id: 'p-new', builds: [] }] };
  assert.equal(
    await tryImport(page, overLimit),
    "importSimulation: with the file's projects, this browser would keep 101 projects: want at most 100; remove some projects first",
  );
  assert.deepEqual({ overview: await eeplay(page, 'getOverview'), projects: await eeplay(page, 'projects.list') }, full);
  await page.reload();
  await waitSettled(page);
  assert.deepEqual({ overview: await eeplay(page, 'getOverview'), projects: await eeplay(page, 'projects.list') }, full);
});
