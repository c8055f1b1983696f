import { SPACE } from '../layout-space';
import { stackLines, type Rect, type TextLine } from '../text-lines';
import { TEXT_STYLE, textWidth } from '../text-metrics';
import type { Point, TopologyLayout } from '../topology-types';

/**
 * The checkpoint server (FIG. 5A): a separate machine beside the router, drawn below it, with
 * its memory space split into one area per module — the base area and one for each module's
 * parts. The line from the firewall application to it carries the checkpoint writes there and
 * the records back during reassembly.
 */

export const SERVER_TITLE = 'checkpoint server';
/** Room for the widest count an area shows ("99,999"). */
const COUNT_TEMPLATE = '99,999';
const CELL = { padX: 6, padY: 4, gap: 6 } as const;
/** Between the router (or the lowest host) and the server. */
const SERVER_GAP = 28;

export interface AreaCell {
  readonly name: string;
  readonly rect: Rect;
  /** The area's name, then where its record count goes (anchored in the middle). */
  readonly label: TextLine;
  readonly count: TextLine;
}

export interface CheckpointServerLayout {
  readonly rect: Rect;
  readonly lines: readonly TextLine[];
  readonly areas: readonly AreaCell[];
  /** From the firewall application's box to the server. */
  readonly link: readonly Point[];
}

export interface SceneLayout extends TopologyLayout {
  /** Null when the scenario has no firewall (nothing is checkpointed). */
  readonly checkpointServer: CheckpointServerLayout | null;
}

const cellWidth = (names: readonly string[]) =>
  Math.max(...[...names, COUNT_TEMPLATE].map((t) => textWidth(t, 'detail'))) + 2 * CELL.padX;
const CELL_HEIGHT = 2 * TEXT_STYLE.detail.lineHeight + 2 * CELL.padY;

/** Adds the checkpoint server below the drawing, growing the canvas to hold it. */
export function withCheckpointServer(
  layout: TopologyLayout,
  areaNames: readonly string[],
): SceneLayout {
  const firewall = layout.routingProcessor.firewall;
  if (!firewall.enabled || areaNames.length === 0) return { ...layout, checkpointServer: null };
  const cell = cellWidth(areaNames);
  const usable = layout.width - 2 * SPACE.margin - 2 * SPACE.innerPad;
  const perRow = Math.max(
    1,
    Math.min(areaNames.length, Math.floor((usable + CELL.gap) / (cell + CELL.gap))),
  );
  const rows = Math.ceil(areaNames.length / perRow);
  const title = [{ text: SERVER_TITLE, kind: 'name' as const }];
  const titleHeight = TEXT_STYLE.name.lineHeight + SPACE.innerPad;
  const width = Math.max(
    perRow * cell + (perRow - 1) * CELL.gap + 2 * SPACE.innerPad,
    textWidth(SERVER_TITLE, 'name') + 2 * SPACE.innerPad,
  );
  const height = titleHeight + rows * (CELL_HEIGHT + CELL.gap) - CELL.gap + 2 * SPACE.innerPad;
  const fwMid = firewall.rect.x + firewall.rect.width / 2;
  const x = clamp(fwMid - width / 2, SPACE.margin, layout.width - SPACE.margin - width);
  const y = lowestEdge(layout) + SERVER_GAP;
  const rect = { x, y, width, height };
  const areas = areaNames.map((name, i) => {
    const row = Math.floor(i / perRow);
    const inRow = Math.min(perRow, areaNames.length - row * perRow);
    const rowWidth = inRow * cell + (inRow - 1) * CELL.gap;
    const cx = x + (width - rowWidth) / 2 + (i % perRow) * (cell + CELL.gap);
    const cy = y + SPACE.innerPad + titleHeight + row * (CELL_HEIGHT + CELL.gap);
    const [label, count] = stackLines(
      [
        { text: name, kind: 'detail' },
        { text: '', kind: 'detail' },
      ],
      cx + cell / 2,
      cy + CELL.padY,
      'middle',
    );
    return { name, rect: { x: cx, y: cy, width: cell, height: CELL_HEIGHT }, label, count };
  });
  const linkX = clamp(fwMid, x + SPACE.innerPad, x + width - SPACE.innerPad);
  return {
    ...layout,
    height: y + height + SPACE.margin,
    checkpointServer: {
      rect,
      lines: stackLines(title, x + SPACE.innerPad, y + SPACE.innerPad / 2, 'start'),
      areas,
      link: [
        { x: fwMid, y: firewall.rect.y + firewall.rect.height },
        { x: fwMid, y: (lowestEdge(layout) + y) / 2 },
        { x: linkX, y: (lowestEdge(layout) + y) / 2 },
        { x: linkX, y },
      ],
    },
  };
}

/** The bottom of everything drawn so far. */
function lowestEdge(layout: TopologyLayout): number {
  const boxes = [layout.router, ...layout.hosts, ...layout.ports].map((b) => b.rect);
  return Math.max(...boxes.map((r) => r.y + r.height));
}

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), Math.max(lo, hi));
