import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BUSY_FIELDS,
  DROP_FIELDS,
  FLIGHT_FIELDS,
  FlightMark,
  frameBuffers,
  MOVE_FIELDS,
  MoveShape,
  paintFrameOf,
} from './paint-frame';
import { flightAt as flight, frameView, NO_ITEMS as none } from './scene-fixture';
import type { SceneGeometry } from './scene-geometry';
import type { SceneItems } from './scene-items';

const geometry: SceneGeometry = {
  paths: new Map([['a → r eth0', { from: { x: 0, y: 10 }, to: { x: 100, y: 10 } }]]),
  entries: new Map(),
  fromRouter: new Set(),
  places: new Map(),
  lanes: new Map(),
  areas: new Map(),
  routes: new Map([
    [
      'tcp',
      [
        { x: 5, y: 5 },
        { x: 50, y: 80 },
      ],
    ],
  ]),
  firewall: { x: 0, y: 0 },
};

const view = frameView();

/** The frame's packets as [x, batch, marks] rows. */
function rows(flights: Float32Array): number[][] {
  const out: number[][] = [];
  for (let at = 0; at < flights.length; at += FLIGHT_FIELDS) {
    out.push([flights[at], flights[at + 2], flights[at + 3]]);
  }
  return out;
}

describe('a paint frame', () => {
  it('orders packets by batch: colour by connection serial, then faint and selected', () => {
    const items = {
      ...none,
      flights: [flight(1, 'tcp #3'), flight(2, null), flight(3, 'tcp #13'), flight(4, 'tcp #4')],
    };
    // hue = serial % 10; batch = (hue + 1) * 4 (+2 faint, +1 selected).
    expect(rows(paintFrameOf(items, geometry, view).flights)).toEqual([
      [2, 0, 0],
      [1, 16, 0],
      [3, 16, 0],
      [4, 20, 0],
    ]);
    const chosen = paintFrameOf(items, geometry, { ...view, selected: 'tcp #13' });
    expect(rows(chosen.flights)).toEqual([
      [2, 2, 0],
      [3, 17, FlightMark.Selected],
      [1, 18, 0],
      [4, 22, 0],
    ]);
  });

  it('keeps every packet once, batches in order, whatever the mix', () => {
    const arbitraryFlight = fc.record({
      x: fc.integer({ min: 0, max: 1000 }),
      connection: fc.option(fc.integer({ min: 0, max: 40 }).map((n) => `udp #${n}`)),
      lost: fc.boolean(),
      exposed: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(arbitraryFlight, { maxLength: 60 }), fc.boolean(), (made, pick) => {
        const flights = made.map((f) => flight(f.x, f.connection, f));
        const selected = pick && made.length > 0 ? flights[0].connection : null;
        const frame = paintFrameOf({ ...none, flights }, geometry, { ...view, selected });
        const got = rows(frame.flights);
        expect(got.map((r) => r[0]).sort()).toEqual(flights.map((f) => f.at.x).sort());
        expect(got.map((r) => r[1])).toEqual(got.map((r) => r[1]).sort((a, b) => a - b));
        const lost = flights.filter((f) => f.lost).length;
        expect(got.filter((r) => (r[2] & FlightMark.Lost) !== 0)).toHaveLength(lost);
      }),
    );
  });

  it('marks lost and exposed packets for their outline and ring', () => {
    const items = { ...none, flights: [flight(1, null, { lost: true, exposed: true })] };
    expect(rows(paintFrameOf(items, geometry, view).flights)).toEqual([
      [1, 0, FlightMark.Lost | FlightMark.Exposed],
    ]);
  });

  it('places records on their way, or where they arrive without motion, dimmed by age', () => {
    const items: SceneItems = {
      ...none,
      moves: [
        { kind: 'write', at: { x: 20, y: 30 }, area: 'tcp', connection: 'tcp #1', progress: 0.5 },
        { kind: 'read', at: { x: 20, y: 30 }, area: 'tcp', connection: 'tcp #2', progress: 0 },
        { kind: 'delete', at: { x: 7, y: 8 }, area: 'base', connection: 'tcp #1', progress: 0.25 },
      ],
    };
    const moving = paintFrameOf(items, geometry, { ...view, selected: 'tcp #1' }).moves;
    expect([...moving]).toEqual([
      ...[20, 30, MoveShape.Write, 9, 0.75],
      ...[20, 30, MoveShape.Read, 6, Math.fround(0.2)],
      ...[7, 8, MoveShape.Delete, 9, 0.75],
    ]);
    const still = paintFrameOf(items, geometry, { ...view, still: true }).moves;
    // A write shown at its area (the route's end), a read at its lane (the route's start).
    expect([still[0], still[1], still[MOVE_FIELDS], still[MOVE_FIELDS + 1]]).toEqual([
      50, 80, 5, 5,
    ]);
    expect([still[2 * MOVE_FIELDS], still[2 * MOVE_FIELDS + 1]]).toEqual([7, 8]);
  });

  it('labels the newest drop at each place only, and lets drops fall with age unless still', () => {
    const at = { x: 40, y: 50 };
    const items: SceneItems = {
      ...none,
      drops: [
        { at, reason: 'firewall down', connection: null, age: 0.5 },
        { at, reason: 'older', connection: null, age: 0.75 },
        { at: { x: 1, y: 2 }, reason: 'queue full', connection: null, age: 0 },
      ],
    };
    const frame = paintFrameOf(items, geometry, view);
    expect(frame.labels).toEqual(['firewall down', 'queue full']);
    expect([...frame.drops.subarray(0, DROP_FIELDS)]).toEqual([40, 57, Math.fround(0.65), 0]);
    expect(frame.drops[DROP_FIELDS + 3]).toBe(-1);
    expect(frame.drops[2 * DROP_FIELDS + 3]).toBe(1);
    expect(paintFrameOf(items, geometry, { ...view, still: true }).drops[1]).toBe(50);
  });

  it('washes known busy links by their packets, capped, and skips unknown ones', () => {
    const items = {
      ...none,
      busy: new Map([
        ['a → r eth0', 40],
        ['nowhere', 3],
      ]),
    };
    const busy = paintFrameOf(items, geometry, view).busy;
    expect(busy).toHaveLength(BUSY_FIELDS);
    expect([...busy]).toEqual([0, 10, 100, 10, Math.fround(0.15)]);
    const flooded = paintFrameOf(
      { ...none, busy: new Map([['a → r eth0', 4000]]) },
      geometry,
      view,
    );
    expect(flooded.busy[4]).toBe(Math.fround(0.35));
  });

  it('hands over the buffer of each of its columns', () => {
    const frame = paintFrameOf({ ...none, flights: [flight(1, null)] }, geometry, view);
    const buffers = frameBuffers(frame);
    for (const column of [frame.busy, frame.moves, frame.flights, frame.drops]) {
      expect(buffers).toContain(column.buffer);
    }
  });
});
