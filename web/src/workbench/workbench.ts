// The workbench: a tab list shows one work panel at a time (EEs, Code,
// Scout tests, Token) beside the run-and-state column (workbench.css lays
// them out). The address's hash follows the tab shown, so a link or a
// reload on #code opens Code, and a link to anything inside a panel
// (#token, say) opens that panel's tab before the browser's scroll to it.
// Links to the state column (#result, #inspector) need no tab.

import { idInHash, tabForKey } from './tabs';
import './workbench.css';

export class Workbench {
  private readonly tabs: HTMLElement[];
  private readonly panels: HTMLElement[];

  constructor(private readonly tablist: HTMLElement) {
    this.tabs = [...tablist.querySelectorAll<HTMLElement>('[role="tab"]')];
    this.panels = this.tabs.map((tab) => {
      const id = tab.getAttribute('aria-controls') ?? '';
      const panel = document.getElementById(id);
      if (!panel) throw new Error(`eeplay page: the tab ${tab.id} controls #${id}, which is not in the page`);
      // Set here rather than in index.html, so a panel's markup is only its own.
      panel.setAttribute('role', 'tabpanel');
      panel.tabIndex = 0;
      return panel;
    });
    tablist.addEventListener('click', (ev) => {
      const index = this.tabs.findIndex((tab) => tab.contains(ev.target as Node));
      if (index >= 0) this.choose(index, false);
    });
    tablist.addEventListener('keydown', (ev) => {
      const current = this.tabs.findIndex((tab) => tab === document.activeElement);
      const next = tabForKey(ev.key, current < 0 ? this.selected() : current, this.tabs.length);
      if (next === null || ev.altKey || ev.ctrlKey || ev.metaKey) return;
      ev.preventDefault();
      this.choose(next, true);
    });
    // A link's click opens its target's tab before the browser scrolls to
    // the target, which it cannot do while the panel is hidden; hashchange
    // comes only after, and not at all when the hash is already the link's.
    document.addEventListener('click', (ev) => {
      const link = ev.target instanceof Element ? ev.target.closest('a[href^="#"]') : null;
      if (link) this.open(link.getAttribute('href') ?? '');
    });
    window.addEventListener('hashchange', () => this.followAddress());
    if (!this.followAddress()) this.select(0);
  }

  /** Shows the panel with this id, as a tab's click does, and brings it into view. */
  show(panelId: string): void {
    const index = this.panels.findIndex((panel) => panel.id === panelId);
    if (index < 0) throw new Error(`eeplay page: no work panel #${panelId}; the panels are ${this.panels.map((p) => `#${p.id}`).join(', ')}`);
    this.choose(index, false);
    this.panels[index].scrollIntoView({ block: 'start' });
  }

  private selected(): number {
    return this.tabs.findIndex((tab) => tab.getAttribute('aria-selected') === 'true');
  }

  // choose is a visitor's choice of a tab: shown, named in the address, and
  // the panel's top brought back in view if the visitor had scrolled past it.
  private choose(index: number, focus: boolean): void {
    this.select(index);
    // replaceState: each tab seen is not a step back in history, and no
    // hashchange, since the tab is already shown.
    const hash = `#${this.panels[index].id}`;
    if (location.hash !== hash) history.replaceState(history.state, '', hash);
    if (focus) this.tabs[index].focus();
    const panel = this.panels[index];
    if (panel.getBoundingClientRect().top < this.tablist.getBoundingClientRect().bottom) panel.scrollIntoView({ block: 'start' });
  }

  private select(index: number): void {
    for (const [i, tab] of this.tabs.entries()) {
      const on = i === index;
      tab.setAttribute('aria-selected', String(on));
      // One tab stop for the list: the arrows move within it.
      tab.tabIndex = on ? 0 : -1;
      this.panels[i].hidden = !on;
    }
    this.revealTab(this.tabs[index]);
  }

  // revealTab scrolls the tab list, which scrolls sideways when its tabs
  // are wider than a phone, so that tab shows; the page does not move.
  private revealTab(tab: HTMLElement): void {
    const list = this.tablist;
    const left = tab.offsetLeft - list.offsetLeft;
    if (left < list.scrollLeft) list.scrollLeft = left;
    else if (left + tab.offsetWidth > list.scrollLeft + list.clientWidth) list.scrollLeft = left + tab.offsetWidth - list.clientWidth;
  }

  // followAddress shows the tab of the element the hash names, if a panel
  // holds it, and scrolls to it, which the browser could not do while it
  // was hidden. It says whether the hash named such an element.
  private followAddress(): boolean {
    const target = this.open(location.hash);
    target?.scrollIntoView({ block: 'start' });
    return target !== null;
  }

  // open shows the tab of the element hash names, if a panel holds it, and
  // returns that element.
  private open(hash: string): HTMLElement | null {
    const id = idInHash(hash);
    const target = id === null ? null : document.getElementById(id);
    const index = target ? this.panels.findIndex((panel) => panel.contains(target)) : -1;
    if (!target || index < 0) return null;
    this.select(index);
    return target;
  }
}
