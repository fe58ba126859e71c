// The views' lifecycle, as CodeMirror's panels have it: a view is built on
// its markup, mounted on the model, told after each batch of changes what
// changed (a ViewUpdate, which the model works out once for all views), and
// destroyed. A view's scope holds its listeners on the page and its
// asynchronous renders: a newer render, or the view's end, makes an older
// one stale. Most views extend ModelView, which holds the scope.

import type { Model } from './model';

/** What changed in one batch of the model's changes. After a reload every flag is set. */
export interface ViewUpdate {
  /** The simulation was read afresh: the first load, a reset or an import. */
  readonly reloaded: boolean;
  /** The overview: the slot, a shard's block count, the number of EEs or the engine. */
  readonly overview: boolean;
  /** The shards whose block count or EE states changed. */
  readonly shards: ReadonlySet<number>;
  /** The list of EEs: some were added, or it was read afresh. */
  readonly ees: boolean;
  /** Some EE index now holds another EE than before (a reset, an import), not only new ones. */
  readonly eesReplaced: boolean;
  /** An EE's name, and so its label. */
  readonly names: boolean;
  /** The last block created, or how long it took. */
  readonly lastBlock: boolean;
  /** The selected shard. */
  readonly selected: boolean;
  /** The token state provider was attached, detached, or failed to re-attach. */
  readonly token: boolean;
  /** The latest EE deployed from a project (Model.deployed), which views offer first. */
  readonly deployed: boolean;
  /** A project was saved or removed (eeplay.projects), and with it which EEs have a source. */
  readonly projects: boolean;
}

/** A view of the model: updated after every batch of changes, destroyed when it goes. */
export interface View {
  /** Shows what changed; the first update after the model loads has every flag set. */
  update(change: ViewUpdate): void;
  /** Stops the view's pending renders and removes its listeners, for views that have any. */
  destroy?(): void;
}

/** The listeners of a model's updates. */
export class UpdateListeners {
  private readonly listeners = new Set<(change: ViewUpdate) => void>();

  /** Adds listener; the function returned removes it. */
  add(listener: (change: ViewUpdate) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Calls every listener with change; one's error, given to onError, does not keep it from the others. */
  emit(change: ViewUpdate, onError: (e: unknown) => void): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (e) {
        onError(e);
      }
    }
  }
}

/** Where views get their updates from: the model. */
export interface UpdateSource {
  subscribe(listener: (change: ViewUpdate) => void): () => void;
}

/** Mounts views on source, each updated after every batch; the function returned unmounts and destroys them. */
export function mount(source: UpdateSource, views: View[]): () => void {
  const unsubscribes = views.map((view) => source.subscribe((change) => view.update(change)));
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
    for (const view of views) view.destroy?.();
  };
}

/** Whether a render's result is still wanted. */
export interface RenderGuard {
  /** True once a newer render began in the same scope, or the scope was closed. */
  readonly stale: boolean;
}

/** A view's asynchronous renders and its listeners, ended together by close. */
export class ViewScope {
  private readonly controller = new AbortController();
  private renders = 0;

  /** Aborted when the scope closes, for listeners added by others (dropZone). */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Adds a listener to target that the scope's close removes. */
  listen<K extends keyof HTMLElementEventMap>(target: HTMLElement, type: K, listener: (ev: HTMLElementEventMap[K]) => void): void {
    target.addEventListener(type, listener, { signal: this.controller.signal });
  }

  /** Begins a render: the renders begun before it are stale from now on. */
  startRender(): RenderGuard {
    const render = ++this.renders;
    const stale = () => this.controller.signal.aborted || this.renders !== render;
    return {
      get stale() {
        return stale();
      },
    };
  }

  /** Ends the scope: every render is stale, every listener given its signal removed. */
  close(): void {
    this.controller.abort();
  }
}

/** A view of the model on its part of the page, root: destroy ends its scope. */
export abstract class ModelView implements View {
  /** The view's renders, and its listeners on the page. */
  protected readonly scope = new ViewScope();

  constructor(
    protected readonly root: HTMLElement,
    protected readonly model: Model,
  ) {}

  abstract update(change: ViewUpdate): void;

  destroy(): void {
    this.scope.close();
  }
}

/** A ViewUpdate in which everything changed, for the first load, a reset or an import. */
export function everythingChanged(shards: number): ViewUpdate {
  return {
    reloaded: true,
    overview: true,
    shards: new Set(Array.from({ length: shards }, (_, s) => s)),
    ees: true,
    eesReplaced: true,
    names: true,
    lastBlock: true,
    selected: true,
    token: true,
    deployed: true,
    projects: true,
  };
}
