// A running block's progress, "Transaction 3 of 200", with a Cancel button
// that aborts it through its AbortSignal; after a cancel, the message that
// says so. One per form that runs blocks. Updates touch two nodes only:
// they arrive while the block runs, and the page must stay responsive.

import type { BlockCancelledError, ShardBlockInput } from '../core/api';
import { h, messageOf, replace } from './dom';
import './progress.css';

/** What a form passes on to createShardBlock (or token.send) to be followed and cancelled. */
export type Follow = Required<Pick<ShardBlockInput, 'onProgress' | 'signal'>>;

/** Shown only for blocks that take longer than this, so quick ones do not flicker. */
const SHOW_AFTER_MS = 200;

/** Whether e is a cancelled block's Error (see BlockCancelledError). */
export function isCancelled(e: unknown): e is BlockCancelledError {
  return e instanceof Error && (e as Partial<BlockCancelledError>).cancelled === true;
}

export class BlockProgress {
  private readonly text: HTMLElement;
  private readonly bar: HTMLProgressElement;
  private readonly cancelButton: HTMLButtonElement;
  private readonly note: HTMLElement;
  private controller: AbortController | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private last = '';
  private prefix = '';

  /** root: an empty element, hidden until a block has run for a moment. */
  constructor(
    private readonly root: HTMLElement,
    what = 'the block',
  ) {
    this.text = h('span', { class: 'progress-text', 'data-progress-text': true });
    this.bar = h('progress', { 'data-progress-bar': true, 'aria-label': `Progress of ${what}` });
    this.cancelButton = h('button', { type: 'button', 'data-progress-cancel': true }, 'Cancel');
    this.note = h('p', { class: 'progress-note', 'data-progress-note': true, role: 'status' });
    this.cancelButton.addEventListener('click', () => this.cancel());
    replace(root, h('div', { class: 'progress-row', 'data-progress-row': true }, this.text, this.bar, this.cancelButton), this.note);
    root.classList.add('progress-block');
    root.hidden = true;
    this.note.hidden = true;
  }

  /** Whether a block is running here. */
  get running(): boolean {
    return this.controller !== null;
  }

  /**
   * Runs work, which passes follow on to createShardBlock, showing its
   * progress while it runs. A cancelled block's Error is shown here and
   * rethrown; any other outcome is work's.
   */
  async run<T>(work: (follow: Follow) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    this.controller = controller;
    this.prefix = '';
    this.note.hidden = true;
    this.note.textContent = '';
    this.set('Starting…', 0, 1);
    this.cancelButton.disabled = false;
    this.cancelButton.textContent = 'Cancel';
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.controller === controller) this.root.hidden = false;
    }, SHOW_AFTER_MS);
    try {
      return await work({ onProgress: (index, total) => this.transaction(index, total), signal: controller.signal });
    } catch (e) {
      if (isCancelled(e)) {
        this.note.textContent = `${capitalize(messageOf(e))}.`;
        this.note.hidden = false;
      }
      throw e;
    } finally {
      clearTimeout(this.timer);
      if (this.controller === controller) this.controller = null;
      this.root.hidden = this.note.hidden;
      this.text.parentElement!.hidden = true;
    }
  }

  /** Says where a run of several blocks (a Scout test) is; each block's own progress follows it. */
  step(text: string, value: number, max: number): void {
    this.prefix = `${text} · `;
    this.set(text, value, max);
  }

  private transaction(index: number, total: number): void {
    this.set(`${this.prefix}Transaction ${(index + 1).toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`, index, total);
  }

  private set(text: string, value: number, max: number): void {
    this.text.parentElement!.hidden = false;
    if (text !== this.last) {
      this.last = text;
      this.text.textContent = text;
    }
    this.bar.max = Math.max(max, 1);
    this.bar.value = value;
  }

  private cancel(): void {
    if (!this.controller) return;
    this.cancelButton.disabled = true;
    this.cancelButton.textContent = 'Cancelling…';
    this.set('Cancelling: restarting the core and replaying the simulation without this block…', this.bar.value, this.bar.max);
    this.controller.abort();
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
