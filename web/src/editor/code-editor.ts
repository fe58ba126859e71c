// The code editor: CodeMirror 6, in a module of its own that the Code
// panel imports the first time it is needed, so the first page load does
// not carry it. One EditorView shows one EditorState per file, each built
// from the same composed extensions: the language (through a Compartment),
// read-only for the shared library, and an update listener that reports
// edits. Compile diagnostics go through @codemirror/lint's setDiagnostics.
//
// Tab is left to the browser, so it moves focus out of the editor as
// everywhere else on the page (CodeMirror's indentWithTab is not bound);
// Ctrl-] and Ctrl-[ (Cmd on a Mac) indent and dedent.

import { syntaxHighlighting } from '@codemirror/language';
import { javascript } from '@codemirror/lang-javascript';
import { wast } from '@codemirror/lang-wast';
import { lintGutter, setDiagnostics, type Diagnostic as LintDiagnostic } from '@codemirror/lint';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { classHighlighter } from '@lezer/highlight';
import { basicSetup } from 'codemirror';
import type { Diagnostic, ProjectFile } from '../core/api';
import { diagnosticRange } from './positions';

/** The language of a file, by its extension: TypeScript for AssemblyScript, WAT, or plain text (a Scout test's YAML). */
function languageOf(path: string): Extension {
  if (/\.ts$/i.test(path)) return javascript({ typescript: true });
  if (/\.wat$/i.test(path)) return wast();
  return [];
}

export class CodeEditor {
  private readonly view: EditorView;
  private readonly language = new Compartment();
  /** Every file's state; the shown file's is the view's. */
  private readonly states = new Map<string, EditorState>();
  private shown = '';

  /** parent: where the editor goes; onEdit: called after each change to a file's text. */
  constructor(
    parent: HTMLElement,
    private readonly onEdit: (path: string, text: string) => void,
  ) {
    this.view = new EditorView({ parent });
  }

  /** The path of the file shown. */
  get current(): string {
    return this.shown;
  }

  /** Replaces the files with files (a project's), showing open. */
  load(files: readonly ProjectFile[], open: string): void {
    this.states.clear();
    for (const f of files) this.states.set(f.path, this.stateOf(f));
    this.shown = '';
    this.show(open);
  }

  /** Shows the file at path (keeping the others' text, selection and undo history). */
  show(path: string): void {
    const state = this.states.get(path);
    if (!state || path === this.shown) return;
    if (this.shown) this.states.set(this.shown, this.view.state);
    this.shown = path;
    this.view.setState(state);
  }

  /** Shows diagnostics in every file they name; files they do not name are cleared. */
  setDiagnostics(diagnostics: readonly Diagnostic[]): void {
    if (this.shown) this.states.set(this.shown, this.view.state);
    for (const [path, state] of this.states) {
      const spec = setDiagnostics(state, lintDiagnostics(state, diagnostics.filter((d) => d.file === path)));
      if (path === this.shown) this.view.dispatch(spec);
      else this.states.set(path, state.update(spec).state);
    }
  }

  /** Shows path with the cursor at line:column (1-based), scrolled into view, and focuses the editor. */
  goTo(path: string, line: number, column: number): void {
    this.show(path);
    if (path !== this.shown) return;
    const { from } = diagnosticRange(this.view.state.doc, line, column);
    this.view.dispatch({ selection: { anchor: from }, effects: EditorView.scrollIntoView(from, { y: 'center' }) });
    this.view.focus();
  }

  focus(): void {
    this.view.focus();
  }

  destroy(): void {
    this.view.destroy();
  }

  private stateOf(file: ProjectFile): EditorState {
    const { path } = file;
    return EditorState.create({
      doc: file.text,
      extensions: [
        basicSetup,
        lintGutter(),
        // CSS classes (tok-*), coloured in editor.css from the page's tokens, light and dark.
        syntaxHighlighting(classHighlighter),
        this.language.of(languageOf(path)),
        EditorState.readOnly.of(!!file.readOnly),
        EditorView.contentAttributes.of({
          'aria-label': `${path}${file.readOnly ? ' (read-only)' : ''}`,
          'aria-readonly': String(!!file.readOnly),
          'data-editor-content': path,
          // Already in the tab order as contenteditable; said outright so checkers (axe) see the scroller holds focusable content.
          tabindex: '0',
        }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) this.onEdit(path, u.state.doc.toString());
        }),
      ],
    });
  }
}

function lintDiagnostics(state: EditorState, diagnostics: readonly Diagnostic[]): LintDiagnostic[] {
  return diagnostics.map((d) => ({ ...diagnosticRange(state.doc, d.line, d.column), severity: d.severity, message: d.message, source: `${d.line}:${d.column}` }));
}
