import { SPACE } from './layout-space';
import { formatCount } from './run/quantity-format';
import { blockHeight, stackLines, type TextItem } from './text-lines';
import { TEXT_STYLE, textWidth } from './text-metrics';
import type { PortConfig, PortLayout, QueueLayout, Rect } from './topology-types';

/**
 * A router port's box: its name and prefix, then two rows showing how full its input buffer
 * ("in") and output queue ("out") are — a label, a bar and the packet count:
 *
 *     eth0
 *     192.0.2.0/24
 *     in  [████······]   3
 *     out [██········]   1
 */

const PAD_X = SPACE.boxPadX;
/** Height of one queue row; the bar is thinner and centred in it. */
export const QUEUE_ROW = 14;
export const QUEUE_BAR_HEIGHT = 6;
const BAR_MIN = 36;
const GAP = 6;
const LABELS = { input: 'in', output: 'out' } as const;
const labelWidth = Math.max(textWidth(LABELS.input, 'detail'), textWidth(LABELS.output, 'detail'));

const portText = (p: PortConfig): TextItem[] => [
  { text: p.name, kind: 'name' },
  { text: p.prefix, kind: 'detail' },
];

/** Name, prefix and the two queue rows, with a little room above and below. */
export const PORT_HEIGHT = Math.ceil(
  TEXT_STYLE.name.lineHeight + TEXT_STYLE.detail.lineHeight + 2 * QUEUE_ROW + 13,
);

/** Room for a packet count up to the router's largest queue capacity. */
export function countWidth(capacities: readonly number[]): number {
  return textWidth(formatCount(Math.max(0, ...capacities)), 'detail');
}

/** Narrowest port box that holds this port's text and a readable queue row. */
export function portMinWidth(port: PortConfig, counts: number): number {
  const text = Math.max(...portText(port).map((i) => textWidth(i.text, i.kind)));
  const queueRow = labelWidth + GAP + BAR_MIN + GAP + counts;
  return Math.max(96, text, queueRow) + 2 * PAD_X;
}

type PortBox = Pick<PortLayout, 'rect' | 'lines' | 'queues'>;

export function portBox(port: PortConfig, rect: Rect, counts: number): PortBox {
  const text = portText(port);
  const pad = (rect.height - blockHeight(text) - 2 * QUEUE_ROW) / 2;
  const rowsTop = rect.y + pad + blockHeight(text);
  const left = rect.x + PAD_X;
  const right = rect.x + rect.width - PAD_X;
  const trackX = left + labelWidth + GAP;
  const trackWidth = right - counts - GAP - trackX;

  const row = (label: string, index: number) => {
    const top = rowsTop + index * QUEUE_ROW;
    const slotTop = top + (QUEUE_ROW - TEXT_STYLE.detail.lineHeight) / 2;
    const [line] = stackLines([{ text: label, kind: 'detail' }], left, slotTop, 'start');
    const queue: QueueLayout = {
      track: {
        x: trackX,
        y: top + (QUEUE_ROW - QUEUE_BAR_HEIGHT) / 2,
        width: trackWidth,
        height: QUEUE_BAR_HEIGHT,
      },
      count: { x: right, y: line.y },
    };
    return { line, queue };
  };
  const input = row(LABELS.input, 0);
  const output = row(LABELS.output, 1);
  return {
    rect,
    lines: [
      ...stackLines(text, rect.x + rect.width / 2, rect.y + pad, 'middle'),
      input.line,
      output.line,
    ],
    queues: { input: input.queue, output: output.queue },
  };
}
