import { describe, expect, it } from 'vitest';
import { Firewall } from '../firewall/firewall';
import { NetworkContext } from '../net/network-context';
import { buildReport } from '../report';
import { builtinScenarios } from '../scenarios/builtins';
import type { ScenarioInput } from '../scenarios/schema';
import { Pcg32 } from '../sim/prng';
import { Scheduler } from '../sim/scheduler';
import { createSimulation, type Simulation } from '../simulation';
import { encodeRecord } from './record';
import { Pace, STEPS_PER_PIECE } from './recovery-job';
import { recover, startRecovery, type RecoveryTarget } from './recovery';
import { tableView } from './table-view';

/** many-flows with enough connections for a recovery of many pieces, crashed at 4 s. */
function manyFlows(connections: number, crashes: number[]): ScenarioInput {
  const base = structuredClone(builtinScenarios['many-flows']);
  return {
    ...base,
    traffic: base.traffic?.map((t) => ({ ...t, connections })),
    faults: crashes.map((atUs) => ({ kind: 'firewall-crash' as const, atUs })),
  };
}

/** A fresh firewall instance reading the simulation's checkpoint server, as after a restart. */
function recoveryInto(sim: Simulation, epoch: number, stepsPerPiece?: number): RecoveryTarget {
  const runtime = sim.runtime;
  if (runtime === null) throw new Error('no firewall');
  const ports = sim.router.ports;
  const firewall = new Firewall(
    sim.scenario.firewall,
    runtime.ruleset,
    {
      ctx: new NetworkContext(new Scheduler(), sim.trace, new Pcg32(epoch)),
      portNames: ports.map((p) => p.name),
      portPrefixes: ports.map((p) => p.prefix),
      originate: (p) => sim.ctx.packets.release(p),
    },
    epoch,
    runtime.shared,
  );
  return {
    server: runtime.server,
    firewall,
    config: sim.scenario.checkpoint,
    nowUs: sim.nowUs,
    reassemblyNsPerRecord: sim.scenario.supervisor.reassemblyNsPerRecord,
    trace: sim.trace,
    clockUs: () => sim.nowUs,
    stepsPerPiece,
  };
}

describe('Pace', () => {
  it('fills a piece every stepsPerPiece steps', () => {
    const pace = new Pace(3);
    expect(Array.from({ length: 7 }, () => pace.tick())).toEqual([
      false,
      false,
      true,
      false,
      false,
      true,
      false,
    ]);
    expect(() => new Pace(0)).toThrow();
    expect(() => new Pace(1.5)).toThrow();
  });
});

describe('a recovery in pieces', () => {
  const sim = createSimulation(manyFlows(300, []));
  sim.runUntil(4_000_000);

  it('rebuilds what a recovery in one go rebuilds, its time growing piece by piece to the same cost', () => {
    const whole = recoveryInto(sim, 101);
    const oneGo = recover(whole);
    const pieces = recoveryInto(sim, 102, 7);
    const job = startRecovery(pieces);
    const elapsed: number[] = [];
    while (!job.done) {
      job.step();
      elapsed.push(job.elapsedUs);
    }
    expect(oneGo.recovered).toBeGreaterThan(200);
    expect(job.result).toEqual(oneGo);
    expect(elapsed.length).toBeGreaterThan((2 * oneGo.records) / 7);
    expect(elapsed.every((us, i) => i === 0 || us >= elapsed[i - 1])).toBe(true);
    expect(new Set(elapsed).size).toBeGreaterThan(10); // the time grows as it goes
    expect(elapsed[elapsed.length - 1]).toBe(oneGo.costUs);
    const views = tableView(whole.firewall).against(pieces.firewall);
    expect(views).toEqual({ lost: [], mismatched: [] });
  });

  it('moves the clock with every piece: checks first, connections taken into service last', () => {
    const job = startRecovery(recoveryInto(sim, 104, 64));
    const elapsed = [0];
    while (!job.done) {
      job.step();
      elapsed.push(job.elapsedUs);
    }
    expect(elapsed.length).toBeGreaterThan(20);
    expect(elapsed.every((us, i) => i === 0 || us > elapsed[i - 1])).toBe(true);
  });

  it('given up, puts back the ledger entries it had revived', () => {
    const other = createSimulation(manyFlows(300, []));
    other.runUntil(4_000_000);
    const ledger = other.runtime?.shared.ledger;
    const live = [...(other.firewall?.conntrack.table.live() ?? [])];
    if (ledger === undefined || live.length < 5) throw new Error('no table');
    const ended = live.slice(0, 5).map((c) => c.history);
    for (const h of ended) ledger.ended(h, 3_999_000, 'ended for the test');
    const job = startRecovery(recoveryInto(other, 105, 64));
    while (!ended.every((h) => h.endedAtUs === null)) job.step(); // revived with their bases
    expect(job.done).toBe(false);
    job.abandon();
    expect(ended.map((h) => [h.endedAtUs, h.endReason])).toEqual(
      ended.map(() => [3_999_000, 'ended for the test']),
    );
    expect(() => job.step()).toThrow(/after its end/);
  });

  it('refuses to go on when the checkpoint server was written between two pieces', () => {
    const job = startRecovery(recoveryInto(sim, 103, 5));
    job.step();
    expect(() => job.result).toThrow(/before it was done/);
    sim.runtime?.server.put(encodeRecord(0, 999_999, 1, new Uint8Array(3)));
    expect(() => job.step()).toThrow(/checkpoint server changed during a recovery/);
  });

  it('runs in the simulation one event a piece, spread from the restart to the return', () => {
    const crashed = createSimulation(manyFlows(1_500, [4_000_000]));
    const notes: number[] = [];
    crashed.trace.subscribe((e) => {
      if (e.kind === 'recovery') notes.push(e.atUs);
    });
    crashed.runUntil(6_000_000);
    const crash = buildReport(crashed).crashes[0];
    expect(crash).toMatchObject({ lost: 0, mismatches: 0, corrupt: 0, incomplete: 0 });
    expect(crash.records).toBeGreaterThan(STEPS_PER_PIECE * 2);
    const restart = crash.restartedAtUs ?? NaN;
    const back = crash.recoveredAtUs ?? NaN;
    expect(notes[0]).toBe(restart);
    expect(notes.every((us) => us >= restart && us < back)).toBe(true);
    expect(new Set(notes).size).toBeGreaterThan(2); // not all at the restart
  });

  it('a crash during the reassembly: the next recovery is checked against the table before the first crash', () => {
    const once = createSimulation(manyFlows(1_500, [4_000_000]));
    once.runUntil(3_999_999);
    const before = once.firewall?.conntrack.table.count ?? 0;
    // The restart is 250 ms after the crash; the reassembly of this table takes longer than 1 ms.
    const twice = createSimulation(manyFlows(1_500, [4_000_000, 4_250_001]));
    twice.runUntil(7_000_000);
    const [first, second] = buildReport(twice).crashes;
    expect(first).toMatchObject({ connectionsBefore: before, recoveredAtUs: null });
    expect(first.records).toBeGreaterThan(0); // what it had got to: it had fetched them
    expect(second).toMatchObject({ connectionsBefore: before, lost: 0, mismatches: 0 });
    expect(second.recovered).toBe(before);
    // Nothing the abandoned recovery revived stays live in the ledger without its connection.
    const inTable = new Set([...(twice.firewall?.conntrack.table.live() ?? [])].map((c) => c.id));
    const liveInLedger = (twice.runtime?.shared.ledger.entries ?? []).filter(
      (e) => e.endedAtUs === null,
    );
    expect(liveInLedger.length).toBeGreaterThan(0);
    const tableIds = new Set(
      [...(twice.firewall?.conntrack.table.live() ?? [])].map((c) => c.history.id),
    );
    expect(liveInLedger.every((e) => tableIds.has(e.id))).toBe(true);
    expect(inTable.size).toBe(tableIds.size);
  });

  it('takes no snapshot while the restarted firewall reassembles, and goes on after it', () => {
    const input = manyFlows(1_500, [500_000]);
    // Every connection opened in the first 0.4 s, and a snapshot every 1 ms: several fall due
    // while the table is rebuilt.
    input.traffic = input.traffic?.map((t) => ({ ...t, spreadUs: 400_000 }));
    input.checkpoint = { strategy: 'snapshot', snapshotIntervalUs: 1_000 };
    const sim = createSimulation(input);
    const snapshots: number[] = [];
    sim.trace.subscribe((e) => {
      if (e.kind === 'checkpoint.snapshot') snapshots.push(e.atUs);
    });
    sim.runUntil(800_000);
    const crash = buildReport(sim).crashes[0];
    const restart = crash.restartedAtUs ?? NaN;
    const back = crash.recoveredAtUs ?? NaN;
    expect(back - restart).toBeGreaterThan(3 * 1_000);
    expect(snapshots.some((us) => us >= restart && us < back)).toBe(false);
    expect(snapshots.some((us) => us > back)).toBe(true);
    expect(crash.recovered).toBeGreaterThan(0);
  });
});
