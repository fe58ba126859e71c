// The Scout test panel: pick (or drop) a Scout YAML test with its .wasm
// files, run it through eeplay.runScoutTest, and show PASS or FAIL per EE
// with expected and actual roots, rejected blocks and deposit differences.
// A test runs in a scratch simulation, leaving the visitor's untouched,
// unless the visitor ticks the box that adds its EEs and blocks to theirs.

import type { ScoutResult } from '../core/api';
import { InlineError, busy, dropZone, fileBytes, find, findHooks, h, messageOf, plural, replace, type Hooks } from '../ui/dom';
import { fetchBytes, fetchExamples } from '../ui/examples';
import type { Model } from '../ui/model';
import { BlockProgress, isCancelled } from '../ui/progress';
import { badge, rootLine } from '../ui/receipt';
import './scout.css';

const YAML = /\.ya?ml$/i;

function lastElement(path: string): string {
  return path.replace(/^.*[\\/]/, '');
}

/** The hooks the Scout panel shows in. */
const SHOWN = {
  picked: 'scout-picked',
  run: ['scout-run', HTMLButtonElement],
  into: ['scout-into', HTMLInputElement],
  summary: 'scout-summary',
  results: 'scout-results',
} as const;

export class ScoutPanel {
  private readonly picked = new Map<string, File>();
  private readonly el: Hooks<typeof SHOWN>;
  private readonly error: InlineError;
  private readonly progress: BlockProgress;

  constructor(
    root: HTMLElement,
    private readonly model: Model,
  ) {
    const el = findHooks(root, SHOWN);
    this.el = el;
    this.error = new InlineError(find(root, 'scout-error'));
    this.progress = new BlockProgress(find(root, 'scout-progress'), 'the Scout test');
    const { file, examples } = findHooks(root, { file: ['scout-file', HTMLInputElement], examples: ['scout-examples', HTMLButtonElement] });
    file.addEventListener('change', () => {
      this.add([...(file.files ?? [])]);
      file.value = '';
    });
    dropZone(find(root, 'scout-drop'), (files) => this.add(files));
    find(root, 'scout-clear').addEventListener('click', () => {
      this.picked.clear();
      this.renderPicked();
    });
    el.run.addEventListener('click', () => void busy(el.run, 'Running…', () => this.runPicked()));
    examples.addEventListener('click', () => void busy(examples, 'Running…', () => this.runExamples()));
    this.renderPicked();
  }

  /** Adds picked or dropped files (a file of the same name replaces the old). */
  add(files: File[]): void {
    this.error.clear();
    for (const f of files) this.picked.set(f.name, f);
    this.renderPicked();
  }

  private renderPicked(): void {
    const files = [...this.picked.values()];
    this.el.run.disabled = !files.some((f) => YAML.test(f.name));
    replace(
      this.el.picked,
      files.length
        ? h('ul', { class: 'kit-chips' }, ...files.map((f) => h('li', null, h('code', null, f.name), ' ', h('span', { class: 'kit-muted' }, plural(f.size, 'byte')))))
        : h('span', { class: 'kit-muted' }, 'No files picked.'),
    );
  }

  private async runPicked(): Promise<void> {
    this.error.clear();
    const all = [...this.picked.values()];
    const yamls = all.filter((f) => YAML.test(f.name));
    if (!yamls.length) {
      this.error.show('Pick a Scout test (.yaml) along with its .wasm files.');
      return;
    }
    const files: Record<string, Uint8Array> = {};
    for (const f of all) if (!YAML.test(f.name)) files[f.name] = await fileBytes(f);
    const tests: { name: string; yaml: string; files: Record<string, Uint8Array> }[] = [];
    for (const f of yamls) tests.push({ name: f.name, yaml: await f.text(), files });
    await this.run(tests);
  }

  private async runExamples(): Promise<void> {
    this.error.clear();
    try {
      const tests = await Promise.all(
        (await fetchExamples()).flatMap((ex) => {
          const path = ex.yaml;
          if (!path) return [];
          return [
            Promise.all([fetch(path).then((r) => r.text()), fetchBytes(ex.wasm)]).then(([yaml, wasm]) => ({
              name: lastElement(path),
              yaml,
              files: { [lastElement(ex.wasm)]: wasm },
            })),
          ];
        }),
      );
      await this.run(tests);
    } catch (e) {
      this.error.show(`Could not fetch the example tests: ${messageOf(e)}`);
    }
  }

  private async run(tests: { name: string; yaml: string; files: Record<string, Uint8Array> }[]): Promise<void> {
    this.el.summary.textContent = `Running ${plural(tests.length, 'test')}…`;
    replace(this.el.results);
    const cards: HTMLElement[] = [];
    const scratch = !this.el.into.checked;
    let passed = 0;
    let cancelled = false;
    try {
      // Scout blocks hold one transaction each: the block count is the progress.
      await this.progress.run(async ({ signal }) => {
        for (const [i, t] of tests.entries()) {
          const test = tests.length > 1 ? `${t.name} (test ${i + 1} of ${tests.length}) · ` : '';
          try {
            const result = await this.model.eeplay.runScoutTest({
              yaml: t.yaml,
              files: t.files,
              scratch,
              onBlock: (block, blocks) => this.progress.step(`${test}Block ${block + 1} of ${blocks}`, block, blocks),
              signal,
            });
            if (result.passed) passed++;
            cards.push(this.renderResult(t.name, result, scratch));
          } catch (e) {
            if (isCancelled(e)) throw e;
            const message = messageOf(e);
            cards.push(card(t.name, /no file named/.test(message) ? 'missing' : 'error', message));
          }
        }
      });
    } catch (e) {
      if (!isCancelled(e)) throw e;
      cancelled = true;
    }
    const kept = scratch ? 'Your simulation is unchanged.' : 'The cancelled test’s EEs, and its blocks before the cancelled one, stay in the simulation.';
    this.el.summary.textContent = cancelled
      ? `Cancelled.${cards.length ? ` ${passed} of ${plural(cards.length, 'finished test')} passed.` : ''} ${kept}`
      : `${passed} passed, ${tests.length - passed} failed`;
    replace(this.el.results, ...cards);
  }

  // renderResult shows r, a test's result; EE numbers are those of the
  // visitor's simulation unless the test ran in a scratch one.
  private renderResult(name: string, r: ScoutResult, scratch: boolean): HTMLElement {
    const rejected = r.blocks.filter((b) => b.error !== undefined);
    const where = scratch ? ' · in a scratch simulation: yours is unchanged' : ' · in your simulation';
    const el = card(name, r.passed ? 'pass' : 'fail', `shard ${r.shardIndex} · ${plural(r.blocks.length - rejected.length, 'block')} ran${where}`);
    el.appendChild(
      h(
        'ul',
        { class: 'scout-ees' },
        ...r.executionEnvironments.map((ee) =>
          h(
            'li',
            { 'data-scout-ee': ee.eeIndex, 'data-passed': ee.passed ? '' : null },
            ee.passed ? badge('PASS', 'pass') : badge('FAIL', 'fail'),
            ' ',
            h('code', null, ee.script),
            scratch ? null : h('span', { class: 'kit-muted' }, ` → EE ${ee.eeIndex}`),
            rootLine('expected', ee.expected, 'expected'),
            rootLine('actual', ee.actual, 'actual'),
          ),
        ),
      ),
    );
    if (rejected.length) {
      el.appendChild(
        h(
          'ul',
          { class: 'scout-rejected', 'data-scout-rejected': true },
          ...rejected.map((b) =>
            h('li', null, h('strong', null, `Block ${r.blocks.indexOf(b)} (env ${b.env}) was rejected: `), h('span', null, b.error ?? '')),
          ),
        ),
      );
    }
    if (r.depositDifferences?.length) {
      el.appendChild(
        h('div', { 'data-scout-deposits': true }, h('strong', null, 'Deposit differences'), h('ul', null, ...r.depositDifferences.map((d) => h('li', null, d)))),
      );
    }
    return el;
  }
}

function card(name: string, state: 'pass' | 'fail' | 'error' | 'missing', note: string): HTMLElement {
  const label = { pass: 'PASS', fail: 'FAIL', error: 'ERROR', missing: 'MISSING FILE' }[state];
  return h(
    'article',
    { class: `scout-result scout-${state}`, 'data-scout-result': name, 'data-outcome': state },
    h('h3', null, badge(label, state === 'pass' ? 'pass' : 'fail'), ' ', h('code', null, name)),
    h('p', { class: state === 'pass' || state === 'fail' ? 'kit-muted' : 'kit-error-inline' }, note),
  );
}
