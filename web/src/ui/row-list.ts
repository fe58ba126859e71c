// An editable list of rows, such as the composer's transactions and the
// token panel's transfers: each row a list item of fields and a Remove
// button, numbered in their labels. Removing a row moves the focus to the
// next row's Remove button, or to the Add button when none is left.

import { h, type Child } from './dom';
import './row-list.css';

/** How a list's rows are named and found. */
export interface RowKind {
  /** What a row is, in labels: "transaction" gives "Transaction 0" and "Remove transaction 0". */
  noun: string;
  /** The data-* hook of each row's list item. */
  hook: string;
  /** The data-* hook of each row's Remove button. */
  removeHook: string;
  /** A class for the list item besides rows-row, for the list's own rules. */
  className?: string;
  /** Whether a lone row hides its Remove button, so that one row is always left. */
  keepOne?: boolean;
}

/** A row: its fields, with its list item and its Remove button. */
export type Row<F> = F & { readonly el: HTMLLIElement; readonly remove: HTMLButtonElement };

/** The rows of list, each with fields F; addButton takes the focus when the last row goes. */
export class RowList<F extends object> {
  private items: Row<F>[] = [];

  constructor(
    private readonly list: HTMLElement,
    private readonly addButton: HTMLElement,
    private readonly kind: RowKind,
  ) {}

  /** The rows, in order. */
  get rows(): readonly Row<F>[] {
    return this.items;
  }

  /** Appends a row: fields become it (the same object, with el and remove), cells its content before Remove. */
  add(fields: F, ...cells: Child[]): Row<F> {
    const remove = h('button', { type: 'button', class: 'kit-quiet', [`data-${this.kind.removeHook}`]: true }, 'Remove');
    const el = h('li', { class: this.kind.className ? `rows-row ${this.kind.className}` : 'rows-row', [`data-${this.kind.hook}`]: true }, ...cells, remove);
    const row: Row<F> = Object.assign(fields, { el, remove });
    remove.addEventListener('click', () => {
      const i = this.items.indexOf(row);
      this.items.splice(i, 1);
      el.remove();
      this.renumber();
      (this.items[Math.min(i, this.items.length - 1)]?.remove ?? this.addButton).focus();
    });
    this.items.push(row);
    this.list.appendChild(el);
    this.renumber();
    return row;
  }

  /** Removes every row. */
  clear(): void {
    for (const row of this.items) row.el.remove();
    this.items = [];
  }

  private renumber(): void {
    const noun = this.kind.noun;
    this.items.forEach((row, i) => {
      row.el.setAttribute('aria-label', `${noun.charAt(0).toUpperCase()}${noun.slice(1)} ${i}`);
      row.remove.setAttribute('aria-label', `Remove ${noun} ${i}`);
      if (this.kind.keepOne) row.remove.hidden = this.items.length === 1;
    });
  }
}
