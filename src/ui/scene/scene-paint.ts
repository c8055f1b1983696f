import { connectionSerial } from './connection-index';
import type { SceneItems } from './scene-items';
import type { SceneGeometry } from './scene-geometry';

/** Colours the page's theme defines (read from its CSS custom properties once). */
export interface ScenePalette {
  readonly unknown: string;
  readonly drop: string;
  readonly write: string;
  readonly read: string;
  readonly text: string;
  readonly halo: string;
  readonly page: string;
  readonly exposed: string;
}

/**
 * Tableau's ten categorical colours (d3-scale-chromatic's schemeTableau10), written out: the
 * package builds all its schemes when loaded, 16 kB of the page's script for these ten.
 */
const TABLEAU10 = [
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

/**
 * Index in TABLEAU10 of a connection's colour, -1 when unknown (drawn grey): stable per
 * connection, by its serial.
 */
function hueOf(connection: string | null): number {
  return connection === null ? -1 : connectionSerial(connection) % TABLEAU10.length;
}

/**
 * Paints one instant of the scene. Drawing only: what to draw and where was decided by
 * sceneItems. With a connection selected, its packets and records are drawn larger and
 * outlined, everything else faint — the selection is visible by size, not only by colour.
 * `still` (prefers-reduced-motion): records are shown where they arrive and drops do not fall.
 */
export function paintScene(
  ctx: CanvasRenderingContext2D,
  items: SceneItems,
  geometry: SceneGeometry,
  palette: ScenePalette,
  selected: string | null,
  still = false,
): void {
  const faint = (connection: string | null) => selected !== null && connection !== selected;
  paintBusyLinks(ctx, items, geometry, palette);
  for (const m of items.moves) {
    const { x, y } = still ? arrival(m, geometry) : m.at;
    const size = m.connection !== null && m.connection === selected ? 9 : 6;
    if (m.kind === 'delete') {
      // Deleted: a hollow square over the base area, fading out (a shape, not only a colour).
      ctx.globalAlpha = faint(m.connection) ? 0.15 : 1 - m.progress;
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = palette.text;
      ctx.strokeRect(x - size, y - size, 2 * size, 2 * size);
      continue;
    }
    ctx.globalAlpha = faint(m.connection) ? 0.2 : 1 - 0.5 * m.progress;
    if (m.kind === 'write') {
      ctx.fillStyle = palette.write;
      ctx.fillRect(x - size / 2, y - size / 2, size, size);
    } else {
      // Read back: a diamond, so a read and a write differ in shape, not only in colour.
      ctx.fillStyle = palette.read;
      const r = size * 0.7;
      ctx.beginPath();
      ctx.moveTo(x, y - r);
      ctx.lineTo(x + r, y);
      ctx.lineTo(x, y + r);
      ctx.lineTo(x - r, y);
      ctx.closePath();
      ctx.fill();
    }
  }
  paintFlights(ctx, items.flights, palette, selected);
  paintDrops(ctx, items, palette, faint, still);
  ctx.globalAlpha = 1;
}

/**
 * Packets on the links. Batched: one path per colour and emphasis, filled once, then the
 * outlines and rings the few selected, lost or exposed packets need. A path and a fill per
 * packet, and a colour worked out per packet, were most of the scene's drawing with 2,000
 * packets on the links.
 */
function paintFlights(
  ctx: CanvasRenderingContext2D,
  flights: SceneItems['flights'],
  palette: ScenePalette,
  selected: string | null,
): void {
  const hues = new Map<string | null, number>(); // packets of one connection share a colour
  // Batch b: hue + 1 (0 = unknown), then × 2 for faint, × 2 for the selected connection's.
  const batches: (typeof flights)[number][][] = Array.from({ length: 44 }, () => []);
  const marked: (typeof flights)[number][] = [];
  for (const f of flights) {
    let hue = hues.get(f.connection);
    if (hue === undefined) hues.set(f.connection, (hue = hueOf(f.connection)));
    const mine = f.connection !== null && f.connection === selected;
    const faint = selected !== null && !mine;
    batches[(hue + 1) * 4 + (faint ? 2 : 0) + (mine ? 1 : 0)].push(f);
    if (mine || f.lost || f.exposed) marked.push(f);
  }
  batches.forEach((batch, b) => {
    if (batch.length === 0) return;
    const hue = (b >> 2) - 1;
    const radius = (b & 1) === 1 ? 5.5 : 3.5;
    ctx.globalAlpha = (b & 2) === 2 ? 0.25 : 1;
    ctx.fillStyle = hue < 0 ? palette.unknown : TABLEAU10[hue];
    ctx.beginPath();
    for (const f of batch) {
      ctx.moveTo(f.at.x + radius, f.at.y);
      ctx.arc(f.at.x, f.at.y, radius, 0, 2 * Math.PI);
    }
    ctx.fill();
  });
  ctx.lineWidth = 1.5;
  for (const f of marked) {
    const mine = f.connection !== null && f.connection === selected;
    ctx.globalAlpha = selected !== null && !mine ? 0.25 : 1;
    if (mine || f.lost) {
      ctx.beginPath();
      ctx.arc(f.at.x, f.at.y, mine ? 5.5 : 3.5, 0, 2 * Math.PI);
      ctx.strokeStyle = f.lost ? palette.drop : palette.text;
      ctx.stroke();
    }
    if (f.exposed) {
      // Unchecked (fail open): a ring around the packet, not only a colour.
      ctx.beginPath();
      ctx.arc(f.at.x, f.at.y, 7, 0, 2 * Math.PI);
      ctx.strokeStyle = palette.exposed;
      ctx.stroke();
    }
  }
}

/** Where a record in flight is going: its area (a write) or its module's lane (a read). */
function arrival(m: SceneItems['moves'][number], geometry: SceneGeometry) {
  const route = geometry.routes.get(m.area);
  if (m.kind === 'delete' || route === undefined) return m.at;
  return (m.kind === 'write' ? route.at(-1) : route[0]) ?? m.at;
}

/** Recently busy link directions get a wash proportional to their packets in the window. */
function paintBusyLinks(
  ctx: CanvasRenderingContext2D,
  items: SceneItems,
  geometry: SceneGeometry,
  palette: ScenePalette,
): void {
  ctx.lineCap = 'round';
  for (const [link, packets] of items.busy) {
    const path = geometry.paths.get(link);
    if (path === undefined) continue;
    ctx.globalAlpha = Math.min(0.35, 0.05 + packets / 400);
    ctx.strokeStyle = palette.halo;
    ctx.lineWidth = 7;
    ctx.beginPath();
    ctx.moveTo(path.from.x, path.from.y);
    ctx.lineTo(path.to.x, path.to.y);
    ctx.stroke();
  }
}

/** A cross where each packet fell out, its reason beside the newest one at each place. */
function paintDrops(
  ctx: CanvasRenderingContext2D,
  items: SceneItems,
  palette: ScenePalette,
  faint: (connection: string | null) => boolean,
  still: boolean,
): void {
  const labelled = new Set<string>();
  ctx.font = '600 11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  for (const d of items.drops) {
    const fall = still ? 0 : 14 * d.age;
    const x = d.at.x;
    const y = d.at.y + fall;
    ctx.globalAlpha = (faint(d.connection) ? 0.25 : 1) * (1 - 0.7 * d.age);
    ctx.strokeStyle = palette.drop;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(x - 4, y - 4);
    ctx.lineTo(x + 4, y + 4);
    ctx.moveTo(x + 4, y - 4);
    ctx.lineTo(x - 4, y + 4);
    ctx.stroke();
    const key = `${d.at.x},${d.at.y}`;
    if (labelled.has(key)) continue;
    labelled.add(key);
    // A halo in the page's colour keeps the reason legible over boxes and numbers.
    ctx.lineWidth = 3;
    ctx.strokeStyle = palette.page;
    ctx.strokeText(d.reason, x + 8, y);
    ctx.fillStyle = palette.drop;
    ctx.fillText(d.reason, x + 8, y);
  }
}
