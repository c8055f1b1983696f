import { CheckpointServer } from '../engine/checkpoint/checkpoint-server';
import { CheckpointStats } from '../engine/checkpoint/checkpoint-stats';
import { SnapshotCheckpointer } from '../engine/checkpoint/snapshot-checkpointer';
import type { CheckpointHooks } from '../engine/firewall/checkpoint-hooks';
import { AREA_NAMES, areaOfModule } from '../engine/firewall/part-records';
import { ModuleId } from '../engine/firewall/modules/module-ids';
import { figure, repeat, timeMs, type Figure } from './stats';
import {
  benchSimulation,
  collectGarbage,
  fillTable,
  openConnections,
  type FilledTable,
  type FillStrategy,
} from './table-fill';

/**
 * `checkpoint`: what one state-change checkpoint costs with unique-id (the invention) against
 * what a whole-table snapshot (the prior art) costs, on the same table. The ratio is the point
 * of the patent: a write per change stays the same size however big the table grows, a
 * snapshot grows with it.
 *
 * The `none` strategy has no checkpoint to time (its hooks do nothing: 0 ns, and a ratio
 * against 0 says nothing). What it does give is the price of checkpointing where the firewall
 * pays it — per connection opened: `overhead` times the same handshakes through the firewall
 * with unique-id (sync) and with none.
 */
export interface CheckpointOptions {
  readonly sizes?: readonly number[];
  readonly runs?: number;
  /** Small sizes and few runs, for tests: behaviour, not figures. */
  readonly quick?: boolean;
}

export interface CheckpointSizeResult {
  readonly connections: number;
  /** One unique-id state-change checkpoint of a TCP part: digest, encode, server write. */
  readonly nsPerCheckpoint: Figure;
  /** One whole-table snapshot: every part of every connection encoded, the blob stored. */
  readonly snapshotNs: Figure;
  readonly snapshotBytes: number;
  /** snapshotNs median / nsPerCheckpoint median. */
  readonly snapshotRatio: number;
}

export interface CheckpointOverhead {
  readonly connections: number;
  /** Wall time per connection opened (three segments through the firewall). */
  readonly uniqueIdNsPerConnection: Figure;
  readonly noneNsPerConnection: Figure;
  /** uniqueId median / none median: what sync checkpointing multiplies a new connection's cost by. */
  readonly ratio: number;
}

export interface CheckpointResult {
  readonly sizes: CheckpointSizeResult[];
  /** The ratio at 100k connections (the target: ≥ 100), else at the largest size run. */
  readonly snapshotRatio: number;
  readonly snapshotRatioConnections: number;
  readonly overhead: CheckpointOverhead;
}

export const CHECKPOINT_SIZES = [10_000, 100_000, 1_000_000] as const;
const QUICK_SIZES = [500, 2_000];
const RATIO_CONNECTIONS = 100_000;
const TCP_AREA = areaOfModule(ModuleId.tcp);
/** At least this many checkpoints per run, so a small table is written over several passes. */
const MIN_CHECKPOINTS_PER_RUN = 200_000;
/** Any state-change digest differs from NaN: a part marked like this counts as changed. */
const UNWRITTEN = NaN;

export function runCheckpointBench(options: CheckpointOptions = {}): CheckpointResult {
  const quick = options.quick ?? false;
  const sizes = options.sizes ?? (quick ? QUICK_SIZES : CHECKPOINT_SIZES);
  const runs = options.runs ?? (quick ? 2 : 5);
  const results = sizes.map((n) => measureSize(n, runs, quick));
  const reference =
    results.find((r) => r.connections === RATIO_CONNECTIONS) ??
    results.reduce((a, b) => (b.connections > a.connections ? b : a));
  return {
    sizes: results,
    snapshotRatio: reference.snapshotRatio,
    snapshotRatioConnections: reference.connections,
    overhead: measureOverhead(quick ? 500 : 20_000, runs),
  };
}

function measureSize(connections: number, runs: number, quick: boolean): CheckpointSizeResult {
  const table = fillTable({ connections });
  const passes = quick ? 1 : Math.ceil(MIN_CHECKPOINTS_PER_RUN / connections);
  const perCheckpoint = repeat(runs, () => checkpointPasses(table, passes), 1);
  const snapshots = snapshotTaker(table);
  const snapshotNs = repeat(runs, () => snapshots.take() * 1e6, 1);
  const checkpoint = figure(perCheckpoint);
  const snapshot = figure(snapshotNs);
  return {
    connections,
    nsPerCheckpoint: checkpoint,
    snapshotNs: snapshot,
    snapshotBytes: snapshots.bytes(),
    snapshotRatio: snapshot.median / checkpoint.median,
  };
}

/**
 * Writes every connection's TCP part `passes` times through the firewall's own unique-id
 * strategy (its `tracked` hook, the path a state-changing packet takes) and returns ns per
 * write. The part is marked as written with another state first, so the hook sees a change.
 */
function checkpointPasses(table: FilledTable, passes: number): number {
  const { runtime, server } = table;
  const connections = table.connections();
  const hooks: CheckpointHooks = table.firewall.conntrack.hooks;
  const storedBefore = server.stats.stored;
  const refusedBefore = runtime.stats.refused;
  collectGarbage();
  const ms = timeMs(() => {
    for (let pass = 0; pass < passes; pass++) {
      for (const conn of connections) {
        conn.setWritten(TCP_AREA, UNWRITTEN);
        hooks.tracked(conn, TCP_AREA);
      }
    }
  });
  hooks.takeWriteCostUs();
  const writes = passes * connections.length;
  if (server.stats.stored - storedBefore !== writes || runtime.stats.refused !== refusedBefore) {
    throw new Error(
      `checkpoint bench: ${writes} writes expected, the server did not store them all`,
    );
  }
  return (ms * 1e6) / writes;
}

/**
 * The prior art's SnapshotCheckpointer over the same firewall, with a server of its own (so
 * the blob does not count against the unique-id records' memory). A snapshot is taken the way
 * the simulation takes it: its timer event fires on the scheduler. Encoding a part advances
 * its version, as a unique-id write would; the unique-id passes are timed before, on their own.
 */
function snapshotTaker(table: FilledTable): { take(): number; bytes(): number } {
  const { sim, firewall } = table;
  const config = { ...sim.scenario.checkpoint, strategy: 'snapshot' as const };
  const intervalUs = 1_000;
  const server = new CheckpointServer(AREA_NAMES, {
    ...config,
    maxBytes: Number.MAX_SAFE_INTEGER,
  });
  const stats = new CheckpointStats();
  new SnapshotCheckpointer(
    server,
    firewall.conntrack,
    firewall.records,
    { ...config, snapshotIntervalUs: intervalUs },
    stats,
    sim.scheduler,
    sim.trace,
    () => {}, // the simulated time it would keep the firewall busy is not what is measured
  );
  const take = (): number => {
    const writesBefore = stats.writes;
    collectGarbage();
    const ms = timeMs(() => sim.runUntil(sim.nowUs + intervalUs));
    const blob = server.snapshot().bytes;
    const held =
      blob === undefined ? -1 : new DataView(blob.buffer, blob.byteOffset).getUint32(0, true);
    if (stats.writes !== writesBefore + 1 || stats.refused > 0 || held !== table.count) {
      throw new Error(`snapshot bench: the snapshot does not hold the ${table.count} connections`);
    }
    return ms;
  };
  return { take, bytes: () => server.space.blobBytes };
}

/** Per connection opened: the same handshakes through a fresh firewall, unique-id vs none. */
function measureOverhead(connections: number, runs: number): CheckpointOverhead {
  const timeFill = (strategy: FillStrategy) => () => {
    const { sim, firewall } = benchSimulation(connections, strategy);
    collectGarbage();
    return (timeMs(() => openConnections(sim, firewall, 0, connections)) * 1e6) / connections;
  };
  const uniqueId = figure(repeat(runs, timeFill('unique-id'), 1));
  const none = figure(repeat(runs, timeFill('none'), 1));
  return {
    connections,
    uniqueIdNsPerConnection: uniqueId,
    noneNsPerConnection: none,
    ratio: uniqueId.median / none.median,
  };
}
