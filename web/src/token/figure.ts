// What the token panel's figures share, the proof drawing (drawing.ts)
// and the comparison chart (chart.ts): an SVG read out as one image, drawn
// inside margins that keep room for its labels, and a legend.

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
