import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../report';
import { builtinScenarios } from '../scenarios/builtins';
import type { ScenarioInput } from '../scenarios/schema';
import { createSimulation } from '../simulation';
import { crc32 } from '../util/crc32';
import { emptyView, type TableView } from './table-view';

/** Scenarios with a table worth rebuilding, kept short so that many random cases fit a test run. */
const scenarios: Record<string, ScenarioInput> = {
  'ftp-crash': builtinScenarios['ftp-crash'],
  'video-call': builtinScenarios['video-call'],
  'blocked-address': builtinScenarios['blocked-address'],
  'many-flows (200)': {
    ...builtinScenarios['many-flows'],
    traffic: builtinScenarios['many-flows'].traffic?.map((t) => ({ ...t, connections: 70 })),
  },
};

const crashArb = fc.record({
  scenario: fc.constantFrom(...Object.keys(scenarios)),
  seed: fc.integer({ min: 1, max: 10_000 }),
  // At a random time, or at the n-th packet put on a link.
  at: fc.oneof(
    fc.integer({ min: 1_000, max: 1_500_000 }).map((atUs) => ({ atUs })),
    fc
      .integer({ min: 1, max: 3_000 })
      .map((count) => ({ atEvent: { kind: 'link.transmit', count } })),
  ),
});

function withCrash(
  name: string,
  at: object,
  checkpoint: ScenarioInput['checkpoint'],
): ScenarioInput {
  const s = structuredClone(scenarios[name]);
  return { ...s, checkpoint, faults: [{ kind: 'firewall-crash', ...at }] };
}

describe('recovery, for any scenario, seed and crash point', () => {
  it('unique-id (sync) rebuilds exactly the table as it was before the crash', () => {
    fc.assert(
      fc.property(crashArb, ({ scenario, seed, at }) => {
        const sim = createSimulation(
          withCrash(scenario, at, { strategy: 'unique-id', mode: 'sync' }),
          { seed },
        );
        sim.runUntil(3_000_000);
        const crash = buildReport(sim).crashes[0];
        if (crash === undefined || crash.recoveredAtUs === null) return; // traffic ended first
        expect(crash).toMatchObject({
          lost: 0,
          mismatches: 0,
          orphans: 0,
          corrupt: 0,
          incomplete: 0,
        });
        expect(crash.recovered).toBe(crash.connectionsBefore);
      }),
      { numRuns: 40 },
    );
  });

  it('unique-id (async) rebuilds exactly the state as of the last flush', () => {
    fc.assert(
      fc.property(
        crashArb,
        fc.integer({ min: 1, max: 40 }),
        ({ scenario, seed, at }, flushRecords) => {
          const checkpoint = {
            strategy: 'unique-id' as const,
            mode: 'async' as const,
            flushRecords,
            flushIntervalUs: 20_000,
          };
          const sim = createSimulation(withCrash(scenario, at, checkpoint), { seed });
          let durable = emptyView();
          let durableAtCrash: TableView | null = null;
          const runtime = sim.runtime;
          if (runtime === null) throw new Error('no firewall');
          runtime.onDurable = (view) => (durable = view);
          let found: ReturnType<TableView['against']> | null = null;
          sim.trace.subscribe((e) => {
            if (e.kind === 'firewall.crash') durableAtCrash = durable;
            if (e.kind === 'supervisor' && e.event === 'recovered' && sim.firewall)
              found = durableAtCrash?.against(sim.firewall) ?? null;
          });
          sim.runUntil(3_000_000);
          if (found === null) return;
          expect(found).toEqual({ lost: [], mismatched: [] });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('gives the same trace for the same seed, crash included', () => {
    const fingerprint = () => {
      const sim = createSimulation(withCrash('ftp-crash', { atUs: 700_000 }, {}), { seed: 3 });
      let crc = 0;
      sim.trace.subscribe((e) => {
        const text = JSON.stringify(e);
        crc = crc32(
          Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff),
          0,
          text.length,
          crc,
        );
      });
      sim.runUntil(1_500_000); // past the crash, restart and recovery
      return crc;
    };
    expect(fingerprint()).toBe(fingerprint());
  });
});

describe('the checkpoint memory over a long run', () => {
  it('tracks the live connections: records go when their connection goes', () => {
    const sim = createSimulation(scenarios['many-flows (200)']);
    let worst = 0;
    for (let t = 100_000; t <= 300_000_000; t += 100_000) {
      sim.runUntil(t);
      const fw = sim.firewall;
      const records = sim.runtime?.server.space.recordCount ?? 0;
      // A TCP connection has two records (base layer + TCP part); none may outlive it.
      worst = Math.max(worst, records - 2 * (fw?.conntrack.table.count ?? 0));
    }
    expect(worst).toBeLessThanOrEqual(0);
    expect(sim.firewall?.conntrack.table.count).toBe(0);
    expect(sim.runtime?.server.space.recordCount).toBe(0);
  });
});
