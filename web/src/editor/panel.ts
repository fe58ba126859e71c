// The Code panel: projects (eeplay.projects) started from templates, their
// files in tabs over one code editor, and Deploy, Deploy and run, and Test.
// The editor itself (CodeMirror) is a module of its own, imported the first
// time the panel is seen or a project is opened, so the first page load
// does not carry it. Edits are saved to eeplay.projects a moment after
// they stop; the project shown last opens again after a reload.

import type { BlockRejectedError, Diagnostic, Project, ProjectFile } from '../core/api';
import { settings } from '../core/settings';
import { InlineError, busy, find, findHooks, h, messageOf, plural, replace } from '../ui/dom';
import { fetchExamples } from '../ui/examples';
import type { Model } from '../ui/model';
import { setName } from '../ui/names';
import { BlockProgress, isCancelled } from '../ui/progress';
import { renderBlock } from '../ui/receipt';
import { inspectControls } from '../ui/inspect';
import { ModelView, type ViewUpdate } from '../ui/view';
import { buildName, withBuild } from './builds';
import type { CodeEditor } from './code-editor';
import { diagnosticItems, diagnosticSummary, testError, testResult } from './results';
import { parseRunData, type DataMode } from './run-data';
import { BLANK_WAT_NAME, blankWat, exampleTemplate, lastElement, newProjectId, projectFromTemplate, scriptNames, type Template } from './templates';
import './editor.css';

/** How long after the last keystroke an edit is saved. */
const SAVE_AFTER_MS = 400;

const HOOKS = {
  project: ['editor-project', HTMLSelectElement],
  rename: ['editor-rename', HTMLButtonElement],
  renameForm: ['editor-rename-form', HTMLFormElement],
  name: ['editor-name', HTMLInputElement],
  renameCancel: 'editor-rename-cancel',
  remove: ['editor-delete', HTMLButtonElement],
  removeConfirm: 'editor-delete-confirm',
  removeText: 'editor-delete-text',
  removeYes: 'editor-delete-yes',
  removeCancel: 'editor-delete-cancel',
  template: ['editor-template', HTMLSelectElement],
  create: ['editor-new', HTMLButtonElement],
  suggestion: 'editor-suggestion',
  tabs: 'editor-tabs',
  readOnly: 'editor-readonly',
  area: 'editor-area',
  placeholder: 'editor-placeholder',
  status: 'editor-status',
  diagnostics: 'editor-diagnostics',
  form: ['editor-run', HTMLFormElement],
  mode: ['editor-data-mode', HTMLSelectElement],
  data: ['editor-data', HTMLInputElement],
  help: 'editor-data-help',
  shard: ['editor-shard', HTMLInputElement],
  deploy: ['editor-deploy', HTMLButtonElement],
  deployRun: ['editor-deploy-run', HTMLButtonElement],
  test: ['editor-test', HTMLButtonElement],
  live: 'editor-live',
  receipt: 'editor-receipt',
  tests: 'editor-tests',
} as const;

const DATA_HELP: Record<DataMode, string> = {
  auto: 'auto: data starting with 0x is read as hex, anything else as text.',
  hex: 'hex: pairs of hex digits, with or without 0x; empty is no data.',
  text: 'text: the characters’ UTF-8 bytes, 0x included.',
};

export class CodePanel extends ModelView {
  private readonly el = findHooks(this.root, HOOKS);
  private readonly projectError = new InlineError(find(this.root, 'editor-project-error'));
  private readonly error = new InlineError(find(this.root, 'editor-error'));
  private readonly progress = new BlockProgress(find(this.root, 'editor-progress'));
  private projects: Project[] = [];
  private project: Project | null = null;
  /** The file whose tab is selected. */
  private file = '';
  /** The projects as listed after the last load, reset or import. */
  private listed: Promise<void> | null = null;
  private editor: Promise<CodeEditor> | null = null;
  /** Whether the panel has been on screen: then a project opened loads the editor. */
  private seen = false;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private unsaved = false;
  private diagnostics: Diagnostic[] = [];

  constructor(root: HTMLElement, model: Model) {
    super(root, model);
    const el = this.el;
    el.shard.max = String(model.limits.shardCount - 1);
    this.scope.listen(el.project, 'change', () => void this.switchTo(el.project.value));
    this.scope.listen(el.create, 'click', () => void busy(el.create, 'Creating…', () => this.createFrom(el.template.value)));
    this.scope.listen(el.rename, 'click', () => this.toggleRename());
    this.scope.listen(el.renameCancel, 'click', () => this.toggleRename(false));
    this.scope.listen(el.renameForm, 'submit', (ev) => {
      ev.preventDefault();
      void this.rename();
    });
    this.scope.listen(el.remove, 'click', () => this.toggleRemove());
    this.scope.listen(el.removeCancel, 'click', () => this.toggleRemove(false));
    this.scope.listen(el.removeYes, 'click', () => void this.remove());
    this.scope.listen(el.tabs, 'keydown', (ev) => this.tabKey(ev));
    this.scope.listen(el.mode, 'change', () => (el.help.textContent = DATA_HELP[el.mode.value as DataMode]));
    this.scope.listen(el.deploy, 'click', () => void busy(el.deploy, 'Deploying…', () => this.deploy(false)));
    this.scope.listen(el.form, 'submit', (ev) => {
      ev.preventDefault();
      void busy(el.deployRun, 'Running…', () => this.deploy(true));
    });
    this.scope.listen(el.test, 'click', () => void busy(el.test, 'Testing…', () => this.test()));
    // An edit not saved yet is saved when the page goes away.
    addEventListener('pagehide', () => void this.save(), { signal: this.scope.signal });
    this.fillTemplates();
    this.renderProjects();
    // The editor loads the first time the panel is seen with a project in it.
    const observer = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      this.seen = true;
      observer.disconnect();
      if (this.project) void this.loadEditor();
    });
    observer.observe(el.area);
    this.scope.signal.addEventListener('abort', () => observer.disconnect());
  }

  update(change: ViewUpdate): void {
    // A reset forgets the projects' builds; an import brings the file's projects.
    if (change.reloaded) this.listed = this.list();
    if (change.selected) this.el.shard.value = String(this.model.selected);
  }

  /** Saves an edit not saved yet, so that a share link made now carries it. */
  saveEdits(): Promise<void> {
    return this.save();
  }

  /** Shows project id once the projects are listed again after an import: a share link's, just opened. */
  async openProject(id: string): Promise<void> {
    // The import's update lists them again.
    await this.model.enqueue({ kind: 'select' });
    await this.listed;
    await this.switchTo(id);
  }

  /**
   * Opens a project of the example name (the first one made from its
   * template, or a new one) and shows suggestion, a change to try, above
   * the editor: the guide's "Change this EE".
   */
  async openExample(name: string, suggestion: string): Promise<void> {
    await (this.listed ??= this.list());
    const entry = `${name}/main.ts`;
    const existing = this.projects.find((p) => p.name === name && p.entry === entry) ?? this.projects.find((p) => p.entry === entry);
    if (existing) await this.switchTo(existing.id);
    else await this.createFrom(name);
    if (this.project?.entry !== entry) return;
    this.el.suggestion.textContent = `Try this: ${suggestion}`;
    this.el.suggestion.hidden = false;
    await this.loadEditor();
  }

  /**
   * Opens the project with id if there is one, or else a new project made
   * of spec, and shows note above the editor: a lesson's step. Resolves to
   * the project's id.
   */
  async openOrCreate(id: string | null, spec: Omit<Project, 'id' | 'builds'>, note: string): Promise<string> {
    await (this.listed ??= this.list());
    const existing = id === null ? undefined : this.projects.find((p) => p.id === id);
    if (existing) await this.switchTo(existing.id);
    else {
      await this.save();
      const project: Project = { ...spec, id: newProjectId(), builds: [] };
      await this.model.eeplay.projects.save(project);
      this.projects.push(project);
      this.open(project);
    }
    this.el.suggestion.textContent = note;
    this.el.suggestion.hidden = false;
    void this.loadEditor();
    return this.project!.id;
  }

  /** The files of project id as last edited (an edit not saved yet is saved first); null when there is no such project. */
  async projectFiles(id: string): Promise<ProjectFile[] | null> {
    await (this.listed ??= this.list());
    await this.save();
    return this.projects.find((p) => p.id === id)?.files.map((f) => ({ ...f })) ?? null;
  }

  /** Replaces the files of project id, saved, and shows them if it is open. */
  async replaceFiles(id: string, files: ProjectFile[]): Promise<void> {
    await (this.listed ??= this.list());
    const project = this.projects.find((p) => p.id === id);
    if (!project) throw new Error(`no project ${id}: it was deleted`);
    await this.save();
    await this.replaceProject({ ...project, files });
    if (this.project?.id === id) this.open(this.project);
  }

  // ---- Projects ----

  private async list(): Promise<void> {
    this.projectError.clear();
    try {
      await this.save();
      this.projects = await this.model.eeplay.projects.list();
    } catch (e) {
      this.projectError.show(`Could not read the projects kept in this browser: ${messageOf(e)}`);
      return;
    }
    const keep = this.project?.id ?? settings.project();
    this.open(this.projects.find((p) => p.id === keep) ?? this.projects.at(-1) ?? null);
  }

  private fillTemplates(): void {
    const blank = h('option', { value: BLANK_WAT_NAME }, 'blank WAT EE: reads the data, XORs it into the root');
    replace(this.el.template, blank);
    fetchExamples().then(
      (examples) => {
        replace(this.el.template, ...examples.map((ex) => h('option', { value: ex.name }, `${ex.name} (AssemblyScript): ${ex.summary}`)), blank);
      },
      (e: unknown) => this.projectError.show(`Could not list the example templates: ${messageOf(e)}`),
    );
  }

  private async template(name: string): Promise<Template> {
    if (name === BLANK_WAT_NAME) return blankWat;
    const example = (await fetchExamples()).find((ex) => ex.name === name);
    if (!example) throw new Error(`there is no template named "${name}"`);
    const text = async (url: string) => {
      const r = await fetch(url);
      if (!r.ok) throw new Error(`${url}: ${r.status} ${r.statusText}`);
      return r.text();
    };
    const [main, yaml, library] = await Promise.all([
      text(example.source),
      example.yaml ? text(example.yaml) : undefined,
      Promise.all(example.library.map(async (url) => ({ url, text: await text(url) }))),
    ]);
    return exampleTemplate(example.name, main, yaml, library);
  }

  private async createFrom(name: string): Promise<void> {
    this.projectError.clear();
    void this.loadEditor();
    try {
      const project = projectFromTemplate(
        await this.template(name),
        newProjectId(),
        this.projects.map((p) => p.name),
      );
      await this.model.eeplay.projects.save(project);
      this.projects.push(project);
      this.open(project);
      this.setStatus(`New project “${project.name}” from the ${name} template.`);
    } catch (e) {
      this.projectError.show(`Could not create a project from the ${name} template: ${messageOf(e)}`);
    }
  }

  private async switchTo(id: string): Promise<void> {
    await this.save();
    const project = this.projects.find((p) => p.id === id);
    if (project) this.open(project);
  }

  /** Shows project (none: the placeholder) in the tabs and the editor. */
  private open(project: Project | null): void {
    const changed = project?.id !== this.project?.id;
    this.project = project;
    settings.setProject(project?.id ?? null);
    if (changed) {
      this.el.suggestion.hidden = true;
      this.showDiagnostics([]);
      replace(this.el.receipt);
      replace(this.el.tests);
      this.error.clear();
    }
    this.file = project ? (project.files.some((f) => f.path === this.file) && !changed ? this.file : project.entry) : '';
    this.renderProjects();
    this.renderTabs();
    this.el.placeholder.hidden = !!project;
    if (this.editor && project) void this.editor.then((ed) => ed.load(project.files, this.file));
    else if (this.seen && project) void this.loadEditor();
  }

  private renderProjects(): void {
    const { project: select, rename, remove } = this.el;
    replace(
      select,
      ...(this.projects.length
        ? this.projects.map((p) => h('option', { value: p.id }, `${p.name} · ${p.language === 'wat' ? 'WAT' : 'AssemblyScript'}${p.builds.length ? ` · ${plural(p.builds.length, 'deploy')}` : ''}`))
        : [h('option', { value: '' }, 'no projects yet')]),
    );
    if (this.project) select.value = this.project.id;
    select.disabled = !this.projects.length;
    rename.disabled = remove.disabled = !this.project;
    for (const b of [this.el.deploy, this.el.deployRun, this.el.test]) b.disabled = !this.project;
  }

  private toggleRename(show = this.el.renameForm.hidden): void {
    this.toggleRemove(false);
    this.el.renameForm.hidden = !show;
    this.el.rename.setAttribute('aria-expanded', String(show));
    if (show && this.project) {
      this.el.name.value = this.project.name;
      this.el.name.focus();
      this.el.name.select();
    }
  }

  private async rename(): Promise<void> {
    const project = this.project;
    if (!project) return;
    const name = this.el.name.value.trim();
    if (!name) return this.projectError.show('A project needs a name: type one, or press Cancel.');
    if (this.projects.some((p) => p.id !== project.id && p.name === name)) return this.projectError.show(`There is already a project named “${name}”: choose another name.`);
    this.projectError.clear();
    try {
      await this.replaceProject({ ...project, name });
      this.toggleRename(false);
      this.el.rename.focus();
      this.setStatus(`Renamed to “${name}”. Its next deploy is named “${buildName(name, project.builds.length + 1)}”.`);
    } catch (e) {
      this.projectError.show(`Could not rename the project: ${messageOf(e)}`);
    }
  }

  private toggleRemove(show = this.el.removeConfirm.hidden): void {
    if (show) this.toggleRename(false);
    this.el.removeConfirm.hidden = !show;
    this.el.remove.setAttribute('aria-expanded', String(show));
    if (show && this.project) {
      this.el.removeText.textContent = `Delete the project “${this.project.name}” and its files? The EEs it deployed stay in the simulation.`;
      this.el.removeYes.focus();
    }
  }

  private async remove(): Promise<void> {
    const project = this.project;
    if (!project) return;
    try {
      clearTimeout(this.saveTimer);
      this.unsaved = false;
      await this.model.eeplay.projects.remove(project.id);
      this.projects = this.projects.filter((p) => p.id !== project.id);
      this.toggleRemove(false);
      this.open(this.projects.at(-1) ?? null);
      this.el.remove.focus();
      this.setStatus(`Deleted the project “${project.name}”.`);
    } catch (e) {
      this.projectError.show(`Could not delete the project: ${messageOf(e)}`);
    }
  }

  /** Stores project, which replaces the one with its id, here and in eeplay.projects. */
  private async replaceProject(project: Project): Promise<void> {
    await this.model.eeplay.projects.save(project);
    this.projects = this.projects.map((p) => (p.id === project.id ? project : p));
    if (this.project?.id === project.id) this.project = project;
    this.renderProjects();
  }

  // ---- Files and the editor ----

  private loadEditor(): Promise<CodeEditor> {
    this.editor ??= import('./code-editor').then(
      ({ CodeEditor }) => {
        const editor = new CodeEditor(this.el.area, (path, text) => this.edited(path, text));
        if (this.project) editor.load(this.project.files, this.file);
        editor.setDiagnostics(this.diagnostics);
        this.scope.signal.addEventListener('abort', () => editor.destroy());
        return editor;
      },
      (e: unknown) => {
        this.editor = null;
        this.projectError.show(`Could not load the editor: ${messageOf(e)}`);
        throw e;
      },
    );
    return this.editor;
  }

  private renderTabs(): void {
    const files = this.project?.files ?? [];
    replace(
      this.el.tabs,
      ...files.map((f) => {
        const selected = f.path === this.file;
        return h(
          'button',
          {
            type: 'button',
            role: 'tab',
            class: 'editor-tab',
            'aria-selected': String(selected),
            'aria-controls': 'editor-area',
            tabindex: selected ? 0 : -1,
            'data-editor-file': f.path,
            'data-readonly': f.readOnly ? '' : null,
            title: f.readOnly ? `${f.path} (read-only: the shared library)` : f.path,
            onclick: () => this.showFile(f.path),
          },
          f.path,
        );
      }),
    );
    const file = files.find((f) => f.path === this.file);
    this.el.readOnly.hidden = !file?.readOnly;
  }

  private showFile(path: string, focusTab = false): void {
    this.file = path;
    this.renderTabs();
    if (focusTab) this.el.tabs.querySelector<HTMLElement>('[aria-selected="true"]')?.focus();
    void this.editor?.then((ed) => ed.show(path));
  }

  // Arrow keys, Home and End move between the file tabs, as in any tab list.
  private tabKey(ev: KeyboardEvent): void {
    const files = this.project?.files ?? [];
    const i = files.findIndex((f) => f.path === this.file);
    const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: files.length - 1 }[ev.key];
    if (to === undefined || !files.length) return;
    ev.preventDefault();
    this.showFile(files[(to + files.length) % files.length].path, true);
  }

  private edited(path: string, text: string): void {
    const project = this.project;
    const file = project?.files.find((f) => f.path === path);
    if (!project || !file || file.readOnly) return;
    file.text = text;
    this.unsaved = true;
    this.setStatus('Editing…');
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.save(), SAVE_AFTER_MS);
  }

  /** Saves the project shown, if it was edited since it was last saved. */
  private async save(): Promise<void> {
    clearTimeout(this.saveTimer);
    const project = this.project;
    if (!this.unsaved || !project) return;
    this.unsaved = false;
    try {
      await this.model.eeplay.projects.save(project);
      this.setStatus('Saved in this browser.');
    } catch (e) {
      this.unsaved = true;
      this.setStatus(`Not saved: ${messageOf(e)}`);
    }
  }

  private setStatus(text: string): void {
    this.el.status.textContent = text;
  }

  private showDiagnostics(diagnostics: Diagnostic[]): void {
    this.diagnostics = diagnostics;
    const inProject = (file: string) => !!this.project?.files.some((f) => f.path === file);
    replace(
      this.el.diagnostics,
      ...diagnosticItems(diagnostics, inProject, (d) => {
        this.showFile(d.file);
        void this.loadEditor().then((ed) => ed.goTo(d.file, d.line, d.column));
      }),
    );
    void this.editor?.then((ed) => ed.setDiagnostics(diagnostics));
  }

  // ---- Deploy, run, test ----

  /** Compiles the project's files as they are now; resolves to the wasm and the files it was built from, or null after showing why it failed. */
  private async compile(project: Project): Promise<{ wasm: Uint8Array; files: ProjectFile[] } | null> {
    await this.save();
    const files = project.files.map((f) => ({ ...f }));
    this.setStatus(`Compiling ${project.entry}…`);
    const result = await this.model.eeplay
      .compile({
        language: project.language,
        files: Object.fromEntries(files.map((f) => [f.path, f.text])),
        entry: project.entry,
      })
      .catch((e: unknown) => {
        // Stopped past its time limit, or its worker died: the caller shows why.
        this.setStatus(`The compile of ${project.entry} did not finish.`);
        throw e;
      });
    this.showDiagnostics(result.diagnostics);
    const summary = diagnosticSummary(result.diagnostics);
    if (!result.wasm) {
      this.setStatus(`The compile failed${summary ? ` with ${summary}` : ''}.`);
      this.error.show(`${project.entry} did not compile${summary ? ` (${summary}, listed under the editor)` : ''}: nothing was deployed or run.`);
      return null;
    }
    this.setStatus(`Compiled ${project.entry} in ${Math.round(result.ms).toLocaleString('en-US')} ms: ${plural(result.wasm.length, 'byte')}${summary ? `, ${summary}` : ''}.`);
    return { wasm: result.wasm, files };
  }

  /** Deploy (and, with run, Deploy and run): validate, compile, create the EE, record the build; then run a block with the data. */
  private async deploy(run: boolean): Promise<void> {
    this.error.clear();
    const project = this.project;
    if (!project) return;
    let data: Uint8Array | undefined;
    const shardIndex = Number(this.el.shard.value);
    if (run) {
      const shards = this.model.limits.shardCount;
      if (this.el.shard.value.trim() === '' || !Number.isInteger(shardIndex) || shardIndex < 0 || shardIndex >= shards) {
        this.error.show(`The shard must be a whole number from 0 to ${shards - 1}.`);
        this.el.shard.focus();
        return;
      }
      try {
        data = parseRunData(this.el.data.value, this.el.mode.value as DataMode).bytes;
      } catch (e) {
        this.error.show(`The data to run: ${messageOf(e)}.`);
        this.el.data.focus();
        return;
      }
    }
    try {
      const built = await this.compile(project);
      if (!built) return;
      const eeIndex = await this.model.eeplay.createExecutionEnvironment({ wasmCode: built.wasm });
      // The project as it is now (edited while it compiled, perhaps), with the build of the files compiled.
      const now = this.projects.find((p) => p.id === project.id) ?? project;
      const { project: recorded, build } = withBuild(now, eeIndex, built.files);
      const name = buildName(recorded.name, build.version);
      setName(built.wasm, name, eeIndex);
      await this.replaceProject(recorded);
      await this.model.setDeployed(eeIndex);
      this.setStatus(`Deployed ${this.model.label(eeIndex)}.`);
      this.el.live.textContent = `Deployed ${name} as EE ${eeIndex}.`;
      if (run && data) await this.run(eeIndex, shardIndex, data);
    } catch (e) {
      if (!isCancelled(e)) this.error.show(`Could not deploy ${project.name}: ${messageOf(e)}`);
    }
  }

  private async run(eeIndex: number, shardIndex: number, data: Uint8Array): Promise<void> {
    const transactions = [{ eeIndex, data }];
    let blockIndex: number;
    try {
      blockIndex = await this.progress.run((follow) => this.model.eeplay.createShardBlock({ shardIndex, transactions, ...follow }));
    } catch (e) {
      if (isCancelled(e)) return;
      this.error.show(`The block was rejected and nothing changed: ${messageOf(e)}`);
      const failed = (e as BlockRejectedError).transaction;
      replace(
        this.el.receipt,
        h('h3', null, `Rejected on shard ${shardIndex}`),
        failed
          ? renderBlock({ transactions: [{ eeIndex: failed.eeIndex, data }], receipts: [failed.receipt] }, this.model, failed.index)
          : h('p', { class: 'kit-muted' }, 'The block was rejected before its transaction ran.'),
      );
      return;
    }
    const block = await this.model.getBlock(shardIndex, blockIndex);
    replace(
      this.el.receipt,
      h('h3', { 'data-editor-receipt-title': true }, `Receipt: block ${blockIndex} on shard ${shardIndex}`),
      renderBlock(block, this.model, 0, inspectControls(this.model.eeplay, shardIndex, blockIndex)),
    );
    this.el.live.textContent = `${this.model.label(eeIndex)} ran on shard ${shardIndex} as block ${blockIndex}.`;
  }

  /** Test: compiles the project and runs each of its Scout tests (*.yaml) on the build, in a scratch simulation. */
  private async test(): Promise<void> {
    this.error.clear();
    const project = this.project;
    if (!project) return;
    const tests = project.files.filter((f) => /\.ya?ml$/i.test(f.path));
    if (!tests.length) {
      this.error.show('This project has no Scout test: add a .yaml file to test it.');
      return;
    }
    replace(this.el.tests);
    try {
      const built = await this.compile(project);
      if (!built) return;
      const results: HTMLElement[] = [];
      let passed = 0;
      await this.progress.run(async ({ signal }) => {
        for (const t of tests) {
          const name = lastElement(t.path);
          const scripts = scriptNames(t.text);
          if (!scripts.length) {
            results.push(testError(name, `${t.path} lists no beacon_state.execution_scripts: name the build (say, ${project.entry.replace(/^.*\/|\.\w+$/g, '')}.wasm) there.`));
            continue;
          }
          try {
            const result = await this.model.eeplay.runScoutTest({
              yaml: t.text,
              files: Object.fromEntries(scripts.map((s) => [s, built.wasm])),
              scratch: true,
              onBlock: (block, blocks) => this.progress.step(`${name} · Block ${block + 1} of ${blocks}`, block, blocks),
              signal,
            });
            if (result.passed) passed++;
            results.push(testResult(name, result));
          } catch (e) {
            if (isCancelled(e)) throw e;
            results.push(testError(name, messageOf(e)));
          }
        }
      });
      replace(this.el.tests, h('h3', { 'data-editor-tests-summary': true }, `Tests: ${passed} passed, ${tests.length - passed} failed`), ...results);
    } catch (e) {
      if (!isCancelled(e)) this.error.show(`Could not test ${project.name}: ${messageOf(e)}`);
    }
  }
}
