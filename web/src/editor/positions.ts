// Where a compiler's Diagnostic (1-based line and column) lies in an
// editor's document (0-based offsets), as @codemirror/lint wants it.

/** The lines of a document as CodeMirror's Text gives them. */
export interface Lines {
  readonly lines: number;
  line(n: number): { from: number; to: number; text: string };
}

/**
 * The range a diagnostic at line:column marks: the word (or the one
 * character) that starts there. A place past the end is clamped to the
 * document, so a diagnostic at the end of the file is still shown.
 */
export function diagnosticRange(doc: Lines, line: number, column: number): { from: number; to: number } {
  const l = doc.line(Math.min(Math.max(1, Math.trunc(line) || 1), doc.lines));
  const start = Math.min(Math.max(0, (Math.trunc(column) || 1) - 1), l.text.length);
  const word = /^[\w$]+/.exec(l.text.slice(start));
  const length = word ? word[0].length : Math.min(1, l.text.length - start);
  return { from: l.from + start, to: l.from + start + length };
}
