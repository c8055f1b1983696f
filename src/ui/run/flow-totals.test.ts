import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FlowKind, FlowReport } from '../../engine';
import { flowTable } from './flow-rows';
import { FlowTotals } from './flow-totals';

const KINDS: FlowKind[] = ['tcp', 'ftp-data', 'sip-call'];

function report(i: number, kind: FlowKind, step: number, seed: number): FlowReport {
  const started = seed % 3 !== 0;
  const completed = seed % 5 === 1;
  return {
    id: `flow-${i}`,
    kind,
    bytesGoal: kind === 'sip-call' ? null : 1_000 + i,
    bytesDelivered: completed ? 1_000 + i : seed % 997,
    completed,
    completedAtUs: completed ? step : null,
    endedAtUs: completed ? step : null,
    aborted: seed % 11 === 2,
    error: seed % 11 === 2 ? 'reset' : null,
    retransmissions: seed % 7,
    maxStallUs: started ? step * 10 + (seed % 5) : 0,
    startedAtUs: started ? 0 : null,
  };
}

/** A refresh: some flows reported afresh (the others the same objects), maybe more flows. */
const refresh = fc.record({
  changed: fc.array(fc.nat({ max: 59 }), { maxLength: 12 }),
  added: fc.nat({ max: 6 }),
  seed: fc.nat(),
  finished: fc.boolean(),
  newRun: fc.boolean(),
});

describe('FlowTotals', () => {
  it('gives the same summary rows as adding every flow up afresh, refresh after refresh', () => {
    fc.assert(
      fc.property(fc.array(refresh, { minLength: 1, maxLength: 25 }), (refreshes) => {
        const totals = new FlowTotals();
        let flows: FlowReport[] = [];
        refreshes.forEach((r, step) => {
          const kindOf = (i: number) => KINDS[(i + (r.newRun ? r.seed : 0)) % 3];
          if (r.newRun) flows = flows.slice(0, r.seed % (flows.length + 1));
          flows = [...flows];
          for (let a = 0; a < r.added; a++)
            flows.push(report(flows.length, kindOf(flows.length), step, r.seed + a));
          for (const i of r.changed) {
            if (i < flows.length) flows[i] = report(i, flows[i].kind, step + 1, r.seed ^ i);
          }
          if (r.newRun) flows = flows.map((_, i) => report(i, kindOf(i), 0, r.seed + i));
          const kept = flowTable(flows, r.finished, 5, totals);
          expect(kept).toEqual(flowTable(flows, r.finished, 5));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('reads only the flows whose reports changed', () => {
    let reads = 0;
    const counted = (f: FlowReport) =>
      new Proxy(f, { get: (target, key) => (reads++, Reflect.get(target, key)) });
    const flows = Array.from({ length: 1_000 }, (_, i) => counted(report(i, 'tcp', 1, i)));
    const totals = new FlowTotals();
    totals.update(flows, false);
    expect(reads).toBeGreaterThan(1_000);
    const again = [...flows];
    again[7] = counted(report(7, 'tcp', 2, 8));
    reads = 0;
    const tcp = totals.update(again, false).get('tcp')!;
    expect(reads).toBeLessThan(40); // the old and the new report of flow 7, not 1,000 flows
    expect(tcp.flows).toBe(1_000);
  });
});
