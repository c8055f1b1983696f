import type { BenchArgs } from './bench-args';
import { runCheckpointBench } from './checkpoint-bench';
import { runMemoryBench } from './memory-bench';
import { runRecoveryBench } from './recovery-bench';
import type { Row } from './report-table';
import { runTrafficBench, type TrafficWorkload } from './traffic-bench';

/** What a workload gives: its JSON section (stable keys are medians) and its printed rows. */
export interface Section {
  readonly json: Record<string, unknown>;
  readonly rows: Row[];
}

const k = (n: number) => `${n / 1000}k`;

export function trafficSection(workload: TrafficWorkload, args: BenchArgs): Section {
  const on = runTrafficBench(workload, 'unique-id', args);
  const off = runTrafficBench(workload, 'none', args);
  const kept = on.forwardedPerSec.median / off.forwardedPerSec.median;
  return {
    json: {
      forwardedPerSec: on.forwardedPerSec.median,
      noneForwardedPerSec: off.forwardedPerSec.median,
      eventsPerSec: on.eventsPerSec.median,
      simulatedSecondsPerWallSecond: on.speedup.median,
      throughputKeptWithCheckpointing: kept,
      detail: { uniqueId: on, none: off },
    },
    rows: [
      { what: 'forwarded packets/s (unique-id sync)', figure: on.forwardedPerSec, unit: '/s' },
      { what: 'forwarded packets/s (none)', figure: off.forwardedPerSec, unit: '/s' },
      { what: 'events/s (unique-id sync)', figure: on.eventsPerSec, unit: '/s' },
      { what: 'simulated s per wall-s', figure: on.speedup, unit: '×' },
      {
        what: 'throughput kept with checkpointing',
        figure: `${(100 * kept).toFixed(1)}`,
        unit: '%',
      },
      { what: 'forwarded packets per run', figure: on.forwardedPackets, unit: '' },
    ],
  };
}

export function checkpointSection(args: BenchArgs): Section {
  const r = runCheckpointBench({ runs: args.runs, quick: args.quick });
  return {
    json: {
      snapshotRatio: r.snapshotRatio,
      snapshotRatioConnections: r.snapshotRatioConnections,
      detail: r,
    },
    rows: [
      ...r.sizes.flatMap((s) => [
        {
          what: `one state-change checkpoint, ${k(s.connections)} conns`,
          figure: s.nsPerCheckpoint,
          unit: 'ns',
        },
        {
          what: `whole-table snapshot, ${k(s.connections)} conns`,
          figure: s.snapshotNs,
          unit: 'ns',
        },
        {
          what: `snapshot / checkpoint, ${k(s.connections)} conns`,
          figure: s.snapshotRatio,
          unit: '×',
        },
      ]),
      {
        what: 'new connection, unique-id sync',
        figure: r.overhead.uniqueIdNsPerConnection,
        unit: 'ns',
      },
      { what: 'new connection, none', figure: r.overhead.noneNsPerConnection, unit: 'ns' },
    ],
  };
}

export function recoverySection(args: BenchArgs): Section {
  const r = runRecoveryBench({ runs: args.runs, quick: args.quick });
  return {
    json: {
      recordsPerSec: r.recordsPerSec,
      recordsPerSecConnections: r.recordsPerSecConnections,
      detail: r,
    },
    rows: r.runs.flatMap((run) => [
      {
        what: `records/s, ${k(run.connections)} conns × 3, ${run.embodiment}`,
        figure: run.recordsPerSec,
        unit: '/s',
      },
      {
        what: `wall time, ${k(run.connections)} conns × 3, ${run.embodiment}`,
        figure: run.wallMs,
        unit: 'ms',
      },
    ]),
  };
}

export function memorySection(args: BenchArgs): Section {
  const r = runMemoryBench({ runs: Math.min(args.runs, 3), quick: args.quick });
  if (!r.available) return { json: { bytesPerConnection: null, reason: r.reason }, rows: [] };
  return {
    json: { bytesPerConnection: r.bytesPerConnection, detail: r },
    rows: [
      {
        what: `per connection, firewall + server (${k(r.connections)})`,
        figure: r.total.bytesPerConnection,
        unit: 'B',
      },
      {
        what: 'per connection, firewall alone (none)',
        figure: r.firewall.bytesPerConnection,
        unit: 'B',
      },
      { what: 'per connection, checkpoint server', figure: r.serverBytesPerConnection, unit: 'B' },
    ],
  };
}
