// What the Profile view draws, computed apart from the DOM so that it can
// be tested: the function table's order and the flame graph's frames.

import type { FunctionProfile, ProfileNode } from '../core/api';

/** What sizes a flame graph's frames: time or ticks charged. */
export type Weight = 'time' | 'ticks';

/** A column of the function table, each sortable. */
export type Column = 'name' | 'calls' | 'selfNanos' | 'totalNanos' | 'selfTicks' | 'totalTicks';

/** sortFunctions returns functions ordered by column, largest first for numbers and A to Z for names; ties by name. */
export function sortFunctions(functions: readonly FunctionProfile[], column: Column): FunctionProfile[] {
  return [...functions].sort((a, b) => {
    if (column === 'name') return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
    return b[column] - a[column] || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  });
}

/** A frame of the flame graph: a node of the tree, its row and its span as fractions of the graph's width. */
export interface Frame {
  node: number;
  depth: number;
  start: number;
  width: number;
}

/** A node's total under weight. */
export function total(node: FunctionProfile, weight: Weight): number {
  return weight === 'time' ? node.totalNanos : node.totalTicks;
}

/**
 * flameFrames lays tree out as an icicle, callers above callees: the
 * roots (or, with focus, the focused node and its callers) span the width,
 * and each node's callees share its span by their totals, largest first.
 * Frames narrower than minWidth are left out, with what they called.
 */
export function flameFrames(tree: readonly ProfileNode[], weight: Weight, focus: number | null, minWidth: number): Frame[] {
  const callees: number[][] = tree.map(() => []);
  const roots: number[] = [];
  tree.forEach((node, i) => (node.caller >= 0 && node.caller < i ? callees[node.caller].push(i) : roots.push(i)));
  const byTotal = (a: number, b: number) => total(tree[b], weight) - total(tree[a], weight) || a - b;
  for (const list of callees) list.sort(byTotal);
  roots.sort(byTotal);

  const frames: Frame[] = [];
  let top = roots;
  let depth = 0;
  if (focus !== null && focus >= 0 && focus < tree.length) {
    const path: number[] = [];
    for (let n = focus; n >= 0; n = tree[n].caller) path.unshift(n);
    for (const n of path.slice(0, -1)) frames.push({ node: n, depth: depth++, start: 0, width: 1 });
    top = [focus];
  }
  const scale = top.reduce((sum, n) => sum + total(tree[n], weight), 0);
  if (scale <= 0) return frames;
  // Iteratively, not recursively: a deep recursion makes a deep tree.
  const stack: { node: number; depth: number; start: number }[] = [];
  let start = 0;
  for (const n of top) {
    stack.push({ node: n, depth, start });
    start += total(tree[n], weight) / scale;
  }
  while (stack.length) {
    const { node, depth: d, start: s } = stack.pop()!;
    const width = total(tree[node], weight) / scale;
    if (width < minWidth) continue;
    frames.push({ node, depth: d, start: s, width });
    let at = s;
    for (const c of callees[node]) {
      stack.push({ node: c, depth: d + 1, start: at });
      at += total(tree[c], weight) / scale;
    }
  }
  return frames.sort((a, b) => a.depth - b.depth || a.start - b.start);
}

/** formatNanos writes a duration in the unit that suits it: 850 ns, 12.3 µs, 4.56 ms, 1.23 s. */
export function formatNanos(nanos: number): string {
  if (nanos < 1e3) return `${Math.round(nanos)} ns`;
  if (nanos < 1e6) return `${(nanos / 1e3).toPrecision(3)} µs`;
  if (nanos < 1e9) return `${(nanos / 1e6).toPrecision(3)} ms`;
  return `${(nanos / 1e9).toPrecision(3)} s`;
}
