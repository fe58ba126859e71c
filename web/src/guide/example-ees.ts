// The one way the page creates the example EEs: the first visit, Reset, the
// guide's and the EEs panel's buttons all come here. Loads run one after
// another, and each creates only the examples the core does not hold, so
// two asked for at once still make each example once.

import { listed } from '../ui/dom';
import { fetchBytes, fetchExamples } from '../ui/examples';
import type { Model } from '../ui/model';
import { setName } from '../ui/names';

export class ExampleEEs {
  /** The loads asked for and not yet done, the last one's end. */
  private queue: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  constructor(
    private readonly model: Model,
    /** Told when loading starts and when it ends. */
    private readonly onLoading: (loading: boolean) => void,
  ) {}

  /** Whether a load is asked for or running. */
  get loading(): boolean {
    return this.waiting > 0;
  }

  /** Creates the EEs of the examples the core does not hold, after any load already asked for; returns what it did. */
  load(): Promise<string> {
    if (this.waiting++ === 0) this.onLoading(true);
    const run = this.queue.then(() => this.loadMissing());
    this.queue = run.catch(() => undefined);
    return run.finally(() => {
      if (--this.waiting === 0) this.onLoading(false);
    });
  }

  /** Resolves once every load asked for so far is done, whether it worked or not. */
  idle(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  private async loadMissing(): Promise<string> {
    const examples = (await fetchExamples()).filter((ex) => !ex.panel);
    // The model as the core is now: a reset or an import may not be shown yet.
    await this.model.enqueue({ kind: 'select' });
    const count = (await this.model.eeplay.getOverview()).executionEnvironmentCount;
    const made: string[] = [];
    for (const ex of examples) {
      // A name counts only for an EE the core holds.
      const index = this.model.findByName(ex.name);
      if (index >= 0 && index < count) continue;
      const code = await fetchBytes(ex.wasm);
      setName(code, ex.name);
      const eeIndex = await this.model.eeplay.createExecutionEnvironment({ wasmCode: code });
      setName(code, ex.name, eeIndex);
      made.push(`${ex.name} (EE ${eeIndex})`);
      await this.model.enqueue({ kind: 'createExecutionEnvironment', eeIndex });
    }
    return made.length ? `Loaded ${listed(made)}.` : 'The example EEs are already loaded.';
  }
}

