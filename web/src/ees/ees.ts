// The EEs panel: upload .wasm files (picker or drop), with an optional
// initial state, and the list of EEs with size, SHA-256, imports, exports
// and initial state, and, for an EE deployed from a project, its source.

import type { ExecutionEnvironment, Project, ProjectBuild } from '../core/api';
import { fromHex, toHex } from '../core/bytes';
import { InlineError, dropZone, fileBytes, find, findHooks, h, hexBox, messageOf, plural, replace } from '../ui/dom';
import type { Model } from '../ui/model';
import { baseName, setName } from '../ui/names';
import { fieldList } from '../ui/receipt';
import { ModelView, type ViewUpdate } from '../ui/view';
import { sourceControl } from './source';
import './ees.css';

interface Info {
  sha256: string | null;
  imports: { module: string; name: string; kind: string }[];
  exports: { name: string; kind: string }[];
  compileError?: string;
}

const infos = new WeakMap<ExecutionEnvironment, Promise<Info>>();

function infoOf(ee: ExecutionEnvironment): Promise<Info> {
  let info = infos.get(ee);
  if (!info) {
    info = computeInfo(ee.wasmCode);
    infos.set(ee, info);
  }
  return info;
}

async function computeInfo(code: Uint8Array): Promise<Info> {
  let sha256: string | null = null;
  try {
    // crypto.subtle exists only in secure contexts (https, localhost).
    if (globalThis.crypto?.subtle) {
      sha256 = toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', code as BufferSource)));
    }
  } catch {
    sha256 = null;
  }
  try {
    const module = await WebAssembly.compile(code as BufferSource);
    return {
      sha256,
      imports: WebAssembly.Module.imports(module),
      exports: WebAssembly.Module.exports(module),
    };
  } catch (e) {
    return { sha256, imports: [], exports: [], compileError: messageOf(e) };
  }
}

/** Parses an optional 32-byte hex root typed by a person. */
export function parseRoot(text: string, what: string): Uint8Array | undefined {
  const t = text.trim();
  if (!t) return undefined;
  let bytes: Uint8Array;
  try {
    bytes = fromHex(/^0x/i.test(t) ? t : `0x${t}`);
  } catch (e) {
    throw new Error(`${what}: ${messageOf(e)}`);
  }
  if (bytes.length !== 32) throw new Error(`${what} must be 32 bytes (64 hex digits), not ${plural(bytes.length, 'byte')}`);
  return bytes;
}

export class EEPanel extends ModelView {
  private readonly el = findHooks(this.root, { file: ['ee-file', HTMLInputElement], initial: ['ee-initial', HTMLInputElement], status: 'ee-status', list: 'ee-list' });
  private readonly error = new InlineError(find(this.root, 'ee-error'));
  private open = new Set<number>();
  private closed = new Set<number>();
  /** The EEs whose source is shown. */
  private sourceShown = new Set<number>();

  constructor(
    root: HTMLElement,
    model: Model,
    private readonly loadExamples: (button: HTMLButtonElement) => void,
    /** Resolves once the page has loaded and the example EEs asked for are made: uploads come after them. */
    private readonly settled: () => Promise<void>,
  ) {
    super(root, model);
    const file = this.el.file;
    this.scope.listen(file, 'change', () => {
      const files = [...(file.files ?? [])];
      void this.upload(files).then(() => (file.value = ''));
    });
    dropZone(find(root, 'ee-drop'), (files) => void this.upload(files), this.scope.signal);
  }

  update(change: ViewUpdate): void {
    // Another EE at an index: what was open or closed there no longer counts.
    if (change.eesReplaced) {
      this.open.clear();
      this.closed.clear();
      this.sourceShown.clear();
    }
    if (change.ees || change.names || change.projects) this.render();
  }

  /** Creates an EE from each file, in order; stops at the first failure. */
  async upload(files: File[]): Promise<void> {
    this.error.clear();
    const wasm = files.filter((f) => !/\.(ya?ml|json)$/i.test(f.name));
    if (!wasm.length) return;
    let initialState: Uint8Array | undefined;
    try {
      initialState = parseRoot(this.el.initial.value, 'Initial state');
    } catch (e) {
      this.error.show(messageOf(e));
      return;
    }
    this.el.status.textContent = 'Waiting for the example EEs to load…';
    await this.settled();
    const made: string[] = [];
    for (const f of wasm) {
      this.el.status.textContent = `Creating an EE from ${f.name}…`;
      try {
        const code = await fileBytes(f);
        setName(code, baseName(f.name));
        const index = await this.model.eeplay.createExecutionEnvironment({ wasmCode: code, initialState });
        setName(code, baseName(f.name), index);
        this.open.add(index);
        made.push(`EE ${index} from ${f.name}`);
        // Wait for the list to show it, so the new entry is there on return.
        await this.model.enqueue({ kind: 'createExecutionEnvironment', eeIndex: index });
      } catch (e) {
        this.error.show(`${f.name} was not added: ${messageOf(e)}`);
        break;
      }
    }
    this.el.status.textContent = made.length ? `Created ${made.join(', ')}.` : '';
  }

  private render(): void {
    const ees = this.model.ees;
    if (!ees.length) {
      const button = h('button', { type: 'button', 'data-load-examples': true }, 'Load example EEs');
      button.addEventListener('click', () => this.loadExamples(button));
      replace(this.el.list, h('p', { class: 'ees-empty' }, 'No EEs yet. Upload a .wasm file above, or ', button));
      return;
    }
    const items = ees.map((ee, i) => this.renderEE(ee, i));
    replace(this.el.list, h('ol', { class: 'ees-list' }, ...items.map((item) => item.li)));
    void this.addSources(items.map((item) => item.body));
  }

  /** Adds "View source" to the body of each EE deployed from a project, once the projects are read. */
  private async addSources(bodies: HTMLElement[]): Promise<void> {
    const guard = this.scope.startRender();
    let projects: Project[];
    try {
      projects = await this.model.eeplay.projects.list();
    } catch (e) {
      if (!guard.stale) this.error.show(`The EEs' sources could not be read from this browser's storage: ${messageOf(e)}`);
      return;
    }
    if (guard.stale) return;
    const sources = new Map<number, { project: Project; build: ProjectBuild }>();
    for (const project of projects) for (const build of project.builds) sources.set(build.eeIndex, { project, build });
    bodies.forEach((body, index) => {
      const source = sources.get(index);
      if (!source) return;
      const toggle = (open: boolean) => (open ? this.sourceShown.add(index) : this.sourceShown.delete(index));
      body.append(sourceControl(index, source.project, source.build, this.sourceShown.has(index), toggle));
    });
  }

  private renderEE(ee: ExecutionEnvironment, index: number): { li: HTMLElement; body: HTMLElement } {
    const name = this.model.nameOf(index);
    // Few EEs on a wide screen: all open; otherwise only those just uploaded.
    const roomy = this.model.ees.length <= 3 && !matchMedia('(max-width: 480px)').matches;
    const isOpen = this.open.has(index) || (!this.closed.has(index) && roomy);
    const body = fieldList(
      ['Size', { 'data-ee-size': true }, plural(ee.wasmCode.length, 'byte')],
      ['SHA-256', { 'data-ee-sha256': true }, '…'],
      ['Imports', { 'data-ee-imports': true }, '…'],
      ['Exports', { 'data-ee-exports': true }, '…'],
      ['Initial state', { 'data-ee-initial-state': true }, hexBox(ee.initialState, 'initial state')],
    );
    const { sha, imports, exports } = findHooks(body, { sha: 'ee-sha256', imports: 'ee-imports', exports: 'ee-exports' });
    const details = h(
      'details',
      { 'data-ee': index, open: isOpen },
      h(
        'summary',
        null,
        h('span', { class: 'ees-index' }, `EE ${index}`),
        ' ',
        name ? h('strong', { 'data-ee-name': true }, name) : null,
        ' ',
        h('span', { class: 'kit-muted' }, plural(ee.wasmCode.length, 'byte')),
      ),
      body,
    );
    details.addEventListener('toggle', () => {
      (details.open ? this.open : this.closed).add(index);
      (details.open ? this.closed : this.open).delete(index);
    });
    void infoOf(ee).then((info) => {
      replace(sha, info.sha256 ? hexBox(info.sha256, 'SHA-256') : h('span', { class: 'kit-muted' }, 'unavailable'));
      if (info.compileError) {
        replace(imports, h('span', { class: 'kit-muted' }, `the browser cannot parse it: ${info.compileError}`));
        replace(exports, '—');
        return;
      }
      replace(imports, chips(info.imports.map((i) => [`${i.module}.${i.name}`, i.kind])));
      replace(exports, chips(info.exports.map((x) => [x.name, x.kind])));
    });
    return { li: h('li', null, details), body: details };
  }
}

function chips(items: [string, string][]): Node {
  if (!items.length) return h('span', { class: 'kit-muted' }, 'none');
  return h('ul', { class: 'kit-chips' }, ...items.map(([name, kind]) => h('li', null, h('code', null, name), ' ', h('span', { class: 'kit-muted' }, kind))));
}
