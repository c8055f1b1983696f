import { TEXT_STYLE, textWidth, type TextKind } from './text-metrics';

/** One positioned line of SVG text: the layout places it, the view only renders it. */
export interface TextLine {
  readonly text: string;
  readonly kind: TextKind;
  readonly x: number;
  /** Baseline. */
  readonly y: number;
  readonly anchor: 'start' | 'middle' | 'end';
}

export interface TextItem {
  readonly text: string;
  readonly kind: TextKind;
}

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Each line sits in a slot of its line height; the baseline puts the glyphs mid-slot. */
function baselineIn(slotTop: number, kind: TextKind): number {
  const style = TEXT_STYLE[kind];
  return slotTop + style.lineHeight / 2 + style.size * 0.35;
}

export function blockHeight(items: readonly TextItem[]): number {
  return items.reduce((sum, item) => sum + TEXT_STYLE[item.kind].lineHeight, 0);
}

/** Lines stacked downwards from `top`, all anchored at x. */
export function stackLines(
  items: readonly TextItem[],
  x: number,
  top: number,
  anchor: TextLine['anchor'],
): TextLine[] {
  let slotTop = top;
  return items.map((item) => {
    const line = { ...item, x, y: baselineIn(slotTop, item.kind), anchor };
    slotTop += TEXT_STYLE[item.kind].lineHeight;
    return line;
  });
}

/** Lines centred horizontally and vertically in a rectangle. */
export function centredLines(items: readonly TextItem[], rect: Rect): TextLine[] {
  const top = rect.y + (rect.height - blockHeight(items)) / 2;
  return stackLines(items, rect.x + rect.width / 2, top, 'middle');
}

/** The estimated box the glyphs of a line cover (ascent ~0.8 em, descent ~0.25 em). */
export function lineBounds(line: TextLine): Rect {
  const width = textWidth(line.text, line.kind);
  const size = TEXT_STYLE[line.kind].size;
  const x =
    line.anchor === 'start'
      ? line.x
      : line.anchor === 'middle'
        ? line.x - width / 2
        : line.x - width;
  return { x, y: line.y - size * 0.8, width, height: size * 1.05 };
}
