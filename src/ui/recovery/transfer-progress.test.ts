import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildReport, createSimulation, type FlowReport } from '../../engine';
import { computeOverview } from '../overview/overview';
import { buildScenario, defaultConfig } from '../run/run-config';
import {
  flatForUs,
  MainTransfer,
  mainTransfer,
  stallText,
  STALL_US,
  transferProgress,
} from './transfer-progress';

const flow = (over: Partial<FlowReport>): FlowReport => ({
  id: 'f',
  kind: 'tcp',
  bytesGoal: 1_000,
  bytesDelivered: 0,
  completed: false,
  completedAtUs: null,
  endedAtUs: null,
  aborted: false,
  error: null,
  retransmissions: 0,
  maxStallUs: 0,
  startedAtUs: 0,
  ...over,
});

/** ftp-crash's main transfer at `atUs`, with the overview of the whole run. */
function ftpCrashAt(atUs: number, strategy: 'unique-id' | 'none') {
  const scenario = buildScenario({ ...defaultConfig('ftp-crash'), strategy });
  const sim = createSimulation(scenario);
  sim.runUntil(atUs);
  const main = mainTransfer(buildReport(sim).flows);
  if (main === null) throw new Error('ftp-crash has a main transfer');
  return { main, overview: computeOverview(scenario) };
}

describe('mainTransfer', () => {
  it('picks the flow with the largest goal, the first of equals', () => {
    const flows = [
      flow({ id: 'control', bytesGoal: null }),
      flow({ id: 'a', bytesGoal: 5 }),
      flow({ id: 'b', bytesGoal: 9 }),
      flow({ id: 'c', bytesGoal: 9 }),
    ];
    expect(mainTransfer(flows)?.id).toBe('b');
    expect(mainTransfer([flow({ bytesGoal: null })])).toBeNull();
  });
});

describe('MainTransfer', () => {
  const goals = fc.array(fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }), {
    maxLength: 40,
  });

  it("finds what mainTransfer finds in each report of a run whose flows grow, and in a new run's", () => {
    fc.assert(
      fc.property(goals, goals, fc.array(fc.nat(40), { maxLength: 8 }), (a, b, cuts) => {
        const runs = [a, b].map((g) => ({
          scenario: {},
          flows: g.map((bytesGoal, i) => flow({ id: `f${i}`, bytesGoal })),
        }));
        const finder = new MainTransfer();
        // Reports of run a growing (a replay may start it over with fewer), then of run b.
        for (const [run, length] of [
          ...cuts.map((n) => [runs[0], n] as const),
          [runs[1], b.length] as const,
        ]) {
          // A flow's report is a new object each refresh: what is found is the one given now.
          const reports = run.flows.slice(0, length).map((f) => ({ ...f }));
          expect(finder.of(run.scenario, reports)).toBe(mainTransfer(reports));
        }
      }),
    );
  });
});

describe('flatForUs', () => {
  const series = {
    id: 'f',
    kind: 'tcp' as const,
    bytesGoal: 10,
    delivered: [1, 2, 2, 2],
    completedAtUs: null,
    endedAtUs: null,
  };
  const times = [100, 200, 300, 400];

  it('measures the flat stretch ending at the latest sample', () => {
    expect(flatForUs(series, times, 450, 2)).toBe(250);
    expect(flatForUs(series, times, 150, 1)).toBe(50);
  });

  it('is null when the flow moved since that sample, or before the first sample', () => {
    expect(flatForUs(series, times, 450, 3)).toBeNull();
    expect(flatForUs(series, times, 50, 0)).toBeNull();
  });
});

describe('transferProgress', () => {
  it('rounds down, so 100% means every byte arrived', () => {
    const p = transferProgress(flow({ bytesDelivered: 999 }), 0, false, null);
    expect(p).toMatchObject({ percent: 99, percentText: '99%', state: 'running' });
    const done = flow({ bytesDelivered: 1_000, completed: true, completedAtUs: 2_282_855 });
    expect(transferProgress(done, 3_000_000, false, null)).toMatchObject({
      percentText: '100%',
      fraction: 1,
      state: 'completed',
      stateText: 'completed at 2.283 s',
      bytesText: '1.00 kB / 1.00 kB',
    });
  });

  it('names a transfer that ended badly, and one the run ended without', () => {
    const aborted = flow({ aborted: true, error: 'connection reset' });
    expect(transferProgress(aborted, 0, false, null)).toMatchObject({
      state: 'aborted',
      stateText: 'aborted: connection reset',
    });
    expect(transferProgress(flow({}), 0, true, null).stateText).toBe('did not complete');
  });

  it('ftp-crash: stalled while the firewall is down, moving again after recovery', () => {
    const down = ftpCrashAt(1_100_000, 'unique-id');
    const stalled = transferProgress(down.main, 1_100_000, false, down.overview);
    expect(down.main.id).toBe('download/data');
    expect(stalled.state).toBe('stalled');
    expect(stalled.stateText).toMatch(/^stalled: nothing delivered for \d+ ms$/);
    expect(stalled.percent).toBeGreaterThan(0);
    const later = ftpCrashAt(1_800_000, 'unique-id');
    expect(transferProgress(later.main, 1_800_000, false, later.overview).state).toBe('running');
  });

  it('ftp-crash with the prior art: still stalled long after the restart', () => {
    const { main, overview } = ftpCrashAt(3_000_000, 'none');
    const p = transferProgress(main, 3_000_000, false, overview);
    expect(p.state).toBe('stalled');
    expect(p.percent).toBeLessThan(100);
  });

  it('cannot tell a stall without the overview', () => {
    expect(transferProgress(flow({ bytesDelivered: 5 }), 9e6, false, null).state).toBe('running');
  });
});

describe('stallText', () => {
  it('gives milliseconds for short stalls and seconds for long ones', () => {
    expect(stallText(STALL_US)).toBe('200 ms');
    expect(stallText(599_200_000)).toBe('599.2 s');
  });
});
