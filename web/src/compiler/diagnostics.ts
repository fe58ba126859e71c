// Turns what the compilers report into eeplay's Diagnostics: a file among
// the project's, a 1-based line and column, a severity. Whatever a compiler
// says, the result names at least one place, so that a failed compile is
// never a blank one.
import type { Diagnostic } from '../core/api';

/** The part of asc's DiagnosticMessage that a Diagnostic is made from. */
export interface AscMessage {
  /** asc's DiagnosticCategory: 0 pedantic, 1 info, 2 warning, 3 error. */
  category: number;
  message: string;
  range: { start: number; source: { normalizedPath: string } } | null;
}

/**
 * The Diagnostic for one of asc's messages. files are the compiled sources
 * by path; a message in a file that is not one of them (the standard
 * library's, ~lib/…) or in no file is put at the start of entry, naming
 * where asc placed it.
 */
export function fromAsc(message: AscMessage, files: Record<string, string>, entry: string): Diagnostic {
  const severity = message.category >= 3 ? 'error' : message.category === 2 ? 'warning' : 'info';
  const range = message.range;
  if (range && Object.hasOwn(files, range.source.normalizedPath)) {
    const file = range.source.normalizedPath;
    return { severity, file, ...lineAndColumn(files[file], range.start), message: message.message };
  }
  const where = range ? ` (in ${range.source.normalizedPath})` : '';
  return { severity, file: entry, line: 1, column: 1, message: message.message + where };
}

/** The 1-based line and column (in UTF-16 code units, as editors count) of offset in text. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const lineStart = before.lastIndexOf('\n') + 1;
  let line = 1;
  for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) line++;
  return { line, column: before.length - lineStart + 1 };
}

/** wabt's location of a problem, "FILE:LINE:COLUMN: error: TEXT", anywhere in a line. */
const wabtLocation = /:(\d+):(\d+): (error|warning): (.*)$/;

/**
 * The Diagnostics in the text of an error wabt threw, such as
 * "parseWat failed:\nmain.wat:4:5: error: unexpected token …", all in
 * entry: WAT has no imports between files, and wabt garbles the file name
 * it was given (it may append a stray byte). Text without a location
 * becomes one error at the start of entry.
 */
export function fromWabt(errorText: string, entry: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const line of errorText.split('\n')) {
    const m = wabtLocation.exec(line);
    if (!m) continue;
    diagnostics.push({
      severity: m[3] as 'error' | 'warning',
      file: entry,
      line: Number(m[1]),
      column: Number(m[2]),
      message: m[4],
    });
  }
  if (diagnostics.length > 0) return diagnostics;
  return [failure(entry, errorText)];
}

/** An error at the start of entry for a failure that names no place: what the compiler said, or that it said nothing. */
export function failure(entry: string, text: string): Diagnostic {
  const message = text.trim() || 'the compiler failed without saying why';
  return { severity: 'error', file: entry, line: 1, column: 1, message };
}
