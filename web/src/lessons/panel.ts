// The Lessons panel: the lessons the site ships (eeplay.lessons.list) or
// one opened by its address, a step at a time. A step's code lives in a
// project of its own, edited in the Code tab; Check compiles it and runs
// the step's Scout tests in a scratch simulation (eeplay.lessons.check).
// Which steps passed, and which project holds each step's code, is kept in
// this browser (eeplay.lessons.progress), so a reload comes back to them.

import type { Eeplay, Lesson, LessonProgress, Project, ProjectFile } from '../core/api';
import { InlineError, busy, find, findHooks, h, messageOf, plural, replace, type Hooks } from '../ui/dom';
import { checkResultNodes } from './check-result';
import { markdownNodes } from './markdown-view';
import './lessons.css';

/** What the panel needs of the Code tab. */
export interface LessonEditor {
  /** Opens project id, or a new one made of spec when there is no such project, with note above the editor; resolves to its id. */
  open(id: string | null, spec: Omit<Project, 'id' | 'builds'>, note: string): Promise<string>;
  /** Project id's files as last edited; null when it was deleted. */
  files(id: string): Promise<ProjectFile[] | null>;
  /** Replaces project id's files. */
  replaceFiles(id: string, files: ProjectFile[]): Promise<void>;
  /** Shows the Code tab. */
  show(): void;
}

/** The address parameter that opens a lesson: its name in the index, or the URL of its lesson.json. */
export const LESSON_PARAMETER = 'lesson';

const HOOKS = {
  home: 'lessons-home',
  list: 'lessons-list',
  urlForm: ['lessons-url-form', HTMLFormElement],
  url: ['lessons-url', HTMLInputElement],
  lesson: 'lesson',
  back: ['lesson-back', HTMLButtonElement],
  title: 'lesson-title',
  summary: 'lesson-summary',
  steps: 'lesson-steps',
  stepTitle: 'lesson-step-title',
  text: 'lesson-text',
  hints: 'lesson-hints',
  hintList: 'lesson-hint-list',
  hint: ['lesson-hint', HTMLButtonElement],
  edit: ['lesson-edit', HTMLButtonElement],
  check: ['lesson-check', HTMLButtonElement],
  solution: ['lesson-solution', HTMLButtonElement],
  solutionConfirm: 'lesson-solution-confirm',
  solutionYes: ['lesson-solution-yes', HTMLButtonElement],
  solutionCancel: ['lesson-solution-cancel', HTMLButtonElement],
  status: 'lesson-status',
  result: 'lesson-result',
  previous: ['lesson-previous', HTMLButtonElement],
  next: ['lesson-next', HTMLButtonElement],
} as const;

export class LessonsPanel {
  private readonly el: Hooks<typeof HOOKS>;
  private readonly listError: InlineError;
  private readonly error: InlineError;
  private lesson: Lesson | null = null;
  private progress: LessonProgress = emptyProgress();
  private step = 0;
  /** How many of the step's hints are shown. */
  private hintsShown = 0;

  constructor(
    root: HTMLElement,
    private readonly eeplay: Eeplay,
    private readonly editor: LessonEditor,
  ) {
    const el = (this.el = findHooks(root, HOOKS));
    this.listError = new InlineError(find(root, 'lessons-error'));
    this.error = new InlineError(find(root, 'lesson-error'));
    el.urlForm.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const url = el.url.value.trim();
      if (url) void this.open(url);
    });
    el.back.addEventListener('click', () => this.home());
    el.hint.addEventListener('click', () => this.showHint());
    el.edit.addEventListener('click', () => void busy(el.edit, 'Opening…', () => this.edit(true)));
    el.check.addEventListener('click', () => void busy(el.check, 'Checking…', () => this.check()));
    el.solution.addEventListener('click', () => this.confirmSolution(el.solution.getAttribute('aria-expanded') !== 'true'));
    el.solutionCancel.addEventListener('click', () => this.confirmSolution(false));
    el.solutionYes.addEventListener('click', () => void busy(el.solutionYes, 'Replacing…', () => this.showSolution()));
    el.previous.addEventListener('click', () => void this.goTo(this.step - 1));
    el.next.addEventListener('click', () => void this.goTo(this.step + 1));
  }

  /** Lists the shipped lessons, and opens the one the address names, if any. */
  async start(): Promise<void> {
    const asked = new URLSearchParams(location.search).get(LESSON_PARAMETER);
    await Promise.all([this.list(), asked ? this.open(asked) : null]);
  }

  private async list(): Promise<void> {
    this.listError.clear();
    try {
      const lessons = await this.eeplay.lessons.list();
      const progress = await Promise.all(lessons.map((l) => this.eeplay.lessons.progress(l.url)));
      replace(
        this.el.list,
        ...lessons.map((l, i) =>
          h(
            'li',
            { class: 'lessons-item', 'data-lessons-item': l.name },
            h('h3', null, l.title),
            l.summary ? h('p', null, l.summary) : null,
            h('p', { class: 'kit-muted' }, `${plural(l.steps, 'step')} · ${progress[i].passed.length} passed`),
            h('button', { type: 'button', class: 'kit-primary', 'aria-label': `Open the lesson “${l.title}”`, onclick: () => void this.open(l.name) }, 'Open'),
          ),
        ),
      );
    } catch (e) {
      this.listError.show(`Could not list the lessons: ${messageOf(e)}`);
    }
  }

  /** Opens a lesson by its name in the index or its lesson.json's address, at the step last open. */
  async open(nameOrUrl: string): Promise<void> {
    this.listError.clear();
    let lesson: Lesson;
    let progress: LessonProgress;
    try {
      lesson = await this.eeplay.lessons.load(nameOrUrl);
      progress = await this.eeplay.lessons.progress(lesson.url);
    } catch (e) {
      this.listError.show(`Could not open the lesson ${nameOrUrl}: ${messageOf(e)}`);
      return;
    }
    this.lesson = lesson;
    this.progress = progress;
    setLessonInAddress(nameOrUrl);
    this.el.home.hidden = true;
    this.el.lesson.hidden = false;
    this.el.title.textContent = lesson.title;
    this.el.summary.textContent = lesson.summary;
    await this.goTo(Math.min(progress.step, lesson.steps.length - 1), false);
  }

  private home(): void {
    this.lesson = null;
    setLessonInAddress(null);
    this.el.lesson.hidden = true;
    this.el.home.hidden = false;
    void this.list();
  }

  // goTo shows step index; focus moves to its title when a control asked.
  private async goTo(index: number, focus = true): Promise<void> {
    const lesson = this.lesson;
    if (!lesson || index < 0 || index >= lesson.steps.length) return;
    this.step = index;
    this.hintsShown = 0;
    this.error.clear();
    this.confirmSolution(false);
    replace(this.el.result);
    this.el.status.textContent = '';
    const step = lesson.steps[index];
    this.el.stepTitle.textContent = `Step ${index + 1} of ${lesson.steps.length}: ${step.title}`;
    replace(this.el.text, ...markdownNodes(step.text));
    replace(this.el.hintList);
    this.el.hints.hidden = step.hints.length === 0;
    this.renderHintButton();
    this.renderSteps();
    this.el.previous.disabled = index === 0;
    this.el.next.disabled = index === lesson.steps.length - 1;
    if (focus) this.el.stepTitle.focus();
    if (this.progress.step !== index) {
      this.progress.step = index;
      await this.saveProgress();
    }
  }

  private renderSteps(): void {
    const lesson = this.lesson!;
    replace(
      this.el.steps,
      ...lesson.steps.map((s, i) => {
        const passed = this.progress.passed.includes(i);
        return h(
          'li',
          { 'data-lesson-step': i, 'data-passed': passed ? '' : null },
          h(
            'button',
            { type: 'button', 'aria-current': i === this.step ? 'step' : null, onclick: () => void this.goTo(i) },
            h('span', { class: 'lesson-step-mark', 'aria-hidden': 'true' }, passed ? '✓' : String(i + 1)),
            ` ${s.title}`,
            passed ? h('span', { class: 'kit-sr-only' }, ' (passed)') : null,
          ),
        );
      }),
    );
  }

  private showHint(): void {
    const hints = this.lesson!.steps[this.step].hints;
    if (this.hintsShown >= hints.length) return;
    this.el.hintList.appendChild(h('li', { tabindex: -1 }, ...markdownNodes(hints[this.hintsShown])));
    this.hintsShown++;
    this.renderHintButton();
    (this.el.hintList.lastElementChild as HTMLElement).focus();
  }

  private renderHintButton(): void {
    const total = this.lesson!.steps[this.step].hints.length;
    this.el.hint.hidden = this.hintsShown >= total;
    this.el.hint.textContent = this.hintsShown === 0 ? `Show a hint (${total})` : `Show another hint (${total - this.hintsShown} left)`;
  }

  // edit opens the step's project in the Code tab, made from the starter
  // the first time; with show, the Code tab comes to the front. Resolves
  // to the project's id.
  private async edit(show: boolean): Promise<string> {
    const lesson = this.lesson!;
    const index = this.step;
    const step = lesson.steps[index];
    const note = `Lesson “${lesson.title}”, step ${index + 1}: ${step.title}. Check your code in the Lessons tab.`;
    const id = await this.editor.open(this.progress.projects[index] ?? null, projectSpec(lesson, index, step.starter), note);
    if (this.progress.projects[index] !== id) {
      this.progress.projects[index] = id;
      await this.saveProgress();
    }
    if (show) this.editor.show();
    return id;
  }

  private async check(): Promise<void> {
    const lesson = this.lesson!;
    const index = this.step;
    this.error.clear();
    replace(this.el.result);
    this.el.status.textContent = 'Compiling and running the tests…';
    try {
      const files = await this.editor.files(await this.edit(false));
      if (!files) throw new Error('the step’s project was deleted: Edit the code starts it again');
      const result = await this.eeplay.lessons.check(lesson, index, ownFiles(files));
      if (this.lesson !== lesson || this.step !== index) return;
      replace(this.el.result, ...checkResultNodes(result));
      this.el.status.textContent = result.passed ? 'Passed.' : 'Not yet: see what to look at below.';
      if (result.passed && !this.progress.passed.includes(index)) {
        this.progress.passed = [...this.progress.passed, index].sort((a, b) => a - b);
        await this.saveProgress();
        this.renderSteps();
      }
    } catch (e) {
      this.el.status.textContent = '';
      this.error.show(`Check: ${messageOf(e)}`);
    }
  }

  private confirmSolution(show: boolean): void {
    this.el.solutionConfirm.hidden = !show;
    this.el.solution.setAttribute('aria-expanded', String(show));
    if (show) this.el.solutionYes.focus();
  }

  private async showSolution(): Promise<void> {
    const lesson = this.lesson!;
    try {
      const id = await this.edit(false);
      await this.editor.replaceFiles(id, projectSpec(lesson, this.step, lesson.steps[this.step].solution).files);
      this.confirmSolution(false);
      this.el.status.textContent = 'The solution is in the Code tab, in place of your code.';
      this.editor.show();
    } catch (e) {
      this.error.show(`Show solution: ${messageOf(e)}`);
    }
  }

  private async saveProgress(): Promise<void> {
    try {
      await this.eeplay.lessons.saveProgress(this.lesson!.url, this.progress);
    } catch (e) {
      this.error.show(`Your progress in this lesson could not be kept in this browser: ${messageOf(e)}`);
    }
  }
}

function emptyProgress(): LessonProgress {
  return { step: 0, passed: [], projects: {} };
}

/** The project of step index of lesson with files (project path → text), the lesson's library read-only after them. */
function projectSpec(lesson: Lesson, index: number, files: Record<string, string>): Omit<Project, 'id' | 'builds'> {
  const step = lesson.steps[index];
  return {
    name: `${lesson.title} · step ${index + 1}`.slice(0, 200),
    language: step.language,
    entry: step.entry,
    files: [
      ...Object.entries(files).map(([path, text]) => ({ path, text })),
      ...Object.entries(lesson.library).map(([path, text]) => ({ path, text, readOnly: true })),
    ],
  };
}

/** The attendee's files, without the library the lesson adds itself. */
function ownFiles(files: ProjectFile[]): Record<string, string> {
  return Object.fromEntries(files.filter((f) => !f.readOnly).map((f) => [f.path, f.text]));
}

/** Puts ?lesson= in the address (none: takes it out), so that a reload opens the same lesson; the rest of the address stays. */
function setLessonInAddress(nameOrUrl: string | null): void {
  const url = new URL(location.href);
  if (nameOrUrl === null) url.searchParams.delete(LESSON_PARAMETER);
  else url.searchParams.set(LESSON_PARAMETER, nameOrUrl);
  history.replaceState(history.state, '', url);
}
