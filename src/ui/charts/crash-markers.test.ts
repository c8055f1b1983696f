import { describe, expect, it } from 'vitest';
import { crash } from './chart-fixture';
import { crashBands, crashMarkers, labelWidthPx, placeLabels } from './crash-markers';

describe('crashBands', () => {
  it('shades from the crash until the firewall was back in service', () => {
    expect(crashBands([crash(800_000, 1_050_000, 1_050_472)], 4_000_000)).toEqual([
      { fromUs: 800_000, toUs: 1_050_472 },
    ]);
  });

  it('runs to the end when the firewall never came back, and skips crashes past the end', () => {
    const crashes = [crash(800_000, null, null), crash(5_000_000, null, null)];
    expect(crashBands(crashes, 4_000_000)).toEqual([{ fromUs: 800_000, toUs: 4_000_000 }]);
  });
});

describe('crashMarkers', () => {
  it('marks the crash, the restart and the return to service, in time order', () => {
    const markers = crashMarkers(
      [crash(2_000_000, 2_250_000, 2_250_300), crash(800_000, 1_050_000, 1_050_472)],
      4_000_000,
    );
    expect(markers.map((m) => `${m.kind}@${m.timeUs}`)).toEqual([
      'crash@800000',
      'restart@1050000',
      'back@1050472',
      'crash@2000000',
      'restart@2250000',
      'back@2250300',
    ]);
  });

  it('leaves out what did not happen', () => {
    expect(crashMarkers([crash(800_000, 1_050_000, null)], 4_000_000)).toHaveLength(2);
  });
});

describe('placeLabels', () => {
  it('keeps labels apart on one row', () => {
    const placed = placeLabels(
      [
        { kind: 'crash', x: 10 },
        { kind: 'restart', x: 200 },
      ],
      500,
      3,
    );
    expect(placed.map((l) => l.row)).toEqual([0, 0]);
  });

  it('stacks labels that would overlap (a restart and "back" a millisecond apart)', () => {
    const placed = placeLabels(
      [
        { kind: 'crash', x: 100 },
        { kind: 'restart', x: 120 },
        { kind: 'back', x: 120.1 },
      ],
      500,
      3,
    );
    expect(placed.map((l) => l.row)).toEqual([0, 1, 2]);
  });

  it('reuses a lower row once it is free again', () => {
    const placed = placeLabels(
      [
        { kind: 'crash', x: 0 },
        { kind: 'restart', x: 5 },
        { kind: 'back', x: labelWidthPx('crash') + 1 },
      ],
      500,
      3,
    );
    expect(placed.map((l) => l.row)).toEqual([0, 1, 0]);
  });

  it('turns a label left of its line near the right edge', () => {
    const [label] = placeLabels([{ kind: 'back', x: 495 }], 500, 3);
    expect(label.anchor).toBe('end');
  });

  it('leaves out labels that find no free row', () => {
    const markers = [0, 1, 2, 3].map((x) => ({ kind: 'crash' as const, x }));
    expect(placeLabels(markers, 500, 3)).toHaveLength(3);
  });
});
