import {
  builtinScenarios,
  createSimulation,
  type Scenario,
  type ScenarioInput,
} from '../engine/index';
import { figure, repeat, timeMs, type Figure } from './stats';

/**
 * The traffic workloads of issue 7: the whole simulator — hosts' TCP, links, router, firewall
 * and its checkpointing — moving real flows, measured in packets the router forwarded per
 * wall-second (data and ACKs, counted at the router).
 */
export type TrafficWorkload = 'bulk' | 'manyFlows';

export interface TrafficResult {
  readonly workload: TrafficWorkload;
  readonly strategy: Scenario['checkpoint']['strategy'];
  readonly forwardedPackets: number;
  readonly events: number;
  readonly simulatedUs: number;
  readonly forwardedPerSec: Figure;
  readonly eventsPerSec: Figure;
  /** Simulated seconds per wall-second. */
  readonly speedup: Figure;
  readonly wallMs: Figure;
}

/** bulk: client — router — server, 100 Mbit/s links with 1 ms delay, one 200 MB TCP flow (FTP data). */
function bulk(megabytes: number): ScenarioInput {
  const base = builtinScenarios['ftp-transfer'];
  return {
    ...base,
    name: 'bench-bulk',
    traffic: [
      {
        kind: 'ftp',
        name: 'bulk',
        client: 'client',
        server: 'ftp-server',
        file: 'bulk.bin',
        bytes: megabytes * 1_000_000,
      },
    ],
  };
}

/** many-flows: 2,000 TCP flows of 50 kB (200-byte requests), starts spread over 10 s. */
function manyFlows(flows: number): ScenarioInput {
  const base = builtinScenarios['ftp-transfer'];
  return {
    ...base,
    name: 'bench-many-flows',
    traffic: [
      {
        kind: 'tcp-requests',
        name: 'web',
        client: 'client',
        server: 'ftp-server',
        port: 80,
        connections: flows,
        requestBytes: 200,
        responseBytes: 50_000,
        spreadUs: 10_000_000,
      },
    ],
  };
}

export interface TrafficOptions {
  readonly runs: number;
  /** Smaller workloads (for tests): 2 MB bulk, 20 flows. */
  readonly quick?: boolean;
}

export function runTrafficBench(
  workload: TrafficWorkload,
  strategy: Scenario['checkpoint']['strategy'],
  options: TrafficOptions,
): TrafficResult {
  const input =
    workload === 'bulk' ? bulk(options.quick ? 2 : 200) : manyFlows(options.quick ? 20 : 2_000);
  const scenario = { ...input, checkpoint: { ...input.checkpoint, strategy } };
  // One unmeasured run first: the JIT compiles the hot paths, as it would in a long session.
  const runs = repeat(
    options.runs,
    () => {
      const sim = createSimulation(scenario);
      const wallMs = timeMs(() => sim.run());
      if (!sim.trafficEnded)
        throw new Error(`${workload} (${strategy}) did not finish its traffic`);
      return { sim, wallMs };
    },
    1,
  );
  const { sim } = runs[0];
  const forwarded = sim.ctx.counters.forwarded;
  const events = sim.scheduler.eventsProcessed;
  const perSec = (n: number) => figure(runs.map((r) => (n * 1000) / r.wallMs));
  return {
    workload,
    strategy,
    forwardedPackets: forwarded,
    events,
    simulatedUs: sim.nowUs,
    forwardedPerSec: perSec(forwarded),
    eventsPerSec: perSec(events),
    speedup: perSec(sim.nowUs / 1e6),
    wallMs: figure(runs.map((r) => r.wallMs)),
  };
}
