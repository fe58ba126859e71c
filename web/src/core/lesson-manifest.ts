// A lesson's lesson.json (docs/lessons.md), checked field by field: a
// leader writes it by hand and may drop it into a site without the build,
// so every mistake must say what is wrong and where.

import type { Language } from './api';

/** One Scout test of a step's check. */
export interface LessonCheckFile {
  /** The YAML file, relative to the lesson's folder. */
  yaml: string;
  /** 'reject': the test's last block must be rejected (docs/lessons.md). */
  expect: 'pass' | 'reject';
}

/** A step of a lesson, as lesson.json says it: files by path relative to the lesson's folder. */
export interface LessonStepManifest {
  title: string;
  text: string;
  hints: string[];
  language: Language;
  entry: string;
  /** Project path → file in the lesson's folder. */
  starter: Record<string, string>;
  solution: Record<string, string>;
  check: LessonCheckFile[];
  /** Wasm file name, as the YAML names it → file in the lesson's folder. */
  wasm: Record<string, string>;
}

/** A checked lesson.json. */
export interface LessonManifest {
  title: string;
  summary: string;
  library: string[];
  steps: LessonStepManifest[];
}

/** The library files a lesson may ask for: those of scripts/lib, which the build copies to lessons/lib/. */
export const lessonLibrary = ['eth2.ts', 'sha256.ts', 'ssz.ts'];

const lessonFields = ['title', 'summary', 'library', 'steps'];
const stepFields = ['title', 'text', 'hints', 'language', 'entry', 'starter', 'solution', 'check', 'wasm'];
const checkFields = ['yaml', 'expect'];

/**
 * parseLessonManifest checks the text of a lesson.json and returns the
 * lesson it describes. It throws an Error whose message names the field
 * at fault: `steps[0].language: "rust" is not a language: want …`.
 */
export function parseLessonManifest(text: string): LessonManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const lesson = object('the manifest', value, lessonFields);
  const library = optionalStrings('library', lesson.library);
  for (const [i, name] of library.entries()) {
    if (!lessonLibrary.includes(name)) throw new Error(`library[${i}]: "${name}" is not in the shared library: want one of ${lessonLibrary.join(', ')}`);
  }
  if (!Array.isArray(lesson.steps) || lesson.steps.length === 0) throw new Error('steps: want a list of at least one step');
  return {
    title: nonEmpty('title', lesson.title),
    summary: lesson.summary === undefined ? '' : string('summary', lesson.summary),
    library,
    steps: lesson.steps.map((step, i) => parseStep(`steps[${i}]`, step)),
  };
}

function parseStep(at: string, value: unknown): LessonStepManifest {
  const step = object(at, value, stepFields);
  const language = step.language;
  if (language !== 'assemblyscript' && language !== 'wat') {
    throw new Error(`${at}.language: ${JSON.stringify(language)} is not a language: want "assemblyscript" or "wat"`);
  }
  const starter = files(`${at}.starter`, step.starter, true);
  const solution = files(`${at}.solution`, step.solution, true);
  const entry = step.entry === undefined ? (language === 'wat' ? 'main.wat' : 'main.ts') : nonEmpty(`${at}.entry`, step.entry);
  for (const [field, project] of [['starter', starter], ['solution', solution]] as const) {
    if (!(entry in project)) throw new Error(`${at}.${field}: no file "${entry}", the entry: name it, or set entry`);
    for (const path of Object.keys(project)) {
      if (!isRelativePath(path) || path.startsWith('lib/')) {
        throw new Error(`${at}.${field}: "${path}" is not a project path: want a relative path with / and no . or .., outside lib/, which is the library's`);
      }
    }
  }
  if (!Array.isArray(step.check) || step.check.length === 0) throw new Error(`${at}.check: want a list of at least one test`);
  return {
    title: nonEmpty(`${at}.title`, step.title),
    text: filePath(`${at}.text`, step.text),
    hints: optionalStrings(`${at}.hints`, step.hints),
    language,
    entry,
    starter,
    solution,
    check: step.check.map((c, j) => parseCheck(`${at}.check[${j}]`, c)),
    wasm: step.wasm === undefined ? {} : files(`${at}.wasm`, step.wasm, false),
  };
}

function parseCheck(at: string, value: unknown): LessonCheckFile {
  const check = object(at, value, checkFields);
  const expect = check.expect ?? 'pass';
  if (expect !== 'pass' && expect !== 'reject') throw new Error(`${at}.expect: ${JSON.stringify(expect)}: want "pass" or "reject"`);
  return { yaml: filePath(`${at}.yaml`, check.yaml), expect };
}

/** object checks that value is an object with only the given fields. */
function object(at: string, value: unknown, fields: string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${at}: want an object`);
  for (const key of Object.keys(value)) {
    if (!fields.includes(key)) {
      const where = at === 'the manifest' ? '' : `${at}: `;
      throw new Error(`${where}unknown field "${key}": want ${fields.join(', ')}`);
    }
  }
  return value as Record<string, unknown>;
}

function string(at: string, value: unknown): string {
  if (typeof value !== 'string') throw new Error(`${at}: want a string`);
  return value;
}

function nonEmpty(at: string, value: unknown): string {
  if (string(at, value) === '') throw new Error(`${at}: want a string that is not empty`);
  return value as string;
}

function optionalStrings(at: string, value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new Error(`${at}: want a list of strings`);
  return value.map((v, i) => string(`${at}[${i}]`, v));
}

/** files checks a map of names to files in the lesson's folder. */
function files(at: string, value: unknown, required: boolean): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${at}: want an object of files`);
  const entries = Object.entries(value);
  if (required && entries.length === 0) throw new Error(`${at}: want at least one file`);
  return Object.fromEntries(entries.map(([name, file]) => [name, filePath(`${at}["${name}"]`, file)]));
}

function filePath(at: string, value: unknown): string {
  const path = string(at, value);
  if (!isRelativePath(path)) throw new Error(`${at}: "${path}" is not a path inside the lesson's folder: want a relative path with / and no . or ..`);
  return path;
}

function isRelativePath(path: string): boolean {
  return path !== '' && !path.startsWith('/') && !path.includes('\\') && path.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}
