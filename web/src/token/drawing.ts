// The drawing of a token transaction's proof over the tree: the account
// leaves, the helper nodes the proof gives (or names as defaults), and the
// nodes the verifier computes, by height. The tree has depth 32, so only
// those nodes are drawn, and runs of levels where nothing happens but
// "hash with a default sibling" are folded into one band.

import type { TokenProofShape, TokenTransaction } from '../core/api';
import { h, plural } from '../ui/dom';
import { s, title } from '../ui/svg';
import { legend, picture, wideFigure, type Margins } from './figure';
import './token.css';

const TREE_DEPTH = 32;
const LEAF_BASE = 2 ** TREE_DEPTH;

/** An address as the EE's messages write it: 0x and 8 hex digits. */
export function addressHex(address: number): string {
  return `0x${address.toString(16).padStart(8, '0')}`;
}

/** The depth of generalized index g (the root, 1, has depth 0); exact up to 2**53. */
export function depthOf(g: number): number {
  let d = Math.floor(Math.log2(g));
  if (2 ** d > g) d--;
  else if (2 ** (d + 1) <= g) d++;
  return d;
}

function heightOf(g: number): number {
  return TREE_DEPTH - depthOf(g);
}

/** Where g's subtree lies, left to right, as a fraction of the width. */
function position(g: number): number {
  const d = depthOf(g);
  return (g - 2 ** d + 0.5) / 2 ** d;
}

export type NodeKind = 'leaf' | 'computed' | 'given' | 'default';

interface TreeNode {
  g: number;
  height: number;
  leaf: boolean;
  computed: boolean;
  /** Times the proof sends this node. */
  sent: number;
  /** Times the proof names it as a default. */
  defaults: number;
}

function kindOf(n: TreeNode): NodeKind {
  if (n.leaf) return 'leaf';
  if (n.computed) return 'computed';
  return n.sent > 0 ? 'given' : 'default';
}

/** The counts a proof's shape adds up to. */
export interface ShapeCounts {
  leaves: number;
  /** Helper nodes sent, counting a node sent twice twice. */
  given: number;
  /** Helpers named by a default bit. */
  defaults: number;
  computed: number;
  /** Distinct nodes sent more than once. */
  duplicates: number;
  /** Distinct nodes both sent and computed. */
  redundant: number;
}

/** The nodes of shape by generalized index. */
function nodesOf(shape: TokenProofShape): Map<number, TreeNode> {
  const nodes = new Map<number, TreeNode>();
  const get = (g: number): TreeNode => {
    let n = nodes.get(g);
    if (!n) {
      n = { g, height: heightOf(g), leaf: false, computed: false, sent: 0, defaults: 0 };
      nodes.set(g, n);
    }
    return n;
  };
  for (const g of shape.leaves) get(g).leaf = true;
  for (const g of shape.computed) get(g).computed = true;
  shape.helpers.forEach((g, i) => {
    if (shape.defaultHelpers[i]) get(g).defaults++;
    else get(g).sent++;
  });
  return nodes;
}

export function countShape(shape: TokenProofShape): ShapeCounts {
  const nodes = [...nodesOf(shape).values()];
  const given = shape.defaultHelpers.filter((d) => !d).length;
  return {
    leaves: shape.leaves.length,
    given,
    defaults: shape.defaultHelpers.length - given,
    computed: shape.computed.filter((g) => g < LEAF_BASE).length,
    duplicates: nodes.filter((n) => n.sent > 1).length,
    redundant: nodes.filter((n) => n.computed && !n.leaf && n.sent > 0).length,
  };
}

/** A run of levels left out of the drawing, and what happens on them. */
interface Band {
  low: number;
  high: number;
  computed: number;
  defaults: number;
}

/** Which heights to draw: the leaves, the root, every level where something happens, and the first level of each quiet run. */
function visibleHeights(nodes: Map<number, TreeNode>): { visible: Set<number>; bands: Band[] } {
  const eventful = new Array<boolean>(TREE_DEPTH + 1).fill(false);
  eventful[0] = eventful[TREE_DEPTH] = true;
  const onPath = (g: number) => {
    const n = nodes.get(g);
    return !!n && (n.leaf || n.computed);
  };
  for (const n of nodes.values()) {
    // A node sent, or a merge of two paths.
    if (n.sent > 0) eventful[n.height] = true;
    if (n.height > 0 && onPath(n.g) && onPath(2 * n.g) && onPath(2 * n.g + 1)) eventful[n.height] = true;
  }
  const visible = new Set<number>();
  const bands: Band[] = [];
  for (let height = 0; height <= TREE_DEPTH; ) {
    if (eventful[height]) {
      visible.add(height++);
      continue;
    }
    let end = height;
    while (end + 1 <= TREE_DEPTH && !eventful[end + 1]) end++;
    // Short runs are drawn whole; longer ones keep their first level, to
    // show what every level of the run looks like.
    visible.add(height);
    if (end - height + 1 <= 2) visible.add(end);
    else bands.push({ low: height + 1, high: end, computed: 0, defaults: 0 });
    height = end + 1;
  }
  for (const n of nodes.values()) {
    const band = bands.find((b) => b.low <= n.height && n.height <= b.high);
    if (!band) continue;
    if (n.computed && !n.leaf) band.computed++;
    band.defaults += n.defaults;
  }
  return { visible, bands };
}

const COL = 26;
const ROW = 44;
const BAND = 40;
/** The heights' labels on the left; under labelled leaves, their addresses take ADDRESSES instead of the bottom margin. */
const MARGINS: Margins = { top: 16, right: 16, bottom: 16, left: 62 };
const ADDRESSES = 74;
/** A node's radius (half a leaf's side). */
const R = 8;

/** Draws tx's proof: a figure with the SVG, a caption with the counts and a legend. */
export function drawProof(tx: TokenTransaction): HTMLElement {
  const nodes = nodesOf(tx.shape);
  const counts = countShape(tx.shape);
  const { visible, bands } = visibleHeights(nodes);
  if (!nodes.has(1)) nodes.set(1, { g: 1, height: TREE_DEPTH, leaf: false, computed: true, sent: 0, defaults: 0 });

  // The drawn tree: each drawn node hangs from its nearest drawn ancestor.
  const children = new Map<number, number[]>();
  for (const n of nodes.values()) {
    if (n.g === 1 || !visible.has(n.height)) continue;
    let parent = Math.floor(n.g / 2);
    while (!visible.has(heightOf(parent))) parent = Math.floor(parent / 2);
    if (!nodes.has(parent)) nodes.set(parent, { g: parent, height: heightOf(parent), leaf: false, computed: true, sent: 0, defaults: 0 });
    const list = children.get(parent) ?? [];
    list.push(n.g);
    children.set(parent, list);
  }
  const column = new Map<number, number>();
  let columns = 0;
  placeTree(children, column, () => columns++);

  // Rows, top to bottom: drawn heights, with a band wherever levels are left out.
  const heights = [...visible].sort((a, b) => b - a);
  const rowY = new Map<number, number>();
  const bandY = new Map<Band, number>();
  let y = MARGINS.top + R;
  heights.forEach((height, i) => {
    if (i > 0) {
      const band = bands.find((b) => b.high === heights[i - 1] - 1 && b.low === height + 1);
      const step = band ? ROW + BAND / 2 : ROW;
      y += step;
      if (band) bandY.set(band, y - step / 2);
    }
    rowY.set(height, y);
  });
  const labelled = counts.leaves <= 48;
  const width = Math.max(MARGINS.left + columns * COL + MARGINS.right, 420);
  const height = y + R + (labelled ? ADDRESSES : MARGINS.bottom);
  const xOf = (g: number) => MARGINS.left + (column.get(g) ?? 0) * COL + COL / 2;
  const yOf = (g: number) => rowY.get(heightOf(g)) ?? 0;

  const svg = picture(width, height, `The proof over the tree, by height: ${caption(counts, tx.proof)}`, { class: 'token-tree', 'data-token-tree': tx.proof, width, height });
  const edges = s('g', { class: 'token-edges' });
  const drawn = s('g', { class: 'token-nodes' });
  svg.appendChild(edges);
  // Bands over the edges, which they hide, under the nodes.
  for (const band of bands) {
    const by = bandY.get(band);
    if (by === undefined) continue;
    const levels = band.high - band.low + 1;
    svg.appendChild(
      s(
        'g',
        { class: 'token-band', 'data-band': `${band.low}-${band.high}` },
        title(bandText(band)),
        s('rect', { x: 4, y: by - BAND / 2 + 4, width: width - 8, height: BAND - 8, rx: 4 }),
        s('text', { x: 10, y: by + 4 }, `⋮ heights ${band.low}–${band.high} (${levels} levels): each path node hashed with a default sibling`),
      ),
    );
  }
  for (const height of heights) {
    const label = height === TREE_DEPTH ? 'root' : height === 0 ? 'leaves' : `height ${height}`;
    svg.appendChild(s('text', { class: 'token-rowlabel', x: 6, y: (rowY.get(height) ?? 0) + 4 }, label));
  }
  svg.appendChild(drawn);
  for (const [parent, kids] of children) {
    for (const kid of kids) {
      const across = heightOf(parent) - heightOf(kid) > 1;
      edges.appendChild(s('line', { x1: xOf(parent), y1: yOf(parent), x2: xOf(kid), y2: yOf(kid), class: across ? 'token-across' : null }));
    }
  }
  for (const n of nodes.values()) {
    if (!visible.has(n.height) || !column.has(n.g)) continue;
    drawn.appendChild(drawNode(n, xOf(n.g), yOf(n.g), labelled));
  }

  const hint = h('p', { class: 'kit-muted kit-small token-scroll-hint', 'data-token-drawing-hint': true }, '↔ The tree is wider than this box: scroll it sideways. It opens on the root.');
  return h(
    'figure',
    { class: 'token-drawing', 'data-token-proof-drawing': tx.proof },
    h('figcaption', { 'data-token-drawing-caption': true }, caption(counts, tx.proof)),
    hint,
    wideFigure(svg, width, 'The proof drawing', hint, () => svg.querySelector('[data-gindex="1"]')),
    legend(
      'kit-legend token-legend',
      legendItem('leaf', 'account leaf: computed from the account'),
      legendItem('computed', 'computed by the verifier'),
      legendItem('given', 'given: sent in the proof, 32 bytes'),
      legendItem('default', 'default: an empty subtree, named by a bit, not sent'),
      counts.duplicates ? legendItem('given', '×n: in the proof n times, once for each branch that needs it') : null,
      counts.redundant ? legendItem('redundant', 'sent, though the verifier computes it (another branch’s path)') : null,
    ),
    bands.length ? h('p', { class: 'kit-muted kit-small' }, ...bands.map((b) => `${bandText(b)} `)) : null,
  );
}

// placeTree lays the drawn tree out from the root: leaves of the drawing
// take the next column, left to right; a parent sits above the middle of
// its children.
function placeTree(children: Map<number, number[]>, column: Map<number, number>, next: () => number): void {
  const visit = (g: number): number => {
    const kids = (children.get(g) ?? []).sort((a, b) => position(a) - position(b));
    let x: number;
    if (!kids.length) x = next();
    else {
      const xs = kids.map(visit);
      x = (xs[0] + xs[xs.length - 1]) / 2;
    }
    column.set(g, x);
    return x;
  };
  visit(1);
}

function drawNode(n: TreeNode, x: number, y: number, labelled: boolean): SVGGElement {
  const kind = kindOf(n);
  const times = n.sent + n.defaults;
  const redundant = kind === 'computed' && n.sent > 0;
  const g = s('g', {
    class: `token-node token-${kind}${redundant ? ' token-redundant' : ''}`,
    'data-node': kind,
    'data-gindex': n.g,
    'data-sent': times > 1 || redundant ? times : null,
    'data-redundant': redundant,
  });
  g.appendChild(title(nodeText(n, kind, redundant)));
  if (kind === 'leaf') {
    g.appendChild(s('rect', { x: x - R, y: y - R, width: 2 * R, height: 2 * R, rx: 3 }));
    if (labelled) {
      g.appendChild(s('text', { class: 'token-address', x: x - 3, y: y + R + 8, transform: `rotate(50 ${x - 3} ${y + R + 8})` }, addressHex(n.g - LEAF_BASE)));
    }
  } else {
    g.appendChild(s('circle', { cx: x, cy: y, r: R }));
  }
  if (times > 1) g.appendChild(s('text', { class: 'token-times', x: x + R + 1, y: y - R + 2 }, `×${times}`));
  return g;
}

function nodeText(n: TreeNode, kind: NodeKind, redundant: boolean): string {
  const where = `height ${n.height}, generalized index ${n.g}`;
  const times = n.sent + n.defaults > 1 ? ` (${n.sent + n.defaults} times: once per branch that needs it)` : '';
  switch (kind) {
    case 'leaf':
      return `The leaf of account ${addressHex(n.g - LEAF_BASE)} (generalized index ${n.g}): computed from the account's values`;
    case 'computed':
      return redundant
        ? `${where}: computed by the verifier, and sent too${times}, since another branch needs it as a sibling`
        : `${where}: computed by the verifier from its two children`;
    case 'given':
      return `${where}: given, 32 bytes of the proof${times}`;
    default:
      return `${where}: the default of an empty subtree, named by a bit and not sent${times}`;
  }
}

function bandText(b: Band): string {
  const levels = b.high - b.low + 1;
  return (
    `Heights ${b.low} to ${b.high} (${plural(levels, 'level')}) are not drawn: on each, every path node is hashed with a default sibling ` +
    `(${plural(b.computed, 'node')} computed, ${plural(b.defaults, 'default')} named by a bit).`
  );
}

function caption(c: ShapeCounts, proof: string): string {
  const how = proof === 'multi' ? 'one multiproof' : 'one branch per account';
  return (
    `${plural(c.leaves, 'account')} proven with ${how}: ${plural(c.given, 'helper node')} sent (${(c.given * 32).toLocaleString('en-US')} bytes), ` +
    `${plural(c.defaults, 'default')} named by a bit, ${plural(c.computed, 'node')} computed` +
    (c.duplicates ? `; ${plural(c.duplicates, 'node')} sent more than once` : '') +
    (c.redundant ? `; ${plural(c.redundant, 'node')} sent though computed` : '') +
    '.'
  );
}

function legendItem(kind: NodeKind | 'redundant', text: string): HTMLElement {
  const swatch = s('svg', { class: `token-node ${kind === 'redundant' ? 'token-computed token-redundant' : `token-${kind}`}`, width: 18, height: 18, viewBox: '0 0 18 18', 'aria-hidden': 'true' });
  swatch.appendChild(kind === 'leaf' ? s('rect', { x: 2, y: 2, width: 14, height: 14, rx: 3 }) : s('circle', { cx: 9, cy: 9, r: 7 }));
  return h('li', { 'data-legend': kind }, swatch, text);
}
