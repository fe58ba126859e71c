// eeplay.lessons: reads lessons (docs/lessons.md) relative to the page,
// and checks a step by compiling it and running its Scout tests in a
// scratch simulation, so that the page's own simulation is never touched.

import type {
  CompileInput,
  CompileResult,
  Lesson,
  LessonCheckResult,
  LessonListing,
  LessonProgress,
  LessonStep,
  LessonStepVerification,
  LessonTestResult,
  LessonsApi,
  ScoutResult,
  ScoutTestInput,
} from './api';
import { parseLessonManifest } from './lesson-manifest';
import { asLessonProgress, type OperationStore } from './store';

/** The script name by which a check's YAML names the attendee's EE. */
export const lessonEE = 'ee.wasm';

/** What the lessons need of the eeplay object. */
export interface LessonsDeps {
  compile(input: CompileInput): Promise<CompileResult>;
  runScoutTest(input: ScoutTestInput): Promise<ScoutResult>;
  /** The page's URL, which lessons/ is relative to. */
  base(): string;
  /** Where the attendees' progress is kept. */
  readonly store: Promise<Pick<OperationStore, 'loadLessonProgress' | 'saveLessonProgress'>>;
}

// A lesson's name as the index lists it: a folder name, no path.
const lessonName = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export class Lessons implements LessonsApi {
  constructor(private readonly deps: LessonsDeps) {}

  async list(): Promise<LessonListing[]> {
    const url = new URL('lessons/index.json', this.deps.base());
    const index: unknown = JSON.parse(await fetchText(url, 'lessons/index.json'));
    if (!Array.isArray(index)) throw new Error('lessons/index.json: want a list of lessons');
    return index as LessonListing[];
  }

  async load(nameOrUrl: string): Promise<Lesson> {
    const base = this.deps.base();
    const isName = lessonName.test(nameOrUrl) && !nameOrUrl.endsWith('.json');
    const url = new URL(isName ? `lessons/${nameOrUrl}/lesson.json` : nameOrUrl, base);
    if (url.origin !== new URL(base).origin) {
      throw new Error(`lesson ${nameOrUrl}: ${url.origin} is not this page's host, ${new URL(base).origin}: a lesson must be on the same host, as its text and code run in this page`);
    }
    const where = `lesson ${isName ? nameOrUrl : url.href}`;
    const text = (file: string) => fetchText(new URL(file, url), file).catch((error) => Promise.reject(new Error(`${where}: ${message(error)}`)));
    const manifestText = await text('lesson.json');
    let manifest;
    try {
      manifest = parseLessonManifest(manifestText);
    } catch (error) {
      throw new Error(`${where}: lesson.json: ${message(error)}`);
    }
    const bytes = async (file: string) => {
      const response = await fetch(new URL(file, url)).catch((error) => Promise.reject(new Error(`${where}: ${file}: ${message(error)}`)));
      // The status alone: its text is each server's own words.
      if (!response.ok) throw new Error(`${where}: ${file}: HTTP ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    };
    const texts = async (files: Record<string, string>) =>
      Object.fromEntries(await Promise.all(Object.entries(files).map(async ([path, file]) => [path, await text(file)] as const)));

    const library = Object.fromEntries(
      await Promise.all(
        manifest.library.map(async (name) => [`lib/${name}`, await fetchText(new URL(`lessons/lib/${name}`, base), `lessons/lib/${name}`)] as const),
      ),
    );
    const steps: LessonStep[] = await Promise.all(
      manifest.steps.map(async (step) => ({
        title: step.title,
        text: await text(step.text),
        hints: step.hints,
        language: step.language,
        entry: step.entry,
        starter: await texts(step.starter),
        solution: await texts(step.solution),
        check: await Promise.all(step.check.map(async (c) => ({ yaml: c.yaml, expect: c.expect, text: await text(c.yaml) }))),
        wasm: Object.fromEntries(await Promise.all(Object.entries(step.wasm).map(async ([name, file]) => [name, await bytes(file)] as const))),
      })),
    );
    return { name: isName ? nameOrUrl : '', url: url.href, title: manifest.title, summary: manifest.summary, library, steps };
  }

  async check(lesson: Lesson, stepIndex: number, files: Record<string, string>): Promise<LessonCheckResult> {
    const step = lesson.steps[stepIndex];
    if (!step) throw new Error(`lessons.check: lesson "${lesson.title}" has no step ${stepIndex}: it has ${lesson.steps.length}`);
    const compiled = await this.deps.compile({ language: step.language, files: { ...files, ...lesson.library }, entry: step.entry });
    if (!compiled.wasm) return { passed: false, compileDiagnostics: compiled.diagnostics, tests: [] };
    const tests: LessonTestResult[] = [];
    for (const check of step.check) {
      let total = 0;
      const onBlock = (_: number, blocks: number) => (total = blocks);
      const result = await this.deps.runScoutTest({ yaml: check.text, files: { ...step.wasm, [lessonEE]: compiled.wasm }, scratch: true, onBlock });
      const msg = judge(result, check.expect, total);
      tests.push({ ...result, yaml: check.yaml, expect: check.expect, passed: msg === '', message: msg });
    }
    return { passed: tests.every((t) => t.passed), tests };
  }

  async progress(url: string): Promise<LessonProgress> {
    return (await (await this.deps.store).loadLessonProgress(url)) ?? { step: 0, passed: [], projects: {} };
  }

  async saveProgress(url: string, progress: LessonProgress): Promise<void> {
    const checked = asLessonProgress(progress);
    if (typeof url !== 'string' || url === '' || !checked) {
      throw new Error(`lessons.saveProgress: want (url, {step, passed, projects}): the lesson's URL, the step open (an index from 0), the steps passed (indices) and each step's project id by step index; nothing was kept`);
    }
    await (await this.deps.store).saveLessonProgress(url, checked);
  }

  async verify(nameOrUrl: string): Promise<LessonStepVerification[]> {
    const lesson = await this.load(nameOrUrl);
    const steps: LessonStepVerification[] = [];
    for (const [i, step] of lesson.steps.entries()) {
      const messages: string[] = [];
      const solution = await this.check(lesson, i, step.solution);
      messages.push(...problems('solution', solution));
      const starter = await this.check(lesson, i, step.starter);
      if (starter.compileDiagnostics) messages.push(...problems('starter', starter));
      else if (starter.passed) messages.push('starter: passes the check: the exercise is already solved');
      steps.push({ step: i, title: step.title, solutionPassed: solution.passed, starterFailed: !starter.passed && !starter.compileDiagnostics, messages });
    }
    return steps;
  }
}

/**
 * judge says what is wrong with a test's result for what the check
 * expects, "" when nothing is: for 'reject', the last of its total blocks
 * must be rejected (a run ends at its first rejected block) and the
 * states as expected, those the blocks before it left.
 */
export function judge(result: ScoutResult, expect: 'pass' | 'reject', total: number): string {
  const rejected = result.blocks.findIndex((b) => b.error !== undefined);
  const differences = [...result.stateDifferences, ...(result.depositDifferences ?? [])].join('; ');
  if (expect === 'pass') {
    if (rejected >= 0) return `shard_blocks[${rejected}] was rejected: ${result.blocks[rejected].error}`;
    return differences;
  }
  if (rejected < 0) return `shard_blocks[${total - 1}] was accepted: the check expects it rejected, as its transaction is invalid`;
  if (rejected !== total - 1) return `shard_blocks[${rejected}] was rejected: ${result.blocks[rejected].error}`;
  return differences;
}

/** problems are the lines of verify's messages for a check of who's files that did not pass. */
function problems(who: 'solution' | 'starter', result: LessonCheckResult): string[] {
  if (result.compileDiagnostics) {
    return result.compileDiagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => `${who}: does not compile: ${d.file}:${d.line}:${d.column}: ${d.message}`);
  }
  return result.tests.filter((t) => !t.passed).map((t) => `${who}: ${t.yaml}: ${t.message}`);
}

async function fetchText(url: URL, name: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new Error(`${name}: ${message(error)}`);
  }
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
  return response.text();
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
