import {
  buildReport,
  bytesSource,
  createSimulation,
  type CrashReport,
  type FlowKind,
  type Scenario,
  type Simulation,
} from '../../engine';

/**
 * The whole run at a glance, computed by running the same scenario to its end ahead of the
 * playhead (in a worker, so the page stays live): how long it lasts, when the firewall
 * crashed and came back, and how each flow's delivered bytes grew. The engine is
 * deterministic, so this is the very run the page is about to play — the timeline and the
 * charts can show its end before the playhead gets there.
 */
export interface Overview {
  readonly endUs: number;
  readonly finishedBy: 'traffic' | 'duration';
  /** Samples are taken at the end of every bucket of this many µs (the last one at endUs). */
  readonly bucketUs: number;
  /** Sample times, µs: bucketUs, 2·bucketUs, …, endUs. */
  readonly timesUs: readonly number[];
  /** The first flows, each with its cumulative delivered bytes at every sample time. */
  readonly flows: readonly FlowSeries[];
  /** Every flow of a kind summed, for runs with many flows. */
  readonly kinds: readonly KindSeries[];
  readonly crashes: readonly CrashReport[];
  readonly events: number;
  /** The firewall at every sample time; null when the scenario has none. */
  readonly firewall: FirewallSeries | null;
}

export interface FirewallSeries {
  /** Connections in the firewall's table (0 while it is down). */
  readonly connections: readonly number[];
  /** Cumulative checkpoint writes (records, or snapshots) and their bytes. */
  readonly writes: readonly number[];
  readonly bytes: readonly number[];
}

export interface FlowSeries {
  readonly id: string;
  readonly kind: FlowKind;
  readonly bytesGoal: number | null;
  readonly delivered: readonly number[];
  readonly completedAtUs: number | null;
  readonly endedAtUs: number | null;
}

export interface KindSeries {
  readonly kind: FlowKind;
  readonly flows: number;
  readonly delivered: readonly number[];
}

export interface OverviewLimits {
  /** Flows charted one by one; the rest only in their kind's sum. */
  readonly maxFlows: number;
  /** Samples kept; past it, neighbouring buckets merge (the bucket doubles). */
  readonly maxPoints: number;
  readonly firstBucketUs: number;
}

export const DEFAULT_LIMITS: OverviewLimits = {
  maxFlows: 20,
  maxPoints: 600,
  firstBucketUs: 1_000,
};

/**
 * Runs `scenario` (replaying `capture`, if any) to its end and samples it; `attach` may watch
 * the simulation (tests).
 */
export function computeOverview(
  scenario: Scenario,
  limits: OverviewLimits = DEFAULT_LIMITS,
  attach?: (sim: Simulation) => void,
  capture: Uint8Array | null = null,
): Overview {
  const replay = capture === null ? undefined : bytesSource(capture);
  const sim = createSimulation(scenario, { replay });
  attach?.(sim);
  const s = new Sampler(sim, limits);
  const endLimitUs = scenario.durationUs;
  while (!sim.trafficEnded && sim.nowUs < endLimitUs) {
    sim.run(Math.min(s.nextSampleUs(), endLimitUs));
    s.sample();
  }
  const report = buildReport(sim);
  return {
    endUs: sim.nowUs,
    finishedBy: sim.trafficEnded ? 'traffic' : 'duration',
    bucketUs: s.bucketUs,
    timesUs: s.timesUs,
    flows: s.flowSeries(),
    kinds: s.kindSeries(),
    crashes: report.crashes,
    events: report.events,
    firewall: s.firewallSeries(),
  };
}

/**
 * The same scenario without any firewall crash: what the run would have been had the
 * firewall never failed — the baseline a crash's cost (the transfer's added delay) is measured
 * against. Null when the scenario has no crash to take away.
 */
export function withoutCrashes(scenario: Scenario): Scenario | null {
  const faults = scenario.faults.filter((f) => f.kind !== 'firewall-crash');
  return faults.length === scenario.faults.length ? null : { ...scenario, faults };
}

/** Cumulative samples with a bounded count: when full, every other sample goes. */
class Sampler {
  bucketUs: number;
  timesUs: number[] = [];
  private readonly perFlow: number[][];
  private readonly perKind = new Map<FlowKind, number[]>();
  /** connections, writes, bytes: sampled only when there is a firewall. */
  private firewall: [number[], number[], number[]] | null;

  constructor(
    private readonly sim: Simulation,
    private readonly limits: OverviewLimits,
  ) {
    if (!(limits.maxPoints >= 2 && limits.firstBucketUs >= 1)) {
      throw new RangeError('an overview needs at least 2 points and 1 µs buckets');
    }
    this.bucketUs = limits.firstBucketUs;
    this.perFlow = sim.flowList.slice(0, limits.maxFlows).map(() => []);
    for (const f of sim.flowList) this.perKind.set(f.kind, []);
    this.firewall = sim.scenario.firewall.enabled ? [[], [], []] : null;
  }

  nextSampleUs(): number {
    return (this.timesUs.length + 1) * this.bucketUs;
  }

  sample(): void {
    const flows = this.sim.flowList;
    this.timesUs.push(this.sim.nowUs);
    this.perFlow.forEach((series, i) => series.push(flows[i].bytesDelivered));
    const sums = new Map<FlowKind, number>();
    for (const f of flows) sums.set(f.kind, (sums.get(f.kind) ?? 0) + f.bytesDelivered);
    for (const [kind, series] of this.perKind) series.push(sums.get(kind) ?? 0);
    if (this.firewall !== null) {
      const [connections, writes, bytes] = this.firewall;
      const stats = this.sim.runtime?.stats;
      connections.push(this.sim.firewall?.conntrack.table.count ?? 0);
      writes.push(stats?.writes ?? 0);
      bytes.push(stats?.bytes ?? 0);
    }
    // An even count, so the latest sample is at an odd position and survives the halving.
    if (this.timesUs.length > this.limits.maxPoints && this.timesUs.length % 2 === 0) this.halve();
  }

  /** Keeps the samples at the ends of doubled buckets: positions 1, 3, 5, … */
  private halve(): void {
    const keep = <T>(xs: T[]): T[] => xs.filter((_, i) => i % 2 === 1);
    this.timesUs = keep(this.timesUs);
    this.perFlow.forEach((series, i) => (this.perFlow[i] = keep(series)));
    for (const [kind, series] of this.perKind) this.perKind.set(kind, keep(series));
    if (this.firewall !== null) {
      const [connections, writes, bytes] = this.firewall;
      this.firewall = [keep(connections), keep(writes), keep(bytes)];
    }
    this.bucketUs *= 2;
  }

  flowSeries(): FlowSeries[] {
    return this.perFlow.map((delivered, i) => {
      const f = this.sim.flowList[i];
      return {
        id: f.id,
        kind: f.kind,
        bytesGoal: f.bytesGoal,
        delivered,
        completedAtUs: f.completed ? f.completedAtUs : null,
        endedAtUs: f.endedAtUs >= 0 ? f.endedAtUs : null,
      };
    });
  }

  firewallSeries(): FirewallSeries | null {
    if (this.firewall === null) return null;
    const [connections, writes, bytes] = this.firewall;
    return { connections, writes, bytes };
  }

  kindSeries(): KindSeries[] {
    return [...this.perKind].map(([kind, delivered]) => ({
      kind,
      flows: this.sim.flowList.filter((f) => f.kind === kind).length,
      delivered,
    }));
  }
}
