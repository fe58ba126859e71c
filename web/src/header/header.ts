// The header: status, Reset (confirmed in the page, then the page starts
// over with the example EEs), export and import of
// the simulation, the BeaconState as SSZ, and the guide's toggle.

import type { Eeplay } from '../core/api';
import { busy, download, fileBytes, find } from '../ui/dom';
import type { ErrorArea } from '../ui/errors';
import './header.css';

export class Header {
  private readonly status: HTMLElement;
  private readonly confirm: HTMLElement;
  private readonly resetButton: HTMLButtonElement;

  constructor(
    root: HTMLElement,
    private readonly eeplay: Eeplay,
    private readonly errors: ErrorArea,
    onGuide: () => void,
    /** After Reset: starts the page over (the example EEs again); returns what the status says. */
    startOver: () => Promise<string>,
  ) {
    this.status = find(root, 'status');
    this.confirm = find(root, 'reset-confirm');
    this.resetButton = find<HTMLButtonElement>(root, 'reset');
    const exportButton = find<HTMLButtonElement>(root, 'export');
    const importButton = find<HTMLButtonElement>(root, 'import');
    const importFile = find<HTMLInputElement>(root, 'import-file');
    const sszButton = find<HTMLButtonElement>(root, 'ssz');

    find(root, 'guide-toggle').addEventListener('click', onGuide);

    this.confirm.hidden = true;
    this.resetButton.addEventListener('click', () => this.askReset());
    find(this.confirm, 'reset-cancel').addEventListener('click', () => this.closeConfirm());
    const yes = find<HTMLButtonElement>(this.confirm, 'reset-yes');
    yes.addEventListener('click', () => {
      void busy(yes, 'Resetting…', async () => {
        try {
          await this.eeplay.reset();
          this.errors.clear();
          this.flash(await startOver());
        } catch (e) {
          this.errors.show(e, 'Reset');
        }
        this.closeConfirm();
      });
    });

    this.offerDownload(exportButton, 'Exporting…', 'Export simulation', () => this.eeplay.exportSimulation(), 'eeplay-simulation.json', 'application/json');

    importButton.addEventListener('click', () => importFile.click());
    importFile.addEventListener('change', () => {
      const file = importFile.files?.[0];
      if (!file) return;
      void busy(importButton, 'Importing…', async () => {
        try {
          await this.eeplay.importSimulation(await fileBytes(file));
          this.flash(`Imported ${file.name}.`);
        } catch (e) {
          this.errors.show(e, `Import simulation from ${file.name}`);
        }
        importFile.value = '';
      });
    });

    this.offerDownload(sszButton, 'Encoding…', 'BeaconState SSZ', () => this.eeplay.getBeaconStateSSZ(), 'beacon-state.ssz', 'application/octet-stream');
  }

  /** Opens Reset's confirmation. */
  askReset(): void {
    this.confirm.hidden = false;
    this.resetButton.setAttribute('aria-expanded', 'true');
    find<HTMLButtonElement>(this.confirm, 'reset-cancel').focus();
    this.confirm.scrollIntoView({ block: 'nearest' });
  }

  setStatus(state: 'loading' | 'ready' | 'error', text: string): void {
    this.status.dataset.status = state;
    this.status.textContent = text;
  }

  // offerDownload makes button download what make makes, as a file named
  // name; busy says so while it runs, and a failure is shown as context's.
  private offerDownload(button: HTMLButtonElement, busyLabel: string, context: string, make: () => Promise<Uint8Array>, name: string, type: string): void {
    button.addEventListener('click', () => {
      void busy(button, busyLabel, async () => {
        try {
          download(await make(), name, type);
        } catch (e) {
          this.errors.show(e, context);
        }
      });
    });
  }

  private flash(text: string): void {
    this.setStatus('ready', text);
    setTimeout(() => {
      if (this.status.textContent === text) this.setStatus('ready', 'ready');
    }, 4000);
  }

  private closeConfirm(): void {
    this.confirm.hidden = true;
    this.resetButton.setAttribute('aria-expanded', 'false');
    this.resetButton.focus();
  }
}
