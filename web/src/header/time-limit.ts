// The time limit per block, in the header: "Time limit per block: [10] s".
// A block that runs longer is stopped (see Eeplay.timeLimit); the number is
// kept in this browser. A value out of range is refused with a message
// beside the field, and the limit stays.

import type { Eeplay } from '../core/api';
import { MAX_TIME_LIMIT, MIN_TIME_LIMIT, badTimeLimit } from '../core/time-limit';
import { InlineError, find, messageOf } from '../ui/dom';
import './header.css';

export class TimeLimitField {
  private readonly input: HTMLInputElement;
  private readonly error: InlineError;

  constructor(
    root: HTMLElement,
    private readonly eeplay: Eeplay,
  ) {
    this.input = find<HTMLInputElement>(root, 'time-limit');
    this.error = new InlineError(find(root, 'time-limit-error'));
    this.input.min = String(MIN_TIME_LIMIT);
    this.input.max = String(MAX_TIME_LIMIT);
    this.input.value = String(eeplay.timeLimit);
    this.input.addEventListener('change', () => this.changed());
    eeplay.onChange((c) => {
      if (c.kind === 'timeLimit' && document.activeElement !== this.input) {
        this.input.value = String(c.seconds);
        this.error.clear();
        this.input.removeAttribute('aria-invalid');
      }
    });
  }

  private changed(): void {
    const text = this.input.value.trim();
    const seconds = Number(text);
    try {
      // An empty field (type=number also empties it on text that is no number).
      if (text === '') throw new Error(badTimeLimit(text, 'empty'));
      if (!Number.isFinite(seconds)) throw new Error(badTimeLimit(text));
      this.eeplay.setTimeLimit(seconds);
      this.error.clear();
      this.input.removeAttribute('aria-invalid');
    } catch (e) {
      const message = messageOf(e).replace(/^setTimeLimit: /, '');
      this.error.show(`${message.charAt(0).toUpperCase()}${message.slice(1)}; it stays ${this.eeplay.timeLimit} s.`);
      this.input.setAttribute('aria-invalid', 'true');
    }
  }
}
