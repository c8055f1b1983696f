import { FlowRegistry, type Flow } from './apps/flow';
import {
  defaultRuleset,
  parseRuleset,
  type Firewall,
  type FirewallHost,
  type FirewallState,
} from './firewall';
import { FirewallRuntime } from './firewall-service';
import { Supervisor } from './router/supervisor';
import { installTraffic } from './install-traffic';
import { ChannelRegistry, type Channel } from './net/channel';
import { Host } from './net/host';
import { parseIpv4, parsePrefix } from './net/ipv4';
import { NetworkContext } from './net/network-context';
import { TcpTimers } from './net/tcp/timers';
import { CaptureSide } from './replay/capture-side';
import { ReplayInjector } from './replay/replay-injector';
import { ReplayOutcomes } from './replay/replay-outcomes';
import type { ReplaySource } from './replay/replay-source';
import { Router } from './router/router';
import { scheduleFaults } from './faults';
import type { Scenario, ScenarioInput } from './scenarios/schema';
import { parseScenario } from './scenarios/validate';
import { Pcg32 } from './sim/prng';
import { Scheduler } from './sim/scheduler';
import { Trace } from './sim/trace';
import type { TraceEvent } from './trace-event';

export interface SimulationOptions {
  /** Overrides the scenario's seed. */
  readonly seed?: number;
  /** How many recent trace events to keep in memory (0: none; subscribers still see all). */
  readonly traceCapacity?: number;
  /** Replay this capture through the router (see replay/replay-injector.ts). */
  readonly replay?: ReplaySource;
  /** With `replay`: keep every frame's verdict (the CLI's --verdicts), not only the counts. */
  readonly keepVerdicts?: boolean;
}

export interface PortQueues {
  readonly port: string;
  readonly inputPackets: number;
  readonly inputCapacity: number;
  readonly outputPackets: number;
  readonly outputCapacity: number;
}

/** A host's two link directions. */
export interface HostLinks {
  readonly up: Channel;
  readonly down: Channel;
}

/**
 * A whole simulated network built from a scenario: hosts, links, the router, the traffic
 * applications, and the fault schedule — all driven by one scheduler on one seeded PRNG.
 */
export class Simulation {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly scheduler = new Scheduler();
  readonly trace: Trace<TraceEvent>;
  readonly ctx: NetworkContext;
  readonly router: Router;
  readonly hosts = new Map<string, Host>();
  readonly links = new Map<string, HostLinks>();
  readonly channels: ChannelRegistry;
  readonly flows: FlowRegistry;
  readonly tcpTimers: TcpTimers;
  /** Everything around the firewall that survives its crashes (null without a firewall). */
  readonly runtime: FirewallRuntime | null;
  /** The router server that restarts a crashed firewall (null without a firewall). */
  readonly supervisor: Supervisor<Firewall> | null;
  /** Hosts with role "capture": the networks behind ports in a replay. */
  readonly captureSides = new Map<string, CaptureSide>();
  /** The capture being replayed and each frame's fate (null when not a replay). */
  readonly replay: { injector: ReplayInjector; outcomes: ReplayOutcomes } | null;

  constructor(scenario: Scenario, options: SimulationOptions = {}) {
    this.scenario = scenario;
    this.seed = (options.seed ?? scenario.seed) >>> 0;
    this.trace = new Trace<TraceEvent>(options.traceCapacity ?? 0);
    const root = new Pcg32(this.seed);
    this.ctx = new NetworkContext(this.scheduler, this.trace, root.fork(1));
    this.channels = new ChannelRegistry(this.ctx);
    this.tcpTimers = new TcpTimers(this.scheduler);
    this.flows = new FlowRegistry(
      (flow, atUs) => this.flowEnded(flow, atUs),
      () => this.scheduler.requestStop(),
    );
    this.router = new Router(
      this.ctx,
      scenario.router,
      scenario.router.ports.map((p) => ({ name: p.name, prefix: parsePrefix(p.prefix) })),
    );
    this.runtime = scenario.firewall.enabled ? this.firewallRuntime() : null;
    this.supervisor =
      this.runtime === null
        ? null
        : new Supervisor(this.ctx, this.router, scenario.supervisor, this.runtime);
    for (const route of scenario.routes) {
      const port = this.router.ports.findIndex((p) => p.name === route.port);
      this.router.routing.add(parsePrefix(route.prefix), port);
    }
    const hostRng = root.fork(2);
    scenario.hosts.forEach((config, i) => this.addHost(config, i, hostRng.fork(i)));
    installTraffic(scenario, this.ctx, this.hosts, this.flows, root.fork(3));
    this.replay = options.replay === undefined ? null : this.startReplay(options);
    scheduleFaults(scenario.faults, {
      scheduler: this.scheduler,
      trace: this.trace,
      links: (host) => this.links.get(host) as HostLinks,
      crashFirewall: () => this.crashFirewall(),
    });
  }

  private startReplay(options: SimulationOptions): Simulation['replay'] {
    const outcomes = new ReplayOutcomes(this.trace, options.keepVerdicts ?? false);
    const injector = new ReplayInjector(this.ctx, this.router, options.replay as ReplaySource, {
      injected: (frame, id) => outcomes.injected(frame, id),
      settled: () => this.replayQuiet(),
      ended: () => {
        outcomes.finish();
        this.scheduler.requestStop();
      },
    });
    injector.start();
    return { injector, outcomes };
  }

  /**
   * Whether a replay may end: nothing is left in the network (a packet held by a write or a
   * recovering firewall, one on its way to a capture side), the firewall is in service, and
   * no crash set for a later time is still to come.
   */
  private replayQuiet(): boolean {
    const state = this.firewallState;
    if (this.ctx.packets.liveCount > 0 || state === 'down' || state === 'recovering') return false;
    const nowUs = this.nowUs;
    return !this.scenario.faults.some(
      (f) => f.kind === 'firewall-crash' && f.atUs !== undefined && f.atUs > nowUs,
    );
  }

  /** The firewall's surroundings: ruleset, checkpoint server, ledger (null when disabled). */
  private firewallRuntime(): FirewallRuntime {
    const ports = this.router.ports;
    const portNames = ports.map((p) => p.name);
    const config = this.scenario.firewall;
    const ruleset = parseRuleset(
      config.rules ?? defaultRuleset(this.scenario),
      'firewall.rules',
      portNames,
    );
    const host: FirewallHost = {
      ctx: this.ctx,
      portNames,
      portPrefixes: ports.map((p) => p.prefix),
      originate: (p, port) => this.router.originate(p, port),
    };
    return new FirewallRuntime(this.scenario, ruleset, host);
  }

  /** The firewall instance in service (or recovering); null when the scenario has none or it is down. */
  get firewall(): Firewall | null {
    const s = this.supervisor;
    return s === null || s.state === 'down' ? null : s.firewall;
  }

  get firewallState(): FirewallState {
    return this.supervisor?.state ?? 'disabled';
  }

  /** Crashes the firewall application now (the router server then restarts it). */
  crashFirewall(): void {
    this.supervisor?.crash();
  }

  get nowUs(): number {
    return this.scheduler.nowUs;
  }

  /** True once every flow has completed, failed or been aborted, and any replay is over. */
  get trafficEnded(): boolean {
    return this.flows.allEnded && (this.replay === null || this.replay.injector.ended);
  }

  /** Executes one event; false when none is left. */
  step(): boolean {
    return this.scheduler.step();
  }

  /**
   * Runs events up to `untilUs` (inclusive). Stops early, at the event where it happened, when
   * the last flow ends — unless it had already ended, so a view can keep running the clock —
   * or at the end of the microsecond in which `enough` said so (asked every few events),
   * which bounds the work of one call (the page's frames): the clock then stays there, and the
   * next call goes on from the next event.
   */
  runUntil(untilUs: number, enough?: () => boolean): void {
    this.scheduler.runUntil(untilUs, Number.POSITIVE_INFINITY, enough ?? null);
  }

  /** Runs until all traffic has ended or the scenario's duration (or `limitUs`) is reached. */
  run(limitUs = this.scenario.durationUs): void {
    if (this.trafficEnded) return;
    this.scheduler.runUntil(Math.max(limitUs, this.nowUs));
  }

  /** Packets held at each router port right now: input buffer and output transmit queue. */
  portQueues(): PortQueues[] {
    return this.router.ports.map((p) => ({
      port: p.name,
      inputPackets: p.occupancy,
      inputCapacity: this.scenario.router.inputQueuePackets,
      outputPackets: p.out === null ? 0 : p.out.queueLength(),
      outputCapacity: this.scenario.router.outputQueuePackets,
    }));
  }

  /** Flows with their current statistics. */
  get flowList(): readonly Flow[] {
    return this.flows.flows;
  }

  private addHost(config: Scenario['hosts'][number], index: number, rng: Pcg32): void {
    const portIndex = this.router.ports.findIndex((p) => p.name === config.port);
    if (config.role === 'capture') return this.addCaptureSide(config, portIndex);
    const port = this.router.ports[portIndex];
    const host = new Host(
      this.ctx,
      index,
      config,
      parseIpv4(config.address),
      this.scenario.tcp,
      this.tcpTimers,
      rng,
    );
    const routerName = this.router.name;
    const up = this.channels.create(
      `${config.name} → ${routerName} ${port.name}`,
      config.link,
      config.link.queuePackets,
    );
    const down = this.channels.create(
      `${routerName} ${port.name} → ${config.name}`,
      config.link,
      this.scenario.router.outputQueuePackets,
    );
    up.sink = this.router;
    up.sinkPort = portIndex;
    down.sink = host;
    host.uplink = up;
    port.out = down;
    this.hosts.set(config.name, host);
    this.links.set(config.name, { up, down });
  }

  /** A capture side gets only the router's link towards it: replayed packets enter the port. */
  private addCaptureSide(config: Scenario['hosts'][number], portIndex: number): void {
    const port = this.router.ports[portIndex];
    const side = new CaptureSide(this.ctx, config.name);
    const down = this.channels.create(
      `${this.router.name} ${port.name} → ${config.name}`,
      config.link,
      this.scenario.router.outputQueuePackets,
    );
    down.sink = side;
    port.out = down;
    this.captureSides.set(config.name, side);
  }

  private flowEnded(flow: Flow, atUs: number): void {
    if (this.trace.enabled) {
      this.trace.emit({
        kind: 'flow.end',
        atUs,
        flow: flow.id,
        completed: flow.completed,
        aborted: flow.aborted,
      });
    }
  }
}

/** Validates the input (throwing ScenarioError with every problem) and builds the simulation. */
export function createSimulation(
  input: ScenarioInput | unknown,
  options: SimulationOptions = {},
): Simulation {
  return new Simulation(parseScenario(input), options);
}
