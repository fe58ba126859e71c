// Opening a share link (core/share-link.ts): the page, loaded with
// #share=… in its address, says what the link holds and opens it through
// importSimulation. A visitor whose simulation has any EE is asked first
// (and may export it); an empty one, as on a first visit, is replaced at
// once. A damaged link is shown as such and changes nothing. Either way the
// fragment then leaves the address, so a reload does not open it again.

import type { Eeplay } from '../core/api';
import { settings } from '../core/settings';
import { decodeShareFragment, describeShare, isShareFragment, type SharedSimulation } from '../core/share-link';
import { busy, download, findHooks, messageOf, plural, type Hooks } from '../ui/dom';
import type { ErrorArea } from '../ui/errors';
import './header.css';

const HOOKS = {
  title: 'shared-title',
  text: 'shared-text',
  ask: 'shared-ask',
  open: ['shared-open', HTMLButtonElement],
  exportButton: ['shared-export', HTMLButtonElement],
  cancel: ['shared-cancel', HTMLButtonElement],
  close: ['shared-close', HTMLButtonElement],
} as const;

export class ShareOpener {
  private readonly el: Hooks<typeof HOOKS>;
  /** The link asked about, until it is opened or cancelled. */
  private asked: { shared: SharedSimulation; what: string } | null = null;

  constructor(
    private readonly root: HTMLElement,
    private readonly eeplay: Eeplay,
    private readonly errors: ErrorArea,
    /** Told the ids of the projects a link brought, once it is opened. */
    private readonly onOpened: (projectIds: string[]) => void,
  ) {
    this.el = findHooks(root, HOOKS);
    root.hidden = true;
    this.el.open.addEventListener('click', () => {
      const asked = this.asked;
      if (asked) void busy(this.el.open, 'Opening…', () => this.open(asked.shared, asked.what));
    });
    this.el.exportButton.addEventListener('click', () => {
      void busy(this.el.exportButton, 'Exporting…', async () => {
        try {
          download(await this.eeplay.exportSimulation(), 'eeplay-simulation.json', 'application/json');
        } catch (e) {
          this.errors.show(e, 'Export simulation');
        }
      });
    });
    this.el.cancel.addEventListener('click', () => {
      this.asked = null;
      this.forgetAddress();
      this.tell('The shared simulation was not opened', 'Your simulation is as it was.');
    });
    this.el.close.addEventListener('click', () => (root.hidden = true));
  }

  /**
   * Opens the share link in the address, if there is one: at once when the
   * simulation has no EE, otherwise after asking. Resolves once it is
   * opened, found damaged, or being asked about.
   */
  async fromAddress(): Promise<void> {
    const fragment = location.hash;
    if (!isShareFragment(fragment)) return;
    let shared: SharedSimulation;
    let ees: number;
    let blocks: number;
    try {
      shared = await decodeShareFragment(fragment);
      const overview = await this.eeplay.getOverview();
      ees = overview.executionEnvironmentCount;
      blocks = overview.blockCounts.reduce((a, b) => a + b, 0);
    } catch (e) {
      this.forgetAddress();
      this.errors.show(e);
      return;
    }
    const what = describeShare(shared.summary);
    if (ees === 0) {
      await this.open(shared, what);
      return;
    }
    this.asked = { shared, what };
    this.el.title.textContent = 'Open a shared simulation?';
    this.el.text.textContent =
      `This link holds ${what}. Opening it replaces your simulation (${plural(ees, 'EE')}, ${plural(blocks, 'block')}), ` +
      'here and in this browser’s storage; your projects stay. Export yours first to keep it.';
    this.el.ask.hidden = false;
    this.el.close.hidden = true;
    this.root.hidden = false;
    this.el.cancel.focus();
    this.root.scrollIntoView({ block: 'nearest' });
  }

  private async open(shared: SharedSimulation, what: string): Promise<void> {
    this.asked = null;
    this.forgetAddress();
    try {
      await this.eeplay.importSimulation(shared.file);
    } catch (e) {
      this.root.hidden = true;
      this.errors.show(new Error(`share link: ${messageOf(e)}`));
      return;
    }
    // Opened on a first visit, it takes the place of the example EEs.
    settings.setVisited();
    this.tell('Opened a shared simulation', `It holds ${what}.`);
    this.onOpened(shared.summary.projects.map((p) => p.id));
  }

  private tell(title: string, text: string): void {
    this.el.title.textContent = title;
    this.el.text.textContent = text;
    this.el.ask.hidden = true;
    this.el.close.hidden = false;
    this.root.hidden = false;
    this.el.close.focus();
  }

  /** Takes the link's fragment out of the address, without a reload or a step in history. */
  private forgetAddress(): void {
    history.replaceState(history.state, '', location.pathname + location.search);
  }
}
