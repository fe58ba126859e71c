// The first visit: load the example EEs (stored like any other) and show a
// short guided path; it can be closed and reopened, loads the examples
// again after the page's Reset, and says where the simulation stands: the
// examples missing or loading, a block to run, or done.

import { busy, findHooks, h, messageOf, replace } from '../ui/dom';
import type { ErrorArea } from '../ui/errors';
import { fetchExamples, type Example } from '../ui/examples';
import type { Model } from '../ui/model';
import { settings } from '../core/settings';
import { ModelView, type ViewUpdate } from '../ui/view';
import { ExampleEEs } from './example-ees';
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

/**
 * Where the simulation stands for the guide: its examples being loaded or
 * missing (some not among the EEs), or all there with no block yet, or a
 * block run.
 */
export type GuideState = 'loading' | 'missing' | 'start' | 'done';

/** What the guide says in each state, unless an action said more. */
const stateText: Record<GuideState, string> = {
  loading: 'Loading the example EEs…',
  missing: 'The example EEs are not loaded: “Load example EEs” loads them, and the steps use them.',
  start: '',
  done: 'Done: see the receipt and the inspector.',
};

/** The step to do next in each state. */
const stepOf: Record<GuideState, string> = { loading: 'examples', missing: 'examples', start: 'run', done: 'see' };

export class Guide extends ModelView {
  private readonly el = findHooks(this.root, {
    close: 'guide-close',
    examples: 'guide-examples',
    lessons: 'guide-lessons',
    status: 'guide-status',
    run: ['guide-run', HTMLButtonElement],
  });
  /** Each listed example's note on its EE, once the list is built. */
  private notes: Map<Example, HTMLElement> | null = null;
  /** The one place that creates the example EEs. */
  private readonly exampleEEs: ExampleEEs;
  /** The names of the examples "Load example EEs" creates, once the list is fetched. */
  private exampleNames: string[] | null = null;
  private state: GuideState | null = null;
  /** What the last action said, shown until the state changes. */
  private said = '';

  constructor(
    root: HTMLElement,
    model: Model,
    private readonly composer: BlockForm,
    private readonly errors: ErrorArea,
    private readonly toggle: HTMLElement,
    /** Opens the example called name to edit, with suggestion beside it. */
    onChangeExample: (name: string, suggestion: string) => void,
    /** Told when the example EEs start and stop loading. */
    onExamplesLoading: (loading: boolean) => void,
  ) {
    super(root, model);
    this.exampleEEs = new ExampleEEs(model, (loading) => {
      this.showState();
      onExamplesLoading(loading);
    });
    fetchExamples().then(
      (examples) => {
        this.exampleNames = examples.filter((ex) => !ex.panel).map((ex) => ex.name);
        this.showState();
      },
      // The list's own error shows where the examples are listed, and on loading them.
      () => undefined,
    );
    const run = this.el.run;
    const { load, change, after, line } = findHooks(root, {
      load: ['guide-load', HTMLButtonElement],
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
    this.scope.listen(run, 'click', () => void busy(run, 'Running…', () => this.runExample()).then(() => this.showState()));
    root.hidden = true;
    this.showState();
  }

  update(change: ViewUpdate): void {
    if (change.ees || change.names || change.overview) this.showState();
    // Each example says which EE it is, found by name.
    if ((change.ees || change.names) && !this.root.hidden) void this.renderExamples();
  }

  /** Resolves once every load of the examples asked for so far is done. */
  examplesLoaded(): Promise<void> {
    return this.exampleEEs.idle();
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
    // A Reset from the recovery box may be loading them.
    await this.examplesLoaded();
  }

  show(): void {
    this.root.hidden = false;
    this.toggle.setAttribute('aria-expanded', 'true');
    settings.setGuide('open');
    void this.renderExamples();
    void this.renderLessons();
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

  /** Creates the EEs of the examples the core does not hold; returns what it did, which the guide says too. */
  async loadExamples(): Promise<string> {
    const text = await this.exampleEEs.load();
    this.say(text);
    return text;
  }

  loadExamplesButton(button: HTMLButtonElement): void {
    void busy(button, 'Loading…', async () => {
      try {
        await this.loadExamples();
      } catch (e) {
        this.errors.show(e, 'Load the example EEs');
      }
    });
  }

  // showState shows where the simulation stands: the status, the step to
  // do next, and the run button, usable only with the examples there.
  private showState(): void {
    const state = this.currentState();
    if (state !== this.state) this.said = '';
    this.state = state;
    this.root.dataset.guideState = state;
    this.el.status.textContent = this.said || stateText[state];
    this.el.run.disabled = state === 'loading' || state === 'missing' || this.el.run.hasAttribute('aria-busy');
    for (const step of this.root.querySelectorAll<HTMLElement>('[data-guide-step]')) {
      if (step.dataset.guideStep === stepOf[state]) step.setAttribute('aria-current', 'step');
      else step.removeAttribute('aria-current');
    }
  }

  private currentState(): GuideState {
    if (this.exampleEEs.loading) return 'loading';
    if (!this.exampleNames || this.exampleNames.some((name) => this.model.findByName(name) < 0)) return 'missing';
    return this.model.overview.blockCounts.some((n) => n > 0) ? 'done' : 'start';
  }

  /** Shows text in the status until the state changes. */
  private say(text: string): void {
    this.showState();
    this.said = text;
    this.el.status.textContent = text;
  }

  private async runExample(): Promise<void> {
    const index = this.model.findByName('hashchain');
    if (index < 0) {
      this.say('The hashchain example is not loaded: press “Load example EEs” first.');
      return;
    }
    this.composer.fill(0, [{ eeIndex: index, mode: 'text', value: 'hello' }]);
    if (await this.composer.submit()) {
      await this.model.enqueue({ kind: 'select' });
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

  // renderLessons lists the lessons the site ships, each a link that opens it (?lesson=).
  private async renderLessons(): Promise<void> {
    if (this.el.lessons.childElementCount) return;
    try {
      const lessons = await this.model.eeplay.lessons.list();
      replace(
        this.el.lessons,
        ...lessons.map((l) => h('li', null, h('a', { href: `?lesson=${encodeURIComponent(l.name)}`, 'data-guide-lesson': l.name }, l.title), l.summary ? ` · ${l.summary}` : '')),
      );
    } catch (e) {
      replace(this.el.lessons, h('li', { class: 'kit-error-inline' }, `Could not list the lessons: ${messageOf(e)}`));
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
