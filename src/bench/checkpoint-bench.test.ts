import { describe, expect, it } from 'vitest';
import { runCheckpointBench } from './checkpoint-bench';
import type { Figure } from './stats';

function expectFigure(f: Figure, runs: number): void {
  expect(f.runs).toBe(runs);
  expect(f.min).toBeGreaterThan(0);
  expect(f.min).toBeLessThanOrEqual(f.median);
  expect(f.median).toBeLessThanOrEqual(f.max);
}

describe('runCheckpointBench', () => {
  it('reports per-checkpoint and snapshot costs per size, their ratio, and the overhead vs none', () => {
    const result = runCheckpointBench({ quick: true, sizes: [200, 1_000] });
    expect(result.sizes.map((s) => s.connections)).toEqual([200, 1_000]);
    for (const size of result.sizes) {
      expectFigure(size.nsPerCheckpoint, 2);
      expectFigure(size.snapshotNs, 2);
      expect(size.snapshotRatio).toBeCloseTo(size.snapshotNs.median / size.nsPerCheckpoint.median);
      // A count, then per connection a part count and 3 length-prefixed records of 50+ bytes.
      expect(size.snapshotBytes).toBeGreaterThan(4 + size.connections * (1 + 3 * 54));
    }
    // Without a 100k run, the ratio is the largest size's.
    expect(result.snapshotRatioConnections).toBe(1_000);
    expect(result.snapshotRatio).toBe(result.sizes[1].snapshotRatio);
    expectFigure(result.overhead.uniqueIdNsPerConnection, 2);
    expectFigure(result.overhead.noneNsPerConnection, 2);
    expect(result.overhead.ratio).toBeCloseTo(
      result.overhead.uniqueIdNsPerConnection.median / result.overhead.noneNsPerConnection.median,
    );
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});
