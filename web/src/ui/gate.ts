// While the page's work area cannot be used yet (the core loading, the
// example EEs of a first visit loading, a core that is not usable), it is
// inert and dimmed, and a note above it says why: controls that look
// usable but fail would say less.

export class Gate {
  constructor(
    private readonly note: HTMLElement,
    private readonly area: HTMLElement,
  ) {}

  /** Makes the area unusable, with why. */
  close(reason: string): void {
    this.note.textContent = reason;
    this.note.hidden = false;
    this.area.inert = true;
    this.area.setAttribute('aria-busy', 'true');
  }

  open(): void {
    this.note.hidden = true;
    this.note.textContent = '';
    this.area.inert = false;
    this.area.removeAttribute('aria-busy');
  }
}
