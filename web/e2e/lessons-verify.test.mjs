// Every lesson the site ships (lessons/index.json) is verified in Chromium
// through eeplay.lessons.verify: each step's solution passes its check and
// its starter compiles and fails it. A step checked with its starter
// shows both roots and what to look at, and leaves the page's simulation
// as it was; a lesson that is not there, or on another host, rejects
// saying so; one opened by URL is the same lesson.

import assert from 'node:assert/strict';
import { ZERO, openApp, pageTest, SITE, simulationSnapshot } from './browser.mjs';

/** @import { LessonListing, LessonStepVerification } from '../src/core/api.ts' */

/** @type {LessonListing[]} */
const lessons = await (await fetch(new URL('lessons/index.json', SITE))).json();

pageTest('the site ships at least four lessons', async () => {
  assert.ok(lessons.length >= 4, `lessons/index.json lists ${lessons.length} lessons: ${lessons.map((l) => l.name).join(', ')}`);
});

for (const lesson of lessons) {
  pageTest(`lesson ${lesson.name}: every step's solution passes and its starter fails`, async ({ page }) => {
    await openApp(page);
    const start = Date.now();
    /** @type {LessonStepVerification[]} */
    const steps = await page.evaluate((name) => window.eeplay.lessons.verify(name), lesson.name);
    console.log(`lesson ${lesson.name}: ${steps.length} steps verified in ${Date.now() - start} ms`);
    assert.equal(steps.length, lesson.steps, 'one entry per step');
    for (const step of steps) {
      assert.ok(step.solutionPassed && step.starterFailed, `step ${step.step} (${step.title}):\n  ${step.messages.join('\n  ')}`);
      assert.deepEqual(step.messages, []);
    }
  });
}

pageTest('a starter checked in the page fails with both roots, and the simulation is left as it was', async ({ page }) => {
  await openApp(page);
  const before = await simulationSnapshot(page);
  const result = await page.evaluate(async () => {
    const lesson = await window.eeplay.lessons.load('1-first-ee');
    const { passed, tests } = await window.eeplay.lessons.check(lesson, 0, lesson.steps[0].starter);
    return { passed, tests: tests.map((t) => ({ yaml: t.yaml, passed: t.passed, message: t.message, ees: t.executionEnvironments, debug: t.blocks.map((b) => b.debug) })) };
  });
  const want = `0x01${'00'.repeat(31)}`;
  assert.deepEqual(result, {
    passed: false,
    tests: [
      {
        yaml: '1-save/check.yaml',
        passed: false,
        message: `exec_env_states[0]: expected ${want}, actual ${ZERO}`,
        ees: [{ script: 'ee.wasm', eeIndex: 0, expected: want, actual: ZERO, passed: false }],
        debug: [['log: main was called']],
      },
    ],
  });
  assert.deepEqual(await simulationSnapshot(page), before, 'the check ran in a scratch simulation');
});

pageTest("a leader's lesson opens by the URL of its lesson.json, relative to the page", async ({ page }) => {
  await openApp(page);
  const [byName, byUrl] = await page.evaluate(() =>
    Promise.all(['2-block-data', 'lessons/2-block-data/lesson.json'].map((n) => window.eeplay.lessons.load(n))),
  );
  assert.equal(byName.name, '2-block-data');
  assert.equal(byUrl.name, '', 'a lesson opened by URL has no name in the index');
  assert.equal(byUrl.url, new URL('lessons/2-block-data/lesson.json', SITE).href);
  assert.deepEqual({ ...byUrl, name: byName.name }, byName);
  assert.deepEqual(Object.keys(byName.library), ['lib/eth2.ts', 'lib/sha256.ts']);
});

pageTest('a lesson that is not there, or not on this host, rejects saying so', async ({ page }) => {
  await openApp(page);
  const messages = await page.evaluate(async () => {
    /** @param {string} name */
    const message = (name) => window.eeplay.lessons.load(name).then(() => 'loaded', (/** @type {Error} */ e) => e.message);
    return [await message('no-such-lesson'), await message('https://example.com/lesson.json')];
  });
  const origin = new URL(SITE).origin;
  assert.deepEqual(messages, [
    'lesson no-such-lesson: lesson.json: HTTP 404',
    `lesson https://example.com/lesson.json: https://example.com is not this page's host, ${origin}: a lesson must be on the same host, as its text and code run in this page`,
  ]);
}, { allowConsole: [/Failed to load resource: the server responded with a status of 404/] });
