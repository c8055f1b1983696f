import { connectionSerial } from './connection-index';
import type { SceneGeometry } from './scene-geometry';
import type { RecordMove, SceneItems } from './scene-items';

/**
 * One picture of the scene as drawing instructions in flat columns: all paintFrame needs and
 * nothing more, so that it crosses to the worker that paints by transfer (no object per
 * packet, no string but the drop reasons shown). Everything that takes the page's knowledge
 * is decided here: positions, colours by connection, emphasis by selection, opacity by age.
 */
export interface PaintFrame {
  /** The canvas in device pixels, and how many device pixels a drawing unit is. */
  readonly widthPx: number;
  readonly heightPx: number;
  readonly pxPerUnit: number;
  /** BUSY_FIELDS per busy link direction: from x, y, to x, y, opacity. */
  readonly busy: Float32Array;
  /** MOVE_FIELDS per record on its way: x, y, MoveShape, size, opacity. */
  readonly moves: Float32Array;
  /**
   * FLIGHT_FIELDS per packet on a link: x, y, batch, FlightMark bits. Ordered by batch, so the
   * painter fills each batch's circles as one path. A batch is (hue + 1) × 4, + 2 when faint,
   * + 1 when the selected connection's (hue: the connection's colour, -1 when unknown).
   */
  readonly flights: Float32Array;
  /** DROP_FIELDS per drop: x, y, opacity, label (an index into `labels`, -1 for none). */
  readonly drops: Float32Array;
  /** The reasons written beside drops: the newest drop at each place gets one. */
  readonly labels: readonly string[];
}

/**
 * The colours of connections: Tableau's ten categorical colours (d3-scale-chromatic's
 * schemeTableau10), written out — the package builds all its schemes when loaded, 16 kB of the
 * page's script for these ten.
 */
export const CONNECTION_HUES = [
  '#4e79a7',
  '#f28e2c',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc949',
  '#af7aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ab',
] as const;

export const BUSY_FIELDS = 5;
export const MOVE_FIELDS = 5;
export const FLIGHT_FIELDS = 4;
export const DROP_FIELDS = 4;
/** Batches: the hues and unknown (grey), × faint, × selected. */
const BATCHES = (CONNECTION_HUES.length + 1) * 4;

/** A record's shape: a square written, a diamond read back, a hollow square deleted. */
export const MoveShape = { Write: 0, Read: 1, Delete: 2 } as const;

/** Bits of a packet that is drawn with an outline or a ring as well. */
export const FlightMark = { Lost: 1, Exposed: 2, Selected: 4 } as const;

export interface FrameView {
  readonly widthPx: number;
  readonly heightPx: number;
  readonly pxPerUnit: number;
  /** The selected connection: its packets and records larger and outlined, the rest faint. */
  readonly selected: string | null;
  /** prefers-reduced-motion: records shown where they arrive, drops not falling. */
  readonly still: boolean;
}

/** The frame that draws `items` (sceneItems) as `view` asks. */
export function paintFrameOf(
  items: SceneItems,
  geometry: SceneGeometry,
  view: FrameView,
): PaintFrame {
  const { widthPx, heightPx, pxPerUnit } = view;
  return {
    widthPx,
    heightPx,
    pxPerUnit,
    busy: busyColumns(items, geometry),
    moves: moveColumns(items, geometry, view),
    flights: flightColumns(items, view.selected),
    ...dropColumns(items, view),
  };
}

/** Recently busy link directions: a wash whose opacity grows with the packets in the window. */
function busyColumns(items: SceneItems, geometry: SceneGeometry): Float32Array {
  const out = new Float32Array(items.busy.size * BUSY_FIELDS);
  let at = 0;
  for (const [link, packets] of items.busy) {
    const path = geometry.paths.get(link);
    if (path === undefined) continue;
    out.set([path.from.x, path.from.y, path.to.x, path.to.y], at);
    out[at + 4] = Math.min(0.35, 0.05 + packets / 400);
    at += BUSY_FIELDS;
  }
  return out.subarray(0, at);
}

function moveColumns(items: SceneItems, geometry: SceneGeometry, view: FrameView): Float32Array {
  const out = new Float32Array(items.moves.length * MOVE_FIELDS);
  items.moves.forEach((m, i) => {
    const { x, y } = view.still ? arrival(m, geometry) : m.at;
    const faint = view.selected !== null && m.connection !== view.selected;
    const at = i * MOVE_FIELDS;
    out[at] = x;
    out[at + 1] = y;
    out[at + 2] = SHAPES[m.kind];
    out[at + 3] = m.connection !== null && m.connection === view.selected ? 9 : 6;
    // A deleted connection's square fades out; a record on its way dims as it goes.
    if (m.kind === 'delete') out[at + 4] = faint ? 0.15 : 1 - m.progress;
    else out[at + 4] = faint ? 0.2 : 1 - 0.5 * m.progress;
  });
  return out;
}

const SHAPES = { write: MoveShape.Write, read: MoveShape.Read, delete: MoveShape.Delete };

/** Where a record in flight is going: its area (a write) or its module's lane (a read). */
function arrival(m: RecordMove, geometry: SceneGeometry) {
  const route = geometry.routes.get(m.area);
  if (m.kind === 'delete' || route === undefined) return m.at;
  return (m.kind === 'write' ? route.at(-1) : route[0]) ?? m.at;
}

/** Packets, sorted by batch (a counting sort: the batches are few). */
function flightColumns(items: SceneItems, selected: string | null): Float32Array {
  const flights = items.flights;
  const hues = new Map<string | null, number>(); // packets of one connection share a colour
  const batchOf = new Uint8Array(flights.length);
  const starts = new Uint32Array(BATCHES + 1);
  flights.forEach((f, i) => {
    let hue = hues.get(f.connection);
    if (hue === undefined) hues.set(f.connection, (hue = hueOf(f.connection)));
    const mine = f.connection !== null && f.connection === selected;
    const faint = selected !== null && !mine;
    batchOf[i] = (hue + 1) * 4 + (faint ? 2 : 0) + (mine ? 1 : 0);
    starts[batchOf[i] + 1]++;
  });
  for (let b = 1; b <= BATCHES; b++) starts[b] += starts[b - 1];
  const out = new Float32Array(flights.length * FLIGHT_FIELDS);
  flights.forEach((f, i) => {
    const at = starts[batchOf[i]]++ * FLIGHT_FIELDS;
    const mine = (batchOf[i] & 1) === 1;
    out[at] = f.at.x;
    out[at + 1] = f.at.y;
    out[at + 2] = batchOf[i];
    out[at + 3] =
      (f.lost ? FlightMark.Lost : 0) |
      (f.exposed ? FlightMark.Exposed : 0) |
      (mine ? FlightMark.Selected : 0);
  });
  return out;
}

/** A connection's colour, stable by its serial; -1 when unknown (drawn grey). */
function hueOf(connection: string | null): number {
  return connection === null ? -1 : connectionSerial(connection) % CONNECTION_HUES.length;
}

/** A cross where each packet fell out; the newest drop at each place says why. */
function dropColumns(
  items: SceneItems,
  view: FrameView,
): { drops: Float32Array; labels: string[] } {
  const drops = new Float32Array(items.drops.length * DROP_FIELDS);
  const labels: string[] = [];
  const labelled = new Set<string>();
  items.drops.forEach((d, i) => {
    const at = i * DROP_FIELDS;
    const faint = view.selected !== null && d.connection !== view.selected;
    drops[at] = d.at.x;
    drops[at + 1] = d.at.y + (view.still ? 0 : 14 * d.age);
    drops[at + 2] = (faint ? 0.25 : 1) * (1 - 0.7 * d.age);
    const place = `${d.at.x},${d.at.y}`;
    if (labelled.has(place)) drops[at + 3] = -1;
    else {
      labelled.add(place);
      drops[at + 3] = labels.push(d.reason) - 1;
    }
  });
  return { drops, labels };
}

/** The typed arrays a frame transfers (their buffers move to the worker, not copied). */
export function frameBuffers(frame: PaintFrame): ArrayBuffer[] {
  const arrays = [frame.busy, frame.moves, frame.flights, frame.drops];
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}
