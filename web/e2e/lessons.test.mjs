// The Lessons tab, as an attendee uses it: lesson 1 opened from the
// address, its starter code checked (it fails, saying what to look at),
// the solution typed into the editor and checked (it passes), a reload
// that keeps the progress and the code, hints, Show solution after its
// confirmation, text from the lesson shown as text, and the tab at phone
// width in the dark theme.

import assert from 'node:assert/strict';
import { axeViolations, openApp, pageTest, repoFile, simulationSnapshot, viewportScreenshot } from './browser.mjs';

/** Compiling fetches the compiler the first time: give it time. */
const COMPILE = { timeout: 120_000 };
const LESSON = '1-first-ee';
const manifest = JSON.parse(repoFile(`scripts/lessons/${LESSON}/lesson.json`).toString('utf8'));
const solution = repoFile(`scripts/lessons/${LESSON}/${manifest.steps[0].solution['main.ts']}`).toString('utf8');

/**
 * Replaces the text of the file shown in the Code tab, as a paste would.
 * @param {import('playwright-core').Page} page
 * @param {string} text
 */
async function setEditorText(page, text) {
  await page.click('#tab-code');
  await page.click('[data-code-panel] .cm-content');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text);
}

/**
 * Presses Check in the Lessons tab and waits for the verdict.
 * @param {import('playwright-core').Page} page
 */
async function check(page) {
  await page.click('#tab-lessons');
  await page.click('[data-lesson-check]');
  return page.locator('[data-lesson-verdict]').getAttribute('data-lesson-verdict', COMPILE);
}

pageTest('lesson 1 from the address: the starter fails, the solution passes, a reload keeps both', async ({ page }) => {
  await openApp(page, `?lesson=${LESSON}`);
  const before = await simulationSnapshot(page);
  await page.locator('[data-lesson-title]').waitFor();
  assert.equal(await page.locator('#tab-lessons').getAttribute('aria-selected'), 'true');
  assert.equal(await page.textContent('[data-lesson-title]'), manifest.title);
  assert.match((await page.textContent('[data-lesson-step-title]')) ?? '', new RegExp(`^Step 1 of ${manifest.steps.length}: `));

  // The starter compiles and fails its check, saying what to look at.
  assert.equal(await check(page), 'fail');
  const look = await page.locator('[data-lesson-look]').first().textContent();
  assert.ok(look && look.length > 10, `a failing test says what to look at: ${look}`);
  assert.equal(await page.locator('[data-lesson-test] .receipt-root').count() >= 2, true, 'expected and actual roots are shown');
  await page.locator('[data-lesson-result]').scrollIntoViewIfNeeded();
  await viewportScreenshot(page, 'lesson-starter-fails');

  // The Code tab holds the step's project; typing the solution makes it pass.
  await page.click('[data-lesson-edit]');
  await page.locator('.cm-content[data-editor-content="main.ts"]').waitFor(COMPILE);
  await setEditorText(page, solution);
  assert.equal(await check(page), 'pass');
  assert.equal(await page.locator('[data-lesson-step="0"][data-passed]').count(), 1);
  await page.locator('[data-lesson-result]').scrollIntoViewIfNeeded();
  await viewportScreenshot(page, 'lesson-solution-passes');

  // The check ran in a scratch simulation: the visitor's is as it was.
  assert.deepEqual(await simulationSnapshot(page), before);

  // A reload opens the lesson again, the step passed and the code kept.
  await page.reload();
  await page.locator('[data-lesson-step="0"][data-passed]').waitFor();
  await page.click('[data-lesson-edit]');
  await page.locator('.cm-content[data-editor-content="main.ts"]').waitFor(COMPILE);
  const kept = await page.evaluate(async (lesson) => {
    const progress = await window.eeplay.lessons.progress((await window.eeplay.lessons.load(lesson)).url);
    const project = (await window.eeplay.projects.list()).find((p) => p.id === progress.projects[0]);
    return project?.files.find((f) => f.path === 'main.ts')?.text;
  }, LESSON);
  assert.equal(kept, solution);
});

pageTest('hints one at a time, Show solution only after its confirmation, the lesson list', async ({ page }) => {
  await openApp(page);
  await page.click('#tab-lessons');
  const items = page.locator('[data-lessons-item]');
  await items.first().waitFor();
  assert.equal(await items.count(), (await page.evaluate(() => window.eeplay.lessons.list())).length);
  await page.click(`[data-lessons-item="${LESSON}"] button`);
  await page.locator('[data-lesson-title]').waitFor();
  assert.match(page.url(), new RegExp(`[?&]lesson=${LESSON}`));

  // Hints, from the keyboard.
  const hints = manifest.steps[0].hints ?? [];
  for (let i = 0; i < hints.length; i++) {
    await page.focus('[data-lesson-hint]');
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('[data-lesson-hint-list] li').count(), i + 1);
  }
  assert.equal(await page.locator('[data-lesson-hint]').isHidden(), true);

  // Show solution asks first; Cancel leaves the code as it was.
  await page.click('[data-lesson-solution]');
  assert.equal(await page.getAttribute('[data-lesson-solution]', 'aria-expanded'), 'true');
  await page.click('[data-lesson-solution-cancel]');
  assert.equal(await page.locator('[data-lesson-solution-confirm]').isHidden(), true);
  await page.click('[data-lesson-solution]');
  await page.click('[data-lesson-solution-yes]');
  await page.locator('.cm-content[data-editor-content="main.ts"]').waitFor(COMPILE);
  assert.equal(await page.locator('#tab-code').getAttribute('aria-selected'), 'true');
  assert.equal(await check(page), 'pass');

  assert.deepEqual(await axeViolations(page), []);
});

pageTest('a lesson that cannot be opened says why; the tab at 390 px in the dark theme', async ({ page }) => {
  await openApp(page, '?lesson=no-such-lesson');
  await page.locator('[data-lessons-error]:not([hidden])').waitFor();
  assert.match((await page.textContent('[data-lessons-error]')) ?? '', /^Could not open the lesson no-such-lesson: /);
  await page.click(`[data-lessons-item="${LESSON}"] button`);
  await page.locator('[data-lesson-title]').waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0, 'nothing is wider than the phone');
  // The tab list scrolls sideways at this width: the Lessons tab is in view.
  const tab = await page.locator('#tab-lessons').boundingBox();
  assert.ok(tab && tab.x >= 0 && tab.x + tab.width <= 390, `the Lessons tab shows: ${JSON.stringify(tab)}`);
  await viewportScreenshot(page, 'lesson-390-dark');
}, { viewport: { width: 390, height: 844 }, colorScheme: 'dark', allowConsole: [/404/] });
