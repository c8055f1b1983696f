import type { CrashReport, FlowKind } from '../../engine';
import type { FlowSeries, KindSeries, Overview } from '../overview/overview';

/**
 * Small overviews for the charts' tests: 10 ms buckets, a flow's cumulative bytes given
 * sample by sample.
 */

export const BUCKET_US = 10_000;

export function timesOf(count: number): number[] {
  return Array.from({ length: count }, (_, i) => (i + 1) * BUCKET_US);
}

export function flow(
  id: string,
  kind: FlowKind,
  delivered: number[],
  more: Partial<FlowSeries> = {},
): FlowSeries {
  return {
    id,
    kind,
    bytesGoal: null,
    delivered,
    completedAtUs: null,
    endedAtUs: null,
    ...more,
  };
}

export function crash(
  atUs: number,
  restartedAtUs: number | null,
  recoveredAtUs: number | null,
): CrashReport {
  return {
    atUs,
    restartedAtUs,
    recoveredAtUs,
    connectionsBefore: 3,
    recovered: 3,
    lost: 0,
    orphans: 0,
    corrupt: 0,
    mismatches: 0,
    records: 6,
    partsByModule: {},
    incomplete: 0,
    discarded: 0,
  };
}

/** An overview of these flows; each kind's sum is computed from them unless given. */
export function overviewOf(
  flows: FlowSeries[],
  more: Partial<Overview> & { kinds?: KindSeries[] } = {},
): Overview {
  const count = flows[0]?.delivered.length ?? 0;
  const timesUs = more.timesUs ?? timesOf(count);
  const kinds = [...new Set(flows.map((f) => f.kind))].map((kind) => {
    const of = flows.filter((f) => f.kind === kind);
    const delivered = timesUs.map((_, i) => of.reduce((sum, f) => sum + f.delivered[i], 0));
    return { kind, flows: of.length, delivered };
  });
  return {
    endUs: timesUs.at(-1) ?? 0,
    finishedBy: 'traffic',
    bucketUs: BUCKET_US,
    timesUs,
    flows,
    kinds,
    crashes: [],
    events: 0,
    firewall: null,
    ...more,
  };
}
