import {
  BUSY_FIELDS,
  CONNECTION_HUES,
  DROP_FIELDS,
  FLIGHT_FIELDS,
  FlightMark,
  MOVE_FIELDS,
  MoveShape,
  type PaintFrame,
} from './paint-frame';

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

/** The canvas paintFrame draws on: the page's own, or the one a worker was handed. */
export interface PaintTarget {
  width: number;
  height: number;
}

/**
 * Paints one frame of the scene (paintFrameOf decided what and where). Runs in the scene's
 * worker on its OffscreenCanvas, or on the page's thread where there is none.
 */
export function paintFrame(
  ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D,
  target: PaintTarget,
  frame: PaintFrame,
  palette: ScenePalette,
): void {
  if (target.width !== frame.widthPx) target.width = frame.widthPx;
  if (target.height !== frame.heightPx) target.height = frame.heightPx;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, target.width, target.height);
  const u = frame.pxPerUnit;
  ctx.setTransform(u, 0, 0, u, 0, 0);
  paintBusyLinks(ctx, frame.busy, palette);
  paintMoves(ctx, frame.moves, palette);
  paintFlights(ctx, frame.flights, palette);
  paintDrops(ctx, frame, palette);
  ctx.globalAlpha = 1;
}

type Context = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

function paintBusyLinks(ctx: Context, busy: Float32Array, palette: ScenePalette): void {
  ctx.lineCap = 'round';
  ctx.strokeStyle = palette.halo;
  ctx.lineWidth = 7;
  for (let at = 0; at < busy.length; at += BUSY_FIELDS) {
    ctx.globalAlpha = busy[at + 4];
    ctx.beginPath();
    ctx.moveTo(busy[at], busy[at + 1]);
    ctx.lineTo(busy[at + 2], busy[at + 3]);
    ctx.stroke();
  }
}

/** Records on their way: a square written, a diamond read back (shapes, not only colours). */
function paintMoves(ctx: Context, moves: Float32Array, palette: ScenePalette): void {
  for (let at = 0; at < moves.length; at += MOVE_FIELDS) {
    const [x, y, shape, size] = [moves[at], moves[at + 1], moves[at + 2], moves[at + 3]];
    ctx.globalAlpha = moves[at + 4];
    if (shape === MoveShape.Delete) {
      // Deleted: a hollow square over the base area, fading out.
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = palette.text;
      ctx.strokeRect(x - size, y - size, 2 * size, 2 * size);
    } else if (shape === MoveShape.Write) {
      ctx.fillStyle = palette.write;
      ctx.fillRect(x - size / 2, y - size / 2, size, size);
    } else {
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
}

/**
 * Packets on the links, batch by batch: one path per colour and emphasis, filled once, then
 * the outlines and rings of the few selected, lost or exposed packets (also in batch order:
 * where two overlap, the ring of the later batch is on top). A path and a fill per
 * packet were most of the scene's drawing with 2,000 packets on the links.
 */
function paintFlights(ctx: Context, flights: Float32Array, palette: ScenePalette): void {
  for (let at = 0; at < flights.length;) {
    const batch = flights[at + 2];
    const hue = (batch >> 2) - 1;
    const radius = (batch & 1) === 1 ? 5.5 : 3.5;
    ctx.globalAlpha = (batch & 2) === 2 ? 0.25 : 1;
    ctx.fillStyle = hue < 0 ? palette.unknown : CONNECTION_HUES[hue];
    ctx.beginPath();
    for (; at < flights.length && flights[at + 2] === batch; at += FLIGHT_FIELDS) {
      ctx.moveTo(flights[at] + radius, flights[at + 1]);
      ctx.arc(flights[at], flights[at + 1], radius, 0, 2 * Math.PI);
    }
    ctx.fill();
  }
  ctx.lineWidth = 1.5;
  for (let at = 0; at < flights.length; at += FLIGHT_FIELDS) {
    const marks = flights[at + 3];
    if (marks !== 0) paintMarks(ctx, flights, at, palette);
  }
}

function paintMarks(ctx: Context, flights: Float32Array, at: number, palette: ScenePalette) {
  const [x, y, batch, marks] = [flights[at], flights[at + 1], flights[at + 2], flights[at + 3]];
  const mine = (marks & FlightMark.Selected) !== 0;
  const lost = (marks & FlightMark.Lost) !== 0;
  ctx.globalAlpha = (batch & 2) === 2 ? 0.25 : 1;
  if (mine || lost) {
    ctx.beginPath();
    ctx.arc(x, y, mine ? 5.5 : 3.5, 0, 2 * Math.PI);
    ctx.strokeStyle = lost ? palette.drop : palette.text;
    ctx.stroke();
  }
  if ((marks & FlightMark.Exposed) !== 0) {
    // Unchecked (fail open): a ring around the packet, not only a colour.
    ctx.beginPath();
    ctx.arc(x, y, 7, 0, 2 * Math.PI);
    ctx.strokeStyle = palette.exposed;
    ctx.stroke();
  }
}

/** A cross where each packet fell out, its reason beside the newest one at each place. */
function paintDrops(ctx: Context, frame: PaintFrame, palette: ScenePalette): void {
  const drops = frame.drops;
  ctx.font = '600 11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  for (let at = 0; at < drops.length; at += DROP_FIELDS) {
    const [x, y, label] = [drops[at], drops[at + 1], drops[at + 3]];
    ctx.globalAlpha = drops[at + 2];
    ctx.strokeStyle = palette.drop;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(x - 4, y - 4);
    ctx.lineTo(x + 4, y + 4);
    ctx.moveTo(x + 4, y - 4);
    ctx.lineTo(x - 4, y + 4);
    ctx.stroke();
    if (label < 0) continue;
    // A halo in the page's colour keeps the reason legible over boxes and numbers.
    ctx.lineWidth = 3;
    ctx.strokeStyle = palette.page;
    ctx.strokeText(frame.labels[label], x + 8, y);
    ctx.fillStyle = palette.drop;
    ctx.fillText(frame.labels[label], x + 8, y);
  }
}
