// What the page shows when the simulation stored in this browser cannot be
// read back or replayed: the reason, and the two ways on. Export saves the
// stored operations as a simulation file, which the core makes without
// replaying them (nothing is deleted until Reset); Reset (confirmed in the header) starts over. A
// good import also replaces the stored simulation. Never an empty
// simulation in silence.

import type { Eeplay } from '../core/api';
import { busy, download, find, messageOf } from '../ui/dom';
import './header.css';

export class Recovery {
  private readonly text: HTMLElement;
  private readonly error: HTMLElement;

  constructor(
    private readonly root: HTMLElement,
    eeplay: Eeplay,
    onReset: () => void,
  ) {
    this.text = find(root, 'recovery-text');
    this.error = find(root, 'recovery-error');
    root.hidden = true;
    const exportButton = find<HTMLButtonElement>(root, 'recovery-export');
    exportButton.addEventListener('click', () => {
      void busy(exportButton, 'Exporting…', async () => {
        this.error.hidden = true;
        try {
          download(await eeplay.exportStoredOperations(), 'eeplay-stored-operations.json', 'application/json');
        } catch (e) {
          this.error.textContent = messageOf(e);
          this.error.hidden = false;
        }
      });
    });
    find(root, 'recovery-reset').addEventListener('click', onReset);
    eeplay.onChange((c) => {
      if (c.kind === 'reset' || c.kind === 'import') this.hide();
      else if (c.kind === 'unusable') this.show(c.message);
    });
  }

  /** Shows why the stored simulation could not be restored. */
  show(message: string): void {
    this.text.textContent = message;
    this.error.hidden = true;
    this.root.hidden = false;
  }

  hide(): void {
    this.root.hidden = true;
  }
}
