// A step's check, shown: PASS or FAIL, then per Scout test what to look at,
// the expected and actual roots, the rejected block's error and the EE's
// debug output. Everything from the EE and the lesson is text.

import type { LessonCheckResult, LessonTestResult } from '../core/api';
import { h, plural } from '../ui/dom';
import { badge, debugOutput, rootLine } from '../ui/receipt';

/** The result's nodes, under a summary line. */
export function checkResultNodes(result: LessonCheckResult): Node[] {
  if (result.compileDiagnostics?.length) {
    return [
      h('p', { class: 'lesson-verdict', 'data-lesson-verdict': 'fail' }, badge('FAIL', 'fail'), ' The code does not compile:'),
      h(
        'ul',
        { class: 'lesson-diagnostics' },
        ...result.compileDiagnostics.map((d) => h('li', null, h('code', null, `${d.file}:${d.line}:${d.column}`), ` ${d.severity}: ${d.message}`)),
      ),
      h('p', { class: 'kit-muted' }, 'Fix it in the Code tab, then check again.'),
    ];
  }
  const passed = result.tests.filter((t) => t.passed).length;
  const verdict = result.passed
    ? h('p', { class: 'lesson-verdict', 'data-lesson-verdict': 'pass' }, badge('PASS', 'pass'), ` All ${plural(result.tests.length, 'test')} passed.`)
    : h('p', { class: 'lesson-verdict', 'data-lesson-verdict': 'fail' }, badge('FAIL', 'fail'), ` ${passed} of ${plural(result.tests.length, 'test')} passed.`);
  return [verdict, ...result.tests.map(testNodes)];
}

function testNodes(test: LessonTestResult): HTMLElement {
  const debug = test.blocks.flatMap((b, i) => (b.debug.length ? [`block ${i}:`, ...b.debug.map((line) => `  ${line}`)] : []));
  const rejected = test.blocks.map((b, i) => ({ b, i })).filter(({ b }) => b.error !== undefined);
  return h(
    'article',
    { class: `lesson-test ${test.passed ? 'lesson-test-pass' : 'lesson-test-fail'}`, 'data-lesson-test': test.yaml, 'data-outcome': test.passed ? 'pass' : 'fail' },
    h(
      'h4',
      null,
      badge(test.passed ? 'PASS' : 'FAIL', test.passed ? 'pass' : 'fail'),
      ' ',
      h('code', null, test.yaml),
      test.expect === 'reject' ? h('span', { class: 'kit-muted' }, ' · its last block must be rejected') : null,
    ),
    test.message ? h('p', { class: 'lesson-look', 'data-lesson-look': true }, test.message) : null,
    h(
      'ul',
      { class: 'lesson-roots' },
      ...test.executionEnvironments.map((ee) =>
        h('li', null, h('code', null, ee.script), rootLine('expected', ee.expected, 'expected'), rootLine('actual', ee.actual, 'actual')),
      ),
    ),
    ...rejected.map(({ b, i }) => h('p', { class: 'lesson-rejected' }, h('strong', null, `Block ${i} was rejected: `), b.error ?? '')),
    debug.length ? debugOutput(debug, { 'data-lesson-debug': true }) : h('p', { class: 'kit-muted' }, 'The EE printed nothing (debug_print…).'),
  );
}
