import type { ActNode, Figure } from './acts';

/**
 * Where everything of one flowchart goes, in SVG user units: the act numerals (with their run
 * counts) in a left column as in the patent's drawings, the boxes and decision diamonds down
 * the middle, a lane on the right for the "no" branches, and an End terminal. Every figure
 * gets the same height so the five line up in a row.
 */

export const FIGURE_WIDTH = 236;
/** Right edge of the numeral column (numerals and counts are right-aligned on it). */
export const NUMERAL_RIGHT = 46;
const CENTER_X = 136;
const BOX = { width: 150, height: 40 };
const DIAMOND = { width: 170, height: 44 };
const END = { width: 48, height: 18 };
const LANE_X = 229;
const TOP = 16;
const GAP = 18;
const END_GAP = 14;
/** Label font size and line height; the Svelte view uses the same numbers. */
export const LABEL_FONT = 11;
const LABEL_LINE = 13;
/** Estimated advance per character (DejaVu Sans, the widest common fallback), em. */
const LABEL_EM = 0.62;
const HEAD_LENGTH = 6;
const HEAD_HALF_WIDTH = 3.5;

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface TextAt extends Point {
  readonly text: string;
}

export interface NodeLayout {
  readonly node: ActNode;
  /** Bounding box of the shape. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** The shape's outline: a rectangle for an act, a diamond for a query. */
  readonly outline: string;
  readonly lines: readonly TextAt[];
  /** Baseline of the numeral and of the run count, both right-aligned on NUMERAL_RIGHT. */
  readonly numeralY: number;
  readonly countY: number;
  /** The badge behind the numeral when the act is lit. */
  readonly badge: { readonly x: number; readonly y: number; readonly width: number };
}

export interface EdgeLayout {
  /** The line, and the arrowhead at its end (a closed triangle). */
  readonly path: string;
  readonly head: string;
  readonly label: TextAt | null;
}

export interface FigureLayout {
  readonly figure: Figure;
  readonly nodes: readonly NodeLayout[];
  readonly edges: readonly EdgeLayout[];
  readonly end: { readonly x: number; readonly y: number; readonly width: number };
  readonly endHeight: number;
  /** The height this figure needs alone. */
  readonly height: number;
}

/** Estimated width of label text at LABEL_FONT, px. */
export function labelWidth(text: string): number {
  return [...text].length * LABEL_FONT * LABEL_EM;
}

/** The room for a label line in a node: a diamond narrows away from its middle. */
export function labelRoom(node: ActNode): number {
  if (node.kind === 'act') return BOX.width - 10;
  const halfLine = LABEL_FONT / 2 + 1;
  return DIAMOND.width * (1 - halfLine / (DIAMOND.height / 2)) - 8;
}

export function layoutFigure(figure: Figure): FigureLayout {
  const nodes: NodeLayout[] = [];
  const edges: EdgeLayout[] = [];
  let y = TOP;
  edges.push(arrow([at(CENTER_X, 0), at(CENTER_X, y)]));
  figure.nodes.forEach((node, i) => {
    const laid = placeNode(node, y);
    nodes.push(laid);
    const bottom = y + laid.height;
    const next = i + 1 < figure.nodes.length ? bottom + GAP : bottom + END_GAP;
    const yes = node.kind === 'query' ? at(CENTER_X + 5, bottom + 12, 'yes') : null;
    edges.push(arrow([at(CENTER_X, bottom), at(CENTER_X, next)], yes));
    y = next;
  });
  const end = { x: CENTER_X - END.width / 2, y, width: END.width };
  nodes.forEach((laid, i) => {
    const otherwise = laid.node.otherwise;
    if (otherwise === undefined) return;
    const tip = at(laid.x + laid.width, laid.y + laid.height / 2);
    const no = at(tip.x + 2, tip.y - 4, 'no');
    // Waiting loops back into the line entering the query; ending runs down to End.
    const entryY = i === 0 ? TOP / 2 : laid.y - GAP / 2;
    const route =
      otherwise === 'wait'
        ? [tip, at(LANE_X, tip.y), at(LANE_X, entryY), at(CENTER_X, entryY)]
        : [
            tip,
            at(LANE_X, tip.y),
            at(LANE_X, y + END.height / 2),
            at(end.x + END.width, y + END.height / 2),
          ];
    edges.push(arrow(route, no));
  });
  return { figure, nodes, edges, end, endHeight: END.height, height: y + END.height + 2 };
}

/** All five figures, with the height of the tallest (each is drawn that tall). */
export function layoutFigures(figures: readonly Figure[]): {
  figures: FigureLayout[];
  height: number;
} {
  const laid = figures.map(layoutFigure);
  return { figures: laid, height: Math.max(0, ...laid.map((f) => f.height)) };
}

function placeNode(node: ActNode, y: number): NodeLayout {
  const size = node.kind === 'query' ? DIAMOND : BOX;
  const x = CENTER_X - size.width / 2;
  const cy = y + size.height / 2;
  const outline =
    node.kind === 'query'
      ? `M${CENTER_X},${y}L${x + size.width},${cy}L${CENTER_X},${y + size.height}L${x},${cy}Z`
      : `M${x},${y}h${size.width}v${size.height}h${-size.width}Z`;
  const first = cy - ((node.label.length - 1) * LABEL_LINE) / 2;
  const lines = node.label.map((text, i) => at(CENTER_X, first + i * LABEL_LINE + 4, text));
  const numeralY = cy - 2;
  const badgeWidth = String(node.act).length * 7.5 + 6;
  return {
    node,
    x,
    y,
    width: size.width,
    height: size.height,
    outline,
    lines,
    numeralY,
    countY: cy + 13,
    badge: { x: NUMERAL_RIGHT + 3 - badgeWidth, y: numeralY - 11, width: badgeWidth },
  };
}

function at(x: number, y: number): Point;
function at(x: number, y: number, text: string): TextAt;
function at(x: number, y: number, text?: string): Point | TextAt {
  return text === undefined ? { x, y } : { x, y, text };
}

/** A polyline with an arrowhead whose tip is the last point. */
function arrow(points: readonly Point[], label: TextAt | null = null): EdgeLayout {
  const tip = points[points.length - 1];
  const from = points[points.length - 2];
  const length = Math.hypot(tip.x - from.x, tip.y - from.y) || 1;
  const ux = (tip.x - from.x) / length;
  const uy = (tip.y - from.y) / length;
  // The line stops at the head's base so it does not poke through the tip.
  const base = at(tip.x - ux * HEAD_LENGTH, tip.y - uy * HEAD_LENGTH);
  const line = [...points.slice(0, -1), base];
  const path = line.map((p, i) => `${i === 0 ? 'M' : 'L'}${round(p.x)},${round(p.y)}`).join('');
  const left = at(base.x - uy * HEAD_HALF_WIDTH, base.y + ux * HEAD_HALF_WIDTH);
  const right = at(base.x + uy * HEAD_HALF_WIDTH, base.y - ux * HEAD_HALF_WIDTH);
  const head = `M${round(tip.x)},${round(tip.y)}L${round(left.x)},${round(left.y)}L${round(right.x)},${round(right.y)}Z`;
  return { path, head, label };
}

const round = (n: number) => Math.round(n * 100) / 100;
