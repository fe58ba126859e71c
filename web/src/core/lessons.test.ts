import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Lesson, ScoutResult } from './api';
import { Lessons, judge } from './lessons';

const root = (byte: string) => `0x${byte.repeat(32)}`;

function result(blocks: ScoutResult['blocks'], stateDifferences: string[] = []): ScoutResult {
  const passed = stateDifferences.length === 0 && blocks.every((b) => b.error === undefined);
  return { passed, shardIndex: 0, executionEnvironments: [{ script: 'ee.wasm', eeIndex: 0, expected: root('00'), actual: root('00'), passed }], blocks, stateDifferences };
}
const accepted = { env: 0, blockIndex: 0, debug: [], modules: [] };
const rejected = { env: 0, error: 'abort: the proof does not lead to the state root', debug: [], modules: [] };

test('judge says what a lesson test must show', () => {
  const differs = `exec_env_states[0]: expected ${root('01')}, actual ${root('00')}`;
  const tests: { name: string; result: ScoutResult; expect: 'pass' | 'reject'; total: number; want: string }[] = [
    { name: 'passes', result: result([accepted, accepted]), expect: 'pass', total: 2, want: '' },
    { name: 'wrong root', result: result([accepted], [differs]), expect: 'pass', total: 1, want: differs },
    { name: 'rejected block', result: result([accepted, rejected]), expect: 'pass', total: 3, want: `shard_blocks[1] was rejected: ${rejected.error}` },
    { name: 'last block rejected, as expected', result: result([accepted, rejected]), expect: 'reject', total: 2, want: '' },
    { name: 'last block rejected, wrong root before it', result: result([accepted, rejected], [differs]), expect: 'reject', total: 2, want: differs },
    { name: 'accepted though invalid', result: result([accepted, accepted]), expect: 'reject', total: 2, want: 'shard_blocks[1] was accepted: the check expects it rejected, as its transaction is invalid' },
    { name: 'rejected too early', result: result([rejected]), expect: 'reject', total: 2, want: `shard_blocks[0] was rejected: ${rejected.error}` },
  ];
  for (const t of tests) assert.equal(judge(t.result, t.expect, t.total), t.want, t.name);
});

test('check and saveProgress refuse what is not a step or not progress, touching nothing', async () => {
  const untouched = () => Promise.reject(new Error('not to be called'));
  const lessons = new Lessons({
    compile: untouched,
    runScoutTest: untouched,
    base: () => 'http://127.0.0.1/',
    // Never settles: nothing may be stored.
    store: new Promise(() => undefined),
  });
  const lesson: Lesson = { name: 'x', url: 'http://127.0.0.1/lessons/x/lesson.json', title: 'X', summary: '', library: {}, steps: [] };
  await assert.rejects(lessons.check(lesson, 2, {}), { message: 'lessons.check: lesson "X" has no step 2: it has 0' });
  await assert.rejects(lessons.saveProgress(lesson.url, { step: 1.5, passed: [], projects: {} }), {
    message:
      "lessons.saveProgress: want (url, {step, passed, projects}): the lesson's URL, the step open (an index from 0), the steps passed (indices) and each step's project id by step index; nothing was kept",
  });
});
