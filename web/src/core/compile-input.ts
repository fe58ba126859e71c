// Checks what eeplay.compile is given before any compiler is fetched: input
// that is not a compile (an unknown language, an entry that is not among the
// files) rejects with a message, so that only compile errors reach the
// worker, and come back as diagnostics.
import type { CompileInput, Language } from './api';
import { DEFAULT_COMPILE_TIME_LIMIT, badTimeLimit, isTimeLimit } from './time-limit';

/** A compile the worker can start: the language's source files only, and the one to compile. */
export interface CheckedCompile {
  language: Language;
  files: Record<string, string>;
  entry: string;
  /** In seconds, given or the default. */
  timeLimit: number;
}

/** What each language compiles: its name in messages (with its article), and the end of its files' names. */
const languages: Record<Language, { name: string; aName: string; extension: string }> = {
  assemblyscript: { name: 'AssemblyScript', aName: 'an AssemblyScript', extension: '.ts' },
  wat: { name: 'WAT', aName: 'a WAT', extension: '.wat' },
};

/** Returns input as the worker takes it, or throws an Error saying what is wrong with it. */
export function checkCompileInput(input: unknown): CheckedCompile {
  if (typeof input !== 'object' || input === null) {
    throw new Error(`compile: expected {language, files, entry?}, found ${describe(input)}`);
  }
  const { language, files, entry, timeLimit = DEFAULT_COMPILE_TIME_LIMIT } = input as Partial<CompileInput>;
  if (typeof language !== 'string' || !Object.hasOwn(languages, language)) {
    throw new Error(`compile: unknown language ${describe(language)}: expected "assemblyscript" or "wat"`);
  }
  if (typeof files !== 'object' || files === null || Array.isArray(files)) {
    throw new Error(`compile: files must map each path to its text, found ${describe(files)}`);
  }
  for (const [path, text] of Object.entries(files)) {
    if (typeof text !== 'string') {
      throw new Error(`compile: files must map each path to its text: ${JSON.stringify(path)} is ${describe(text)}`);
    }
  }
  if (!isTimeLimit(timeLimit)) throw new Error(`compile: ${badTimeLimit(timeLimit, typeof timeLimit === 'number' ? String(timeLimit) : describe(timeLimit))}`);
  const kind = languages[language];
  const { name, extension } = kind;
  const sources: Record<string, string> = {};
  for (const [path, text] of Object.entries(files)) {
    if (path.endsWith(extension)) sources[path] = text;
  }
  const paths = Object.keys(sources);
  if (paths.length === 0) {
    const found = Object.keys(files).length === 0 ? 'no files' : `only ${quoteList(Object.keys(files))}`;
    throw new Error(`compile: no ${name} source file (*${extension}) among the files: found ${found}`);
  }
  return { language, files: sources, entry: chooseEntry(entry, files, paths, kind), timeLimit };
}

/** The entry given, checked, or the one to take when none is given (see CompileInput.entry). */
function chooseEntry(entry: unknown, files: Record<string, string>, sources: string[], kind: (typeof languages)[Language]): string {
  const { name, aName, extension } = kind;
  if (entry !== undefined) {
    if (typeof entry !== 'string') throw new Error(`compile: entry must be a path among the files, found ${describe(entry)}`);
    if (!Object.hasOwn(files, entry)) {
      throw new Error(`compile: entry ${JSON.stringify(entry)} is not among the files: expected one of ${quoteList(sources)}`);
    }
    if (!sources.includes(entry)) {
      throw new Error(`compile: entry ${JSON.stringify(entry)} is not ${aName} source file (*${extension}): expected one of ${quoteList(sources)}`);
    }
    return entry;
  }
  const main = `main${extension}`;
  if (sources.includes(main)) return main;
  if (sources.length === 1) return sources[0];
  throw new Error(`compile: no entry given and no ${main} among the ${sources.length} ${name} files (${quoteList(sources)}): name the entry`);
}

/** The paths, sorted and quoted, as a message lists them. */
function quoteList(paths: string[]): string {
  return [...paths]
    .sort()
    .map((p) => JSON.stringify(p))
    .join(', ');
}

/** A value as a message shows what was found. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'undefined':
      return 'none';
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}
