// What the token panel's figures share, the proof drawing (drawing.ts)
// and the comparison chart (chart.ts): an SVG read out as one image, drawn
// inside margins that keep room for its labels, a legend, and a box for a
// figure wider than the page has room for.

import { h, type Child } from '../ui/dom';
import { s } from '../ui/svg';

/** The room around what a figure draws, in SVG units: its labels go there. */
export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** An SVG of width × height units, which assistive technology reads as one image described by label. */
export function picture(width: number, height: number, label: string, attrs: Record<string, string | number>): SVGSVGElement {
  return s('svg', { ...attrs, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label });
}

/** A legend: items, each a swatch and what it stands for. */
export function legend(className: string, ...items: Child[]): HTMLUListElement {
  return h('ul', { class: className, 'aria-label': 'Legend' }, ...items);
}

/** The smallest a wide figure is scaled to before it scrolls instead: its 10 px labels stay readable. */
const MIN_SCALE = 0.8;

/**
 * A box for svg, width units wide: svg shrinks to fit it, down to
 * MIN_SCALE; past that the box scrolls sideways, hint (text saying so) is
 * shown, and the box opens with centre (an element of svg) in the middle.
 */
export function wideFigure(svg: SVGSVGElement, width: number, label: string, hint: HTMLElement, centre: () => Element | null): HTMLElement {
  svg.style.maxWidth = `${width}px`;
  svg.style.minWidth = `${width * MIN_SCALE}px`;
  const box = h('div', { class: 'kit-scroll-x token-wide', tabindex: 0, 'aria-label': label }, svg);
  hint.hidden = true;
  let attached = false;
  let centred = false;
  // The box's width is known only once it is in the page, and changes with it.
  const observer = new ResizeObserver(() => {
    if (!box.isConnected) {
      if (attached) observer.disconnect();
      return;
    }
    attached = true;
    if (!box.clientWidth) return;
    const scrolls = box.scrollWidth > box.clientWidth + 1;
    hint.hidden = !scrolls;
    const target = centre();
    if (!scrolls || centred || !target) return;
    centred = true;
    const at = target.getBoundingClientRect();
    box.scrollLeft += at.left + at.width / 2 - (box.getBoundingClientRect().left + box.clientWidth / 2);
  });
  observer.observe(box);
  return box;
}
