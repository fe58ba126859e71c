// The first visit: load the example EEs (stored like any other) and show a
// short guided path; it can be closed and reopened, and loads the examples
// again after a Reset.

import { busy, findHooks, h, messageOf, replace } from '../ui/dom';
import type { ErrorArea } from '../ui/errors';
import { fetchBytes, fetchExamples, type Example } from '../ui/examples';
import type { Model } from '../ui/model';
import { settings } from '../core/settings';
import { setName } from '../ui/names';
import { ModelView, type ViewUpdate } from '../ui/view';
import './guide.css';

/** What the guide needs of the block composer: a first block to fill in and submit. */
export interface BlockForm {
  fill(shardIndex: number, values: { eeIndex: number; mode: 'text'; value: string }[]): void;
  submit(): Promise<boolean>;
}

/**
 * The guide's one-line change to an example, for a first EE of one's own:
 * helloworld keeps its root as it was, and this line makes it store 42
 * (0x2a) in the root's first byte, so the new root shows the change.
 */
export const suggestedChange = {
  example: 'helloworld',
  after: 'eth2_loadPreStateRoot(root);',
  line: 'store<u8>(root, 42);',
  /** What the Code panel shows beside the example. */
  text:
    'Try a one-line change: after the line eth2_loadPreStateRoot(root); add the line store<u8>(root, 42); ' +
    'It writes 42 (2a in hex) into the first byte of the root. ' +
    'Deploy and run it: the new EE’s post-state root starts with 2a instead of staying as it was.',
} as const;

export class Guide extends ModelView {
  private readonly el = findHooks(this.root, { close: 'guide-close', examples: 'guide-examples', status: 'guide-status' });
  /** Each listed example's note on its EE, once the list is built. */
  private notes: Map<Example, HTMLElement> | null = null;

  constructor(
    root: HTMLElement,
    model: Model,
    private readonly composer: BlockForm,
    private readonly errors: ErrorArea,
    private readonly toggle: HTMLElement,
    /** Opens the example called name to edit, with suggestion beside it. */
    onChangeExample: (name: string, suggestion: string) => void,
  ) {
    super(root, model);
    const { load, run, change, after, line } = findHooks(root, {
      load: ['guide-load', HTMLButtonElement],
      run: ['guide-run', HTMLButtonElement],
      change: ['guide-change', HTMLButtonElement],
      after: 'guide-change-after',
      line: 'guide-change-line',
    });
    after.textContent = suggestedChange.after;
    line.textContent = suggestedChange.line;
    this.scope.listen(change, 'click', () => onChangeExample(suggestedChange.example, suggestedChange.text));
    this.scope.listen(this.el.close, 'click', () => {
      this.close();
      this.toggle.focus();
    });
    this.scope.listen(load, 'click', () => this.loadExamplesButton(load));
    this.scope.listen(run, 'click', () => void busy(run, 'Running…', () => this.runExample()));
    root.hidden = true;
  }

  update(change: ViewUpdate): void {
    // Each example says which EE it is, found by name.
    if ((change.ees || change.names) && !this.root.hidden) void this.renderExamples();
  }

  /** Called once the stored simulation is shown. */
  async firstVisit(): Promise<void> {
    const visited = settings.visited();
    if (!visited && this.model.ees.length === 0) {
      this.show();
      try {
        await this.loadExamples();
        settings.setVisited();
      } catch (e) {
        this.errors.show(e, 'Load the example EEs');
      }
    } else {
      settings.setVisited();
      if (settings.guide() === 'open') this.show();
    }
  }

  show(): void {
    this.root.hidden = false;
    this.toggle.setAttribute('aria-expanded', 'true');
    settings.setGuide('open');
    void this.renderExamples();
  }

  close(): void {
    this.root.hidden = true;
    this.toggle.setAttribute('aria-expanded', 'false');
    settings.setGuide('closed');
  }

  flip(): void {
    if (this.root.hidden) {
      this.show();
      this.root.scrollIntoView({ block: 'nearest' });
      this.el.close.focus();
    } else this.close();
  }

  /** Creates the EEs of the examples not loaded yet; returns what it did. */
  async loadExamples(): Promise<string> {
    const examples = await fetchExamples();
    const made: string[] = [];
    for (const ex of examples) {
      if (ex.panel || this.model.findByName(ex.name) >= 0) continue;
      const code = await fetchBytes(ex.wasm);
      setName(code, ex.name);
      const index = await this.model.eeplay.createExecutionEnvironment({ wasmCode: code });
      setName(code, ex.name, index);
      made.push(`${ex.name} (EE ${index})`);
    }
    await this.model.enqueue({ kind: 'select' });
    return made.length ? `Loaded ${made.join(' and ')}.` : 'The example EEs are already loaded.';
  }

  loadExamplesButton(button: HTMLButtonElement): void {
    void busy(button, 'Loading…', async () => {
      try {
        const text = await this.loadExamples();
        this.el.status.textContent = text;
      } catch (e) {
        this.errors.show(e, 'Load the example EEs');
      }
    });
  }

  private async runExample(): Promise<void> {
    const index = this.model.findByName('hashchain');
    if (index < 0) {
      this.el.status.textContent = 'The hashchain example is not loaded: press “Load example EEs” first.';
      return;
    }
    this.el.status.textContent = '';
    this.composer.fill(0, [{ eeIndex: index, mode: 'text', value: 'hello' }]);
    if (await this.composer.submit()) {
      await this.model.enqueue({ kind: 'select' });
      this.el.status.textContent = 'Done: see the receipt and the inspector.';
      const title = document.querySelector<HTMLElement>('[data-result-title]');
      title?.scrollIntoView({ behavior: 'smooth', block: 'start' });
      title?.focus({ preventScroll: true });
    }
  }

  // renderExamples lists the examples, once, and says which EE each is.
  private async renderExamples(): Promise<void> {
    if (!this.notes) {
      let examples: Example[];
      try {
        examples = await fetchExamples();
      } catch (e) {
        replace(this.el.examples, h('li', { class: 'kit-error-inline' }, `Could not load the examples: ${messageOf(e)}`));
        return;
      }
      if (this.scope.signal.aborted || this.notes) return;
      this.notes = new Map(examples.map((ex) => [ex, h('span', { class: 'kit-muted' })]));
      replace(this.el.examples, ...[...this.notes].map(([ex, note]) => this.renderExample(ex, note)));
    }
    for (const [ex, note] of this.notes) {
      const index = this.model.findByName(ex.name);
      if (index >= 0) replace(note, ` (EE ${index})`);
      else if (ex.panel) replace(note, ' (created in the ', h('a', { href: `#${ex.panel}` }, `${ex.panel[0].toUpperCase()}${ex.panel.slice(1)} panel`), ')');
      else replace(note, ' (not loaded)');
    }
  }

  private renderExample(ex: Example, note: HTMLElement): HTMLElement {
    const pre = h('pre', { class: 'guide-source', 'data-example-source': true, hidden: true, tabindex: 0, 'aria-label': `Source of ${ex.name}` });
    const button = h('button', { type: 'button', class: 'kit-quiet', 'aria-expanded': 'false', 'data-view-source': ex.name }, 'View source');
    button.addEventListener('click', () => {
      const open = pre.hidden;
      pre.hidden = !open;
      button.setAttribute('aria-expanded', String(open));
      button.textContent = open ? 'Hide source' : 'View source';
      if (open && !pre.textContent) {
        pre.textContent = 'Loading…';
        fetch(ex.source)
          .then(async (r) => {
            if (!r.ok) throw new Error(`${r.status} ${r.statusText}`);
            pre.textContent = await r.text();
          })
          .catch((e: unknown) => (pre.textContent = `Could not load ${ex.source}: ${messageOf(e)}`));
      }
    });
    return h('li', { 'data-example': ex.name }, h('strong', null, ex.name), note, `: ${ex.summary} `, button, pre);
  }
}
