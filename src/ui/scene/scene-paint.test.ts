import { describe, expect, it } from 'vitest';
import { paintFrameOf } from './paint-frame';
import type { SceneGeometry } from './scene-geometry';
import type { SceneItems } from './scene-items';
import { flightAt as flight, frameView, NO_ITEMS as none, recordingContext } from './scene-fixture';
import { paintFrame, type ScenePalette } from './scene-paint';

const palette: ScenePalette = {
  unknown: 'grey',
  drop: 'red',
  write: 'blue',
  read: 'green',
  text: 'black',
  halo: 'halo',
  page: 'white',
  exposed: 'orange',
};
const geometry = {
  paths: new Map(),
  routes: new Map(),
} as unknown as SceneGeometry;
const view = frameView({ widthPx: 300, heightPx: 200, pxPerUnit: 1.5 });

describe('painting a frame', () => {
  it('sizes the canvas, clears it and draws in drawing units', () => {
    const { ctx, log } = recordingContext();
    const target = { width: 10, height: 10 };
    paintFrame(ctx, target, paintFrameOf(none, geometry, view), palette);
    expect(target).toEqual({ width: 300, height: 200 });
    expect(log.slice(0, 3)).toEqual([
      'setTransform 1 0 0 1 0 0',
      'clearRect 0 0 300 200',
      'setTransform 1.5 0 0 1.5 0 0',
    ]);
  });

  it('fills each colour of packets as one path, then outlines the marked ones', () => {
    const { ctx, log } = recordingContext();
    const flights = [
      flight(10, 'tcp #1'),
      flight(20, 'tcp #2', { lost: true }),
      flight(30, 'tcp #11'),
      flight(40, null, { exposed: true }),
    ];
    paintFrame(
      ctx,
      { width: 0, height: 0 },
      paintFrameOf({ ...none, flights }, geometry, view),
      palette,
    );
    const fills = log.filter((l) => l.startsWith('fill '));
    // Unknown (grey) first, then hue 1 (#1 and #11 together), then hue 2.
    expect(fills).toEqual(['fill grey @1', 'fill #f28e2c @1', 'fill #e15759 @1']);
    expect(log.filter((l) => l.startsWith('arc')).map((l) => l.split(' ')[1])).toEqual([
      ...['40', '10', '30', '20'],
      ...['40', '20'], // the exposed packet's ring, the lost one's outline
    ]);
    expect(log.filter((l) => l.startsWith('stroke '))).toEqual([
      'stroke orange @1',
      'stroke red @1',
    ]);
  });

  it('draws the selected connection larger and outlined, the others faint', () => {
    const { ctx, log } = recordingContext();
    const items = { ...none, flights: [flight(10, 'tcp #1'), flight(20, 'tcp #2')] };
    const frame = paintFrameOf(items, geometry, { ...view, selected: 'tcp #2' });
    paintFrame(ctx, { width: 0, height: 0 }, frame, palette);
    expect(log.filter((l) => l.startsWith('fill '))).toEqual([
      'fill #f28e2c @0.25',
      'fill #e15759 @1',
    ]);
    expect(log).toContain('arc 20 1 5.5 0 6.283185307179586');
    expect(log.filter((l) => l.startsWith('stroke '))).toEqual(['stroke black @1']);
  });

  it('writes a drop reason once per place, over a halo in the page colour', () => {
    const { ctx, log } = recordingContext();
    const at = { x: 5, y: 6 };
    const items: SceneItems = {
      ...none,
      drops: [
        { at, reason: 'no route', connection: null, age: 0 },
        { at, reason: 'no route', connection: null, age: 0.5 },
      ],
    };
    paintFrame(ctx, { width: 0, height: 0 }, paintFrameOf(items, geometry, view), palette);
    expect(log.filter((l) => l.includes('Text'))).toEqual([
      'strokeText no route 13 6',
      'fillText no route 13 6',
    ]);
    expect(log.filter((l) => l.startsWith('stroke '))).toEqual([
      'stroke red @1',
      'stroke red @0.6499999761581421',
    ]);
  });
});
