// Settings, in the header: a button that discloses the panel of what a
// newcomer does not need before a first block (the engine switch, the time
// limit, the BeaconState as SSZ, what the engines are). A disclosure, not a
// dialog: the page stays usable while it is open. Escape, from the button
// or within the panel, closes it and gives focus back to the button.

import { find } from '../ui/dom';
import './header.css';

export class Settings {
  private readonly toggle: HTMLButtonElement;
  private readonly panel: HTMLElement;

  constructor(root: HTMLElement) {
    this.toggle = find<HTMLButtonElement>(root, 'settings-toggle');
    this.panel = find(root, 'settings');
    this.toggle.addEventListener('click', () => this.show(!this.isOpen));
    const onEscape = (ev: KeyboardEvent): void => {
      if (ev.key !== 'Escape' || !this.isOpen) return;
      ev.preventDefault();
      this.show(false);
      this.toggle.focus();
    };
    this.toggle.addEventListener('keydown', onEscape);
    this.panel.addEventListener('keydown', onEscape);
  }

  private get isOpen(): boolean {
    return this.toggle.getAttribute('aria-expanded') === 'true';
  }

  private show(open: boolean): void {
    this.panel.hidden = !open;
    this.toggle.setAttribute('aria-expanded', String(open));
  }
}
