import { recover, type RecoveryResult } from '../engine/checkpoint/recovery';
import { Firewall } from '../engine/firewall/firewall';
import { NetworkContext } from '../engine/net/network-context';
import type { CheckpointConfig } from '../engine/scenarios/schema';
import { Pcg32 } from '../engine/sim/prng';
import { Scheduler } from '../engine/sim/scheduler';
import { figure, repeat, timeMs, type Figure } from './stats';
import { collectGarbage, fillTable, PARTS_PER_CONNECTION, type FilledTable } from './table-fill';

/**
 * `recovery`: reassembly throughput of the real recover() — fetch every record from the
 * checkpoint server, rebuild each base layer, attach each part by its connection id, take the
 * connections into a fresh firewall — for tables of 3-part connections, in both embodiments
 * (the firewall fetches every area, or each module fetches its own).
 *
 * No `none` counterpart: with strategy none recover() returns at once with nothing — there
 * is nothing to reassemble, so no throughput to compare against.
 */
export type Embodiment = CheckpointConfig['embodiment'];

export interface RecoveryOptions {
  readonly sizes?: readonly number[];
  readonly runs?: number;
  readonly embodiments?: readonly Embodiment[];
  /** Small sizes and few runs, for tests: behaviour, not figures. */
  readonly quick?: boolean;
}

export interface RecoveryRun {
  readonly connections: number;
  readonly embodiment: Embodiment;
  /** Records read and reassembled (connections × 3). */
  readonly records: number;
  readonly recordsPerSec: Figure;
  readonly wallMs: Figure;
  /** Checked on every run (a run that loses one throws): always equal to `connections` and 0. */
  readonly recovered: number;
  readonly lost: number;
}

export interface RecoveryBenchResult {
  readonly runs: RecoveryRun[];
  /**
   * Median records/s of the firewall embodiment (or the one run) at 1 M connections, else at
   * the largest size run.
   */
  readonly recordsPerSec: number;
  readonly recordsPerSecConnections: number;
}

export const RECOVERY_SIZES = [10_000, 100_000, 1_000_000] as const;
const QUICK_SIZES = [500, 2_000];
const EMBODIMENTS: readonly Embodiment[] = ['firewall', 'modules'];
const REFERENCE_CONNECTIONS = 1_000_000;

export function runRecoveryBench(options: RecoveryOptions = {}): RecoveryBenchResult {
  const quick = options.quick ?? false;
  const sizes = options.sizes ?? (quick ? QUICK_SIZES : RECOVERY_SIZES);
  const runs = options.runs ?? (quick ? 2 : 5);
  const embodiments = options.embodiments ?? EMBODIMENTS;
  const results: RecoveryRun[] = [];
  for (const connections of sizes) {
    // One table per size, filled once: recovery only reads the server, so every run (and
    // both embodiments) can reassemble the same records into a fresh firewall.
    const table = fillTable({ connections });
    for (const embodiment of embodiments) results.push(measureRecovery(table, embodiment, runs));
  }
  const preferred = embodiments.includes('firewall') ? 'firewall' : embodiments[0];
  const firewallRuns = results.filter((r) => r.embodiment === preferred);
  const reference =
    firewallRuns.find((r) => r.connections === REFERENCE_CONNECTIONS) ??
    firewallRuns.reduce((a, b) => (b.connections > a.connections ? b : a));
  return {
    runs: results,
    recordsPerSec: reference.recordsPerSec.median,
    recordsPerSecConnections: reference.connections,
  };
}

/** `runs` recoveries (after a warm-up) of the table's records into fresh firewalls; throws on any loss. */
export function measureRecovery(
  table: FilledTable,
  embodiment: Embodiment,
  runs: number,
): RecoveryRun {
  const connections = table.count;
  const records = connections * PARTS_PER_CONNECTION;
  let epoch = 1;
  const wallMs = repeat(runs, () => recoverOnce(table, embodiment, ++epoch), 1);
  return {
    connections,
    embodiment,
    records,
    recordsPerSec: figure(wallMs.map((ms) => records / (ms / 1000))),
    wallMs: figure(wallMs),
    recovered: connections,
    lost: 0,
  };
}

/**
 * One recovery into a fresh firewall instance, as after a restart; returns its wall time.
 * The instance is built as FirewallRuntime.start builds one, but in a context of its own:
 * a Firewall registers its sweep timer with the scheduler it is given, which then keeps the
 * instance (and its whole table) alive for good — five runs of a million connections would
 * all stay in the heap and slow every later run's garbage collection. Recovery itself never
 * touches the scheduler (it is given the time), and it writes nothing back, so no strategy is
 * attached.
 */
function recoverOnce(table: FilledTable, embodiment: Embodiment, epoch: number): number {
  const { sim, runtime, server } = table;
  const scheduler = new Scheduler();
  scheduler.nowUs = sim.nowUs;
  const ports = sim.router.ports;
  const target = new Firewall(
    sim.scenario.firewall,
    runtime.ruleset,
    {
      ctx: new NetworkContext(scheduler, sim.trace, new Pcg32(epoch)),
      portNames: ports.map((p) => p.name),
      portPrefixes: ports.map((p) => p.prefix),
      originate: (p) => sim.ctx.packets.release(p), // recovery sends nothing
    },
    epoch,
    runtime.shared,
  );
  const config = { ...sim.scenario.checkpoint, embodiment };
  let result: RecoveryResult | null = null;
  collectGarbage();
  const ms = timeMs(() => {
    result = recover({
      server,
      firewall: target,
      config,
      nowUs: sim.nowUs,
      reassemblyNsPerRecord: sim.scenario.supervisor.reassemblyNsPerRecord,
      trace: sim.trace,
      clockUs: () => sim.nowUs,
    });
  });
  check(result, table, target);
  return ms;
}

/** A benchmark of a recovery that lost anything is worthless: throw instead of reporting it. */
function check(r: RecoveryResult | null, table: FilledTable, target: Firewall): void {
  const n = table.count;
  const records = n * PARTS_PER_CONNECTION;
  if (
    r === null ||
    r.recovered !== n ||
    r.records !== records ||
    r.corrupt + r.orphans + r.incomplete + r.discarded !== 0 ||
    target.conntrack.table.count !== n
  ) {
    const found = r === null ? 'no result' : `${r.recovered} recovered from ${r.records} records`;
    throw new Error(`recovery bench: expected ${n} connections from ${records} records, ${found}`);
  }
}
