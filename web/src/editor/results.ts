// What the Code panel shows beside the code: the compile's diagnostics as a
// list whose items jump to their place, and a Scout test's PASS or FAIL
// with expected and actual roots, rejected blocks, debug output and child
// modules. Text from compilers and EEs is set as text, never HTML.

import type { Diagnostic, ScoutResult } from '../core/api';
import { h, plural } from '../ui/dom';
import { badge, childModules, debugOutput, rootLine } from '../ui/receipt';

/** The diagnostics as list items; a diagnostic in one of the project's files (inProject) jumps there with click or Enter. */
export function diagnosticItems(diagnostics: readonly Diagnostic[], inProject: (file: string) => boolean, jump: (d: Diagnostic) => void): HTMLElement[] {
  return diagnostics.map((d) => {
    const place = `${d.file}:${d.line}:${d.column}`;
    const text = [h('span', { class: `editor-severity editor-severity-${d.severity}` }, d.severity), ' ', h('code', null, place), ' ', h('span', null, d.message)];
    const item = inProject(d.file)
      ? h('button', { type: 'button', class: 'editor-diagnostic-jump', 'aria-label': `${d.severity} at ${place}: ${d.message}. Go there.`, onclick: () => jump(d) }, ...text)
      : h('span', null, ...text);
    return h('li', { 'data-diagnostic': d.severity, 'data-file': d.file, 'data-line': d.line, 'data-column': d.column }, item);
  });
}

/** A summary of diagnostics: "2 errors, 1 warning", or "" when there are none. */
export function diagnosticSummary(diagnostics: readonly Diagnostic[]): string {
  const count = (severity: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === severity).length;
  return [plural(count('error'), 'error'), plural(count('warning'), 'warning'), plural(count('info'), 'note')].filter((s) => !s.startsWith('0 ')).join(', ');
}

/** A Scout test's result: PASS or FAIL, each EE's roots, the blocks' errors, debug output and child modules. */
export function testResult(name: string, r: ScoutResult): HTMLElement {
  const rejected = r.blocks.filter((b) => b.error !== undefined).length;
  return h(
    'article',
    { class: 'editor-test', 'data-editor-test': name, 'data-outcome': r.passed ? 'pass' : 'fail' },
    h('h4', null, r.passed ? badge('PASS', 'pass') : badge('FAIL', 'fail'), ' ', h('code', null, name)),
    h('p', { class: 'kit-muted' }, `shard ${r.shardIndex} · ${plural(r.blocks.length - rejected, 'block')} ran${rejected ? `, ${rejected} rejected` : ''} · in a scratch simulation: yours is unchanged`),
    h(
      'ul',
      { class: 'editor-test-ees' },
      ...r.executionEnvironments.map((ee) =>
        h(
          'li',
          { 'data-test-ee': ee.script, 'data-passed': ee.passed ? '' : null },
          ee.passed ? badge('PASS', 'pass') : badge('FAIL', 'fail'),
          ' ',
          h('code', null, ee.script),
          rootLine('expected', ee.expected, 'expected root'),
          rootLine('actual', ee.actual, 'actual root'),
        ),
      ),
    ),
    r.stateDifferences.length ? h('ul', { class: 'editor-test-differences', 'data-test-differences': true }, ...r.stateDifferences.map((d) => h('li', null, d))) : null,
    r.depositDifferences?.length ? h('ul', { class: 'editor-test-differences', 'data-test-deposits': true }, ...r.depositDifferences.map((d) => h('li', null, d))) : null,
    h(
      'ol',
      { class: 'editor-test-blocks', start: 0 },
      ...r.blocks.map((b, i) =>
        h(
          'li',
          { 'data-test-block': i },
          h('span', null, `Block ${i} (env ${b.env})`),
          b.error !== undefined ? h('p', { class: 'kit-error-inline', 'data-test-block-error': true }, `rejected: ${b.error}`) : null,
          b.debug.length ? debugOutput(b.debug, { 'data-test-debug': true }) : h('span', { class: 'kit-muted' }, ' · no debug output'),
          b.modules.length ? h('div', { class: 'editor-test-modules', 'data-test-modules': true }, h('h5', null, 'Child modules'), childModules(b.modules)) : null,
        ),
      ),
    ),
  );
}

/** A test that could not run: its YAML names no script, or the run rejected (a file over the limits). */
export function testError(name: string, message: string): HTMLElement {
  return h(
    'article',
    { class: 'editor-test', 'data-editor-test': name, 'data-outcome': 'error' },
    h('h4', null, badge('ERROR', 'fail'), ' ', h('code', null, name)),
    h('p', { class: 'kit-error-inline' }, message),
  );
}
