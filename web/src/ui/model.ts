// The page's view of the simulation: what the views show, refreshed from
// the `eeplay` object after every change (from the page or the console),
// at the next animation frame and, while changes keep coming, at most every
// REFRESH_INTERVAL: changes that arrive meanwhile, or while a refresh runs,
// are handled in one batch, so that a script making a thousand blocks is
// not slowed by drawing each one. After each batch the views get one
// ViewUpdate saying what changed.

import type { Change, Eeplay, ExecutionEnvironment, Limits, Overview, RootHex, ShardBlock } from '../core/api';
import { equalBytes } from '../core/bytes';
import { settings, type LastBlock } from '../core/settings';
import { fetchBytes, fetchExamples } from './examples';
import { buildName, nameOf, setName } from './names';
import { UpdateListeners, everythingChanged, type ViewUpdate } from './view';

/** A change to show: the eeplay object's, the first load, or a new selection. */
export type Update = Change | { kind: 'initial' } | { kind: 'select' } | { kind: 'deployed' };

/**
 * The least time between the starts of two refreshes. Drawing the page
 * after a block takes a few milliseconds, mostly layout: at one refresh a
 * frame, a stream of blocks would spend half the page's thread on it.
 */
const REFRESH_INTERVAL = 100;

export class Model {
  ees: ExecutionEnvironment[] = [];
  overview: Overview;
  /** EE states of every shard that has blocks, and of the selected one. */
  states = new Map<number, RootHex[]>();
  selected = 0;
  lastBlock: LastBlock | null = settings.lastBlock();
  /**
   * The EE deployed last from a project (the Code panel's Deploy), which
   * the views that pick an EE offer first, so that the latest version of
   * what is being written is the one run; null until a deploy, and after a
   * reset or an import.
   */
  deployed: number | null = null;

  private blocks = new Map<string, Promise<ShardBlock>>();
  private readonly listeners = new UpdateListeners();
  /** What the views were last told about. */
  private shown: Shown = this.snapshot();
  private pending: Update[] = [];
  private running: Promise<void> | null = null;
  /** When the last refresh started (performance.now()). */
  private refreshed = -Infinity;

  constructor(
    readonly eeplay: Eeplay,
    /** The core's limits (eeplay.limits), which the views are laid out by. */
    readonly limits: Limits,
    private readonly onError: (e: unknown) => void,
  ) {
    this.overview = { slot: 0, executionEnvironmentCount: 0, blockCounts: new Array<number>(limits.shardCount).fill(0), engine: 'wazero' };
  }

  /** Loads everything and follows changes from now on. */
  start(): Promise<void> {
    // A new time limit changes nothing shown; an unusable core has nothing to show.
    this.eeplay.onChange((c) => {
      if (c.kind !== 'timeLimit' && c.kind !== 'unusable') void this.enqueue(c);
    });
    return this.enqueue({ kind: 'initial' });
  }

  /** Calls listener after every batch of changes with what changed; the function returned stops that. */
  subscribe(listener: (change: ViewUpdate) => void): () => void {
    return this.listeners.add(listener);
  }

  select(shardIndex: number): Promise<void> {
    if (!Number.isInteger(shardIndex) || shardIndex < 0 || shardIndex >= this.limits.shardCount) return Promise.resolve();
    this.selected = shardIndex;
    return this.enqueue({ kind: 'select' });
  }

  /** Makes eeIndex the latest deployed EE (see deployed); resolves once the views are told. */
  setDeployed(eeIndex: number): Promise<void> {
    this.deployed = eeIndex;
    return this.enqueue({ kind: 'deployed' });
  }

  /** Resolves once the update and any before it are shown. */
  enqueue(update: Update): Promise<void> {
    this.pending.push(update);
    if (!this.running) {
      this.running = (async () => {
        await this.refreshTime();
        await this.drain();
      })();
    }
    return this.running;
  }

  nameOf(eeIndex: number): string | undefined {
    const ee = this.ees[eeIndex];
    return ee ? nameOf(ee.wasmCode, eeIndex) : undefined;
  }

  /** "EE 1 (hashchain)" or "EE 1". */
  label(eeIndex: number): string {
    const name = this.nameOf(eeIndex);
    return name ? `EE ${eeIndex} (${name})` : `EE ${eeIndex}`;
  }

  /** The index of the first EE with this name, or -1. */
  findByName(name: string): number {
    return this.ees.findIndex((ee, i) => nameOf(ee.wasmCode, i) === name);
  }

  /** States on a shard as last fetched; initial states if not fetched. */
  stateOf(shardIndex: number): RootHex[] {
    return this.states.get(shardIndex) ?? this.ees.map((ee) => ee.initialState);
  }

  /** Whether any EE's state on the shard differs from its initial state. */
  changed(shardIndex: number): boolean {
    const states = this.states.get(shardIndex);
    return !!states && states.some((s, i) => this.ees[i] !== undefined && s !== this.ees[i].initialState);
  }

  getBlock(shardIndex: number, blockIndex: number): Promise<ShardBlock> {
    const key = `${shardIndex}/${blockIndex}`;
    let block = this.blocks.get(key);
    if (!block) {
      block = this.eeplay.getShardBlock({ shardIndex, blockIndex });
      block.catch(() => this.blocks.delete(key));
      this.blocks.set(key, block);
    }
    return block;
  }

  private async drain(): Promise<void> {
    while (this.pending.length) {
      const batch = this.pending.splice(0);
      try {
        await this.refresh(batch);
      } catch (e) {
        // A block was cancelled while this refresh waited on the core,
        // which restarted: refresh again once it is ready.
        if (e instanceof Error && e.name === 'AbortError') {
          this.pending.unshift(...batch);
          continue;
        }
        this.onError(e);
      }
      const shown = this.snapshot();
      const change = describeChange(this.shown, shown, batch, this.limits.shardCount);
      this.shown = shown;
      this.listeners.emit(change, this.onError);
      if (this.pending.length) await this.refreshTime();
    }
    this.running = null;
  }

  /** Resolves when the next refresh may start: at a frame, REFRESH_INTERVAL after the last one started. */
  private async refreshTime(): Promise<void> {
    const wait = this.refreshed + REFRESH_INTERVAL - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await nextFrame();
    this.refreshed = performance.now();
  }

  private snapshot(): Shown {
    const { overview, ees, states, selected, lastBlock, deployed } = this;
    return { overview, ees, labels: ees.map((_, i) => this.label(i)), states, selected, lastBlock, deployed };
  }

  private async refresh(batch: Update[]): Promise<void> {
    const full = batch.some((u) => u.kind === 'initial' || u.kind === 'reset' || u.kind === 'import');
    const oldCounts = this.overview.blockCounts;
    const oldEECount = this.ees.length;
    if (full) {
      this.ees = [];
      this.blocks.clear();
    }
    for (const u of batch) {
      if (u.kind === 'reset' || u.kind === 'import') {
        this.setLastBlock(null);
        this.deployed = null;
      }
      if (u.kind === 'createShardBlock') {
        this.setLastBlock({ shardIndex: u.shardIndex, blockIndex: u.blockIndex, milliseconds: u.milliseconds, engine: u.engine });
        this.selected = u.shardIndex;
      }
    }

    const overview = await this.eeplay.getOverview();
    if (this.ees.length > overview.executionEnvironmentCount) this.ees = [];
    const ees = this.ees.slice();
    while (ees.length < overview.executionEnvironmentCount) {
      ees.push(await this.eeplay.getExecutionEnvironment({ eeIndex: ees.length }));
    }

    const last = this.lastBlock;
    if (last && !(last.blockIndex < (overview.blockCounts[last.shardIndex] ?? 0))) this.setLastBlock(null);

    // A shard's states change only by a block on it, a new EE, a reset or
    // an import: keep the others.
    const states = new Map<number, RootHex[]>();
    for (let s = 0; s < this.limits.shardCount; s++) {
      if ((overview.blockCounts[s] ?? 0) === 0 && s !== this.selected) continue;
      const old = this.states.get(s);
      if (!full && old && oldCounts[s] === overview.blockCounts[s] && oldEECount === ees.length) {
        states.set(s, old);
      } else {
        states.set(s, (await this.eeplay.getShardState({ shardIndex: s })).executionEnvironmentStates);
      }
    }

    // A file's EEs come without names: an example's code gets the
    // example's name, and each EE built from a project the name its deploy
    // gave it.
    if (batch.some((u) => u.kind === 'import')) {
      await this.nameExamples(ees);
      await this.nameBuilds(ees);
    }

    this.overview = overview;
    this.ees = ees;
    this.states = states;
  }

  /**
   * Names each EE of ees that has no name here and whose code is an
   * example's after the example, as loading the examples does: a file or a
   * share link from another browser brings them unnamed. Names are a
   * nicety: examples that cannot be fetched leave the EEs unnamed.
   */
  private async nameExamples(ees: readonly ExecutionEnvironment[]): Promise<void> {
    const unnamed = [...ees.entries()].filter(([i, ee]) => nameOf(ee.wasmCode, i) === undefined);
    if (!unnamed.length) return;
    try {
      for (const example of await fetchExamples()) {
        const code = await fetchBytes(example.wasm);
        for (const [i, ee] of unnamed) if (equalBytes(ee.wasmCode, code)) setName(ee.wasmCode, example.name, i);
      }
    } catch {
      // Unnamed, as they came.
    }
  }

  /** Names each EE of ees that a project's build made "NAME vVERSION", as its deploy did. */
  private async nameBuilds(ees: readonly ExecutionEnvironment[]): Promise<void> {
    for (const project of await this.eeplay.projects.list()) {
      for (const build of project.builds) {
        const ee = ees[build.eeIndex];
        if (ee) setName(ee.wasmCode, buildName(project, build), build.eeIndex);
      }
    }
  }

  private setLastBlock(last: LastBlock | null): void {
    this.lastBlock = last;
    settings.setLastBlock(last);
  }
}

/**
 * Resolves at the next animation frame, when the page draws anyway, or
 * after 100 ms where frames do not come, as in a hidden tab, so that what
 * waits on a refresh is not held until the tab is shown.
 */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** What the views show of the model, as it was after a batch. */
export interface Shown {
  overview: Overview;
  ees: readonly ExecutionEnvironment[];
  /** Each EE's label, with its name. */
  labels: readonly string[];
  states: ReadonlyMap<number, readonly RootHex[]>;
  selected: number;
  lastBlock: LastBlock | null;
  deployed: number | null;
}

/** What changed from before to after, through the updates of batch, on shardCount shards. */
export function describeChange(before: Shown, after: Shown, batch: readonly Update[], shardCount: number): ViewUpdate {
  if (batch.some((u) => u.kind === 'initial' || u.kind === 'reset' || u.kind === 'import')) return everythingChanged(shardCount);
  const shards = new Set<number>();
  for (let s = 0; s < shardCount; s++) {
    const statesBefore = before.states.get(s);
    const statesAfter = after.states.get(s);
    if (before.overview.blockCounts[s] !== after.overview.blockCounts[s] || (statesBefore && statesAfter && !sameList(statesBefore, statesAfter))) shards.add(s);
  }
  const eesReplaced = before.ees.some((ee, i) => after.ees[i] !== ee);
  const was = before.lastBlock;
  const is = after.lastBlock;
  return {
    reloaded: false,
    overview:
      before.overview.slot !== after.overview.slot ||
      before.overview.executionEnvironmentCount !== after.overview.executionEnvironmentCount ||
      before.overview.engine !== after.overview.engine ||
      !sameList(before.overview.blockCounts, after.overview.blockCounts),
    shards,
    ees: eesReplaced || before.ees.length !== after.ees.length,
    eesReplaced,
    names: !sameList(before.labels, after.labels),
    lastBlock:
      was?.shardIndex !== is?.shardIndex ||
      was?.blockIndex !== is?.blockIndex ||
      was?.milliseconds !== is?.milliseconds ||
      was?.engine !== is?.engine,
    selected: before.selected !== after.selected,
    token: batch.some((u) => u.kind === 'token'),
    deployed: before.deployed !== after.deployed,
    projects: batch.some((u) => u.kind === 'projects'),
  };
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
