import { describe, expect, it } from 'vitest';
import { runTrafficBench } from './traffic-bench';

describe('runTrafficBench (quick)', () => {
  it('runs each workload to the end of its traffic and reports the same work every run', () => {
    for (const workload of ['bulk', 'manyFlows'] as const) {
      const r = runTrafficBench(workload, 'unique-id', { runs: 2, quick: true });
      expect(r.forwardedPackets).toBeGreaterThan(workload === 'bulk' ? 2_000 : 20 * 40);
      expect(r.forwardedPerSec.runs).toBe(2);
      expect(r.forwardedPerSec.min).toBeLessThanOrEqual(r.forwardedPerSec.max);
    }
  });

  it('does the same work without checkpointing, the prior art', () => {
    const a = runTrafficBench('bulk', 'unique-id', { runs: 1, quick: true });
    const b = runTrafficBench('bulk', 'none', { runs: 1, quick: true });
    expect(b.forwardedPackets).toBe(a.forwardedPackets);
  });
});
