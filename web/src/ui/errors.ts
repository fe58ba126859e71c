// The error area: errors appear in the page, in an aria-live region, each
// dismissable. Never alert().

import { h, messageOf } from './dom';
import './errors.css';

export class ErrorArea {
  constructor(private readonly root: HTMLElement) {}

  /** Shows an error; context says what was being done. */
  show(error: unknown, context?: string): void {
    const message = messageOf(error);
    const item = h(
      'div',
      { class: 'errors-item', 'data-error': true },
      h('p', null, context ? h('strong', null, `${context}: `) : null, message),
      h('button', { type: 'button', 'aria-label': 'Dismiss error', onclick: () => item.remove() }, '×'),
    );
    this.root.appendChild(item);
  }

  clear(): void {
    this.root.replaceChildren();
  }
}
