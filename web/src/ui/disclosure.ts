// A button that opens a panel under a transaction and, the first time, fills
// it from the core: the Trace and Profile views run the transaction again,
// which takes a moment, so they load only when asked and keep what they got.

import { h, messageOf, replace, type Child } from './dom';
import './disclosure.css';

/** What a disclosure shows and how it fills its panel. */
export interface DisclosureOptions {
  /** The button's text, which also labels the panel. */
  label: string;
  /** The name of the data-* hooks: data-NAME on the panel, data-NAME-open on the button, data-NAME-status and data-NAME-error inside. */
  hook: string;
  /** The value of the panel's and the button's hooks: the transaction's index. */
  index: number;
  /** The panel's class, besides disclosure-panel. */
  panelClass: string;
  /** What the panel says while load runs. */
  status: string;
  /** Asks the core, then makes the panel's content. A rejection is shown in the panel, and the next opening tries again. */
  load: () => Promise<() => Child[]>;
}

/** A closed disclosure's button and panel, for the caller to place. */
export interface Disclosure {
  button: HTMLButtonElement;
  panel: HTMLElement;
}

/** disclosure makes the button that opens and closes its panel, loading the panel's content on the first opening. */
export function disclosure(o: DisclosureOptions): Disclosure {
  const panel = h('section', { class: `disclosure-panel ${o.panelClass}`, [`data-${o.hook}`]: o.index, 'aria-label': o.label, hidden: true });
  const button = h('button', { type: 'button', [`data-${o.hook}-open`]: o.index, 'aria-expanded': 'false' }, o.label);
  let loaded = false;
  button.addEventListener('click', () => {
    const open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', String(open));
    panel.hidden = !open;
    if (!open || loaded) return;
    loaded = true;
    replace(panel, h('p', { class: 'kit-muted', [`data-${o.hook}-status`]: true }, o.status));
    o.load().then(
      // A task of its own: taking in a large answer is one already.
      (make) => setTimeout(() => replace(panel, ...make())),
      (e: unknown) => {
        loaded = false;
        replace(panel, h('p', { class: 'kit-error-inline', [`data-${o.hook}-error`]: true }, messageOf(e)));
      },
    );
  });
  return { button, panel };
}
