// The header's Share: makes the link (eeplay.share), copies it, and always
// shows it, with its length, in a field to select or copy again, since a
// browser may refuse the clipboard. A simulation too large for a link is
// offered as a file instead.

import type { Eeplay } from '../core/api';
import { busy, download, find, findHooks, messageOf, type Hooks } from '../ui/dom';
import './header.css';

const HOOKS = {
  text: 'share-text',
  made: 'share-made',
  link: ['share-link', HTMLInputElement],
  copy: ['share-copy', HTMLButtonElement],
  tooLong: 'share-too-long',
  exportButton: ['share-export', HTMLButtonElement],
  close: ['share-close', HTMLButtonElement],
} as const;

export class ShareButton {
  private readonly el: Hooks<typeof HOOKS>;

  constructor(
    header: HTMLElement,
    private readonly root: HTMLElement,
    private readonly eeplay: Eeplay,
    /** Saves the Code tab's edits, so that the link has them. */
    beforeShare: () => Promise<void>,
  ) {
    const button = find<HTMLButtonElement>(header, 'share');
    this.el = findHooks(root, HOOKS);
    root.hidden = true;
    button.addEventListener('click', () => void busy(button, 'Sharing…', () => this.share(beforeShare)));
    this.el.copy.addEventListener('click', () => void this.copy());
    this.el.exportButton.addEventListener('click', () => {
      void busy(this.el.exportButton, 'Exporting…', async () => {
        try {
          download(await this.eeplay.exportSimulation(), 'eeplay-simulation.json', 'application/json');
        } catch (e) {
          this.say(`Export simulation: ${messageOf(e)}`);
        }
      });
    });
    this.el.close.addEventListener('click', () => {
      root.hidden = true;
      button.focus();
    });
  }

  private async share(beforeShare: () => Promise<void>): Promise<void> {
    this.root.hidden = false;
    let link: string;
    try {
      await beforeShare();
      link = await this.eeplay.share();
    } catch (e) {
      this.el.made.hidden = true;
      // Too long for a link: the file instead.
      this.el.tooLong.hidden = !(e instanceof Error && 'fragmentLength' in e);
      this.say(messageOf(e));
      return;
    }
    this.el.made.hidden = false;
    this.el.tooLong.hidden = true;
    this.el.link.value = link;
    await this.copy();
  }

  // copy puts the link on the clipboard and says so; where the browser
  // refuses, the link is selected in its field, to copy by hand.
  private async copy(): Promise<void> {
    const link = this.el.link.value;
    const length = `${link.length.toLocaleString('en-US')} characters`;
    try {
      await navigator.clipboard.writeText(link);
      this.say(`Link copied: ${length}.`);
    } catch {
      this.say(`The link, ${length}: this browser did not let the page copy it, so copy it from the field.`);
      this.el.link.focus();
      this.el.link.select();
    }
  }

  private say(text: string): void {
    this.el.text.textContent = text;
  }
}
