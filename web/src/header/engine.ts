// The engine switch, in the header's Settings: which engine runs EE code
// (wazero's interpreter, the browser's WebAssembly, or both, cross-checked),
// with a line about the one chosen and help on all three, including what
// the browser engine does not enforce the way wazero does. The header
// itself shows the engine on one line, Settings open or not. The choice lives in
// the address (?engine=), so a reload or a shared link keeps it. After a
// block that took more than a second on wazero, a notice offers the
// browser engine.

import type { EngineName, Eeplay } from '../core/api';
import { find, h, replace } from '../ui/dom';
import type { ErrorArea } from '../ui/errors';
import './header.css';

/** A block slower than this on wazero brings the offer of the browser engine. */
const SLOW_MS = 1000;

/** The address parameter that names the engine. */
export const ENGINE_PARAM = 'engine';

export class EngineSwitch {
  private readonly options: HTMLInputElement[];
  private readonly note: HTMLElement;
  private readonly current: HTMLElement;
  private readonly group: HTMLElement;
  /** Whether the offer was dismissed (or taken) on this visit: it is not made again. */
  private offerDone = false;

  constructor(
    root: HTMLElement,
    private readonly offer: HTMLElement,
    private readonly eeplay: Eeplay,
    private readonly errors: ErrorArea,
  ) {
    this.group = find(root, 'engine-switch');
    this.options = [...this.group.querySelectorAll<HTMLInputElement>('[data-engine-option]')];
    this.note = find(root, 'engine-note');
    this.current = find(root, 'engine-current');
    this.offer.hidden = true;
    for (const option of this.options) {
      option.addEventListener('change', () => {
        if (!option.checked) return;
        // The option's engine, by the core's names.
        void eeplay.limits.then(({ engines }) => {
          const engine = engines.find((e) => e === option.value);
          if (engine) void this.choose(engine);
        });
      });
    }
    this.show(eeplay.engine);
    eeplay.onChange((c) => {
      if (c.kind === 'engine') {
        this.show(c.engine);
        keepInAddress(c.engine);
        if (c.engine !== 'wazero') this.offer.hidden = true;
      } else if (c.kind === 'createShardBlock' && c.engine === 'wazero' && c.milliseconds > SLOW_MS && this.eeplay.engine === 'wazero') {
        this.offerBrowser(c.milliseconds);
      }
    });
  }

  /** Switches to engine; an error is shown, and the switch shows the engine that stays. */
  async choose(engine: EngineName): Promise<void> {
    this.group.setAttribute('aria-busy', 'true');
    this.note.textContent = `Switching to ${engine}: compiling every EE for it…`;
    this.current.textContent = `Engine: switching to ${engine}…`;
    for (const o of this.options) o.disabled = true;
    try {
      await this.eeplay.setEngine(engine);
    } catch (e) {
      this.errors.show(e, `Switch to the ${engine} engine`);
    } finally {
      for (const o of this.options) o.disabled = false;
      this.group.removeAttribute('aria-busy');
      this.show(this.eeplay.engine);
    }
  }

  private show(engine: EngineName): void {
    this.group.dataset.engine = engine;
    this.current.textContent = `Engine: ${engine}`;
    for (const o of this.options) o.checked = o.value === engine;
    const label = this.options.find((o) => o.value === engine)?.closest('label');
    this.note.textContent = label?.title ?? '';
  }

  private offerBrowser(milliseconds: number): void {
    if (this.offerDone) return;
    const use = h('button', { type: 'button', class: 'kit-primary', 'data-engine-offer-use': true }, 'Use the browser engine');
    const dismiss = h('button', { type: 'button', 'data-engine-offer-dismiss': true, 'aria-label': 'Dismiss: stay on wazero' }, '×');
    use.addEventListener('click', () => {
      this.offerDone = true;
      this.offer.hidden = true;
      void this.choose('browser');
    });
    dismiss.addEventListener('click', () => {
      this.offerDone = true;
      this.offer.hidden = true;
    });
    replace(
      this.offer,
      h(
        'p',
        null,
        `That block took ${(milliseconds / 1000).toFixed(1)} s on wazero’s interpreter. `,
        'The browser engine runs EEs on this browser’s own WebAssembly, usually far faster. ',
        use,
      ),
      dismiss,
    );
    this.offer.hidden = false;
  }
}

/** The engine the address names, as it names it (the core checks it); null when it names none. */
export function engineInAddress(): string | null {
  return new URLSearchParams(location.search).get(ENGINE_PARAM);
}

// keepInAddress puts the engine in the address without a new history
// entry; wazero, the default, is left out.
function keepInAddress(engine: EngineName): void {
  const url = new URL(location.href);
  if (engine === 'wazero') url.searchParams.delete(ENGINE_PARAM);
  else url.searchParams.set(ENGINE_PARAM, engine);
  if (url.href !== location.href) history.replaceState(history.state, '', url);
}
