import {
  buildReport,
  buildReplaySection,
  bytesSource,
  type ReplaySection,
  createSimulation,
  type FirewallState,
  type PortQueues,
  type Scenario,
  type Simulation,
  type SimulationReport,
  summarizeConnections,
  type ConnectionSummary,
} from '../../engine';
import { CONNECTIONS_LISTED } from '../firewall/connection-rows';
import {
  checkpointMemoryView,
  firewallMemoryView,
  type CheckpointMemoryView,
  type FirewallMemoryView,
} from './memory-readers';
import { DEFAULT_SPEED, type Speed } from './speed';

/** seeking: re-running toward a playhead (scrub, a link, a crash added now), a frame's budget at a time. */
export type RunStatus = 'paused' | 'running' | 'finished' | 'seeking';
export type { FirewallState };

/** What the run bar shows; cheap, read every frame. */
export interface RunState {
  readonly status: RunStatus;
  /** Playing, or seeking and going on playing once there: what Play/Pause shows. */
  readonly playing: boolean;
  readonly speed: Speed;
  readonly nowUs: number;
  /** Why the run finished: all traffic ended, or the scenario's duration was reached. */
  readonly finishedBy: 'traffic' | 'duration' | null;
  /** The firewall's state now ('disabled' when the scenario has none). */
  readonly firewall: FirewallState;
  /** While seeking: the playhead being run to; otherwise null. */
  readonly seekUs: number | null;
  /** The furthest simulated time this scenario has been run to (what the timeline spans). */
  readonly reachedUs: number;
}

/** What the tables and queue bars show; a few per second while running. */
export interface RunMetrics {
  readonly nowUs: number;
  /** The report, but for its list of connections (`firewall.connections` is empty): see `connections`. */
  readonly report: SimulationReport;
  /** The ledger's connections, bounded to what the connection table lists. */
  readonly connections: ConnectionSummary;
  readonly queues: readonly PortQueues[];
  /** The firewall application's memory space (FIG. 4B/5B); empty while it is down. */
  readonly firewallMemory: FirewallMemoryView;
  /** The checkpoint server's memory space (FIG. 5A), which outlives crashes; null without a firewall. */
  readonly checkpointMemory: CheckpointMemoryView | null;
  /** A replay's counts so far: frames read, replayed, accepted, dropped, skipped; else null. */
  readonly replay: ReplaySection | null;
}

export interface RunnerOptions {
  readonly speed?: Speed;
  /** The capture the scenario replays, read afresh by every simulation the runner builds. */
  readonly capture?: Uint8Array | null;
  /** Called with every simulation the runner builds (at start, on reset and on a seek back). */
  readonly attach?: (sim: Simulation) => void;
  /** Wall clock in ms, read to bound each frame's work. */
  readonly clock?: () => number;
  /** Wall time a frame may spend simulating, at any speed. */
  readonly maxFrameBudgetMs?: number;
}

/** A frame longer than this (a hidden tab, a debugger pause) counts as this long. */
export const MAX_FRAME_MS = 100;

/**
 * Owns one Simulation and maps wall time to simulated time (the engine has no timers).
 * Framework-free: the view calls tick(wallMs) from requestAnimationFrame; tests call it
 * with made-up times. The run finishes when all traffic has ended or at the scenario's
 * durationUs (the same hard stop the CLI uses).
 */
export class SimulationRunner {
  private sim: Simulation;
  private status: RunStatus = 'paused';
  private currentSpeed: Speed;
  /** Wall time of the previous frame while running; null until the first frame after play. */
  private lastWallMs: number | null = null;
  /** Simulated time the clock should have reached, with the fraction of a µs kept. */
  private targetUs = 0;
  private readonly clock: () => number;
  private readonly budgetMs: number;
  private seekTargetUs: number | null = null;
  /** Whether the run goes on playing once a seek is done. */
  private playAfterSeek = false;
  private furthestUs = 0;

  constructor(
    readonly scenario: Scenario,
    private readonly options: RunnerOptions = {},
  ) {
    this.currentSpeed = options.speed ?? DEFAULT_SPEED;
    this.clock = options.clock ?? (() => performance.now());
    this.budgetMs = options.maxFrameBudgetMs ?? 8;
    this.sim = this.create();
    this.finishIfDone();
  }

  get state(): RunState {
    return {
      status: this.status,
      playing: this.status === 'running' || (this.status === 'seeking' && this.playAfterSeek),
      speed: this.currentSpeed,
      nowUs: this.sim.nowUs,
      finishedBy: this.finishedBy(),
      firewall: this.sim.firewallState,
      seekUs: this.seekTargetUs,
      reachedUs: Math.max(this.furthestUs, this.sim.nowUs),
    };
  }

  get speed(): Speed {
    return this.currentSpeed;
  }

  metrics(): RunMetrics {
    const sim = this.sim;
    return {
      nowUs: sim.nowUs,
      report: buildReport(sim, { listConnections: false }),
      connections:
        sim.runtime?.shared.ledger.summary(CONNECTIONS_LISTED) ??
        summarizeConnections([], 0, CONNECTIONS_LISTED),
      queues: sim.portQueues(),
      firewallMemory: firewallMemoryView(sim),
      checkpointMemory: checkpointMemoryView(sim),
      replay: sim.replay === null ? null : buildReplaySection(sim),
    };
  }

  play(): void {
    if (this.status === 'seeking') this.playAfterSeek = true;
    if (this.status !== 'paused') return;
    this.status = 'running';
    this.lastWallMs = null;
    this.targetUs = this.sim.nowUs;
  }

  pause(): void {
    if (this.status === 'running') this.status = 'paused';
    this.playAfterSeek = false;
  }

  toggle(): void {
    if (this.status === 'running' || (this.status === 'seeking' && this.playAfterSeek))
      this.pause();
    else this.play();
  }

  setSpeed(speed: Speed): void {
    this.currentSpeed = speed;
    this.targetUs = this.sim.nowUs;
  }

  /** Back to time 0 with a fresh simulation of the same scenario; paused. */
  reset(): void {
    this.sim = this.create();
    this.status = 'paused';
    this.seekTargetUs = null;
    this.playAfterSeek = false;
    this.lastWallMs = null;
    this.targetUs = 0;
    this.finishIfDone();
  }

  /** Executes exactly one engine event while paused (the clock jumps to its time). */
  stepEvent(): void {
    if (this.status !== 'paused') return;
    this.sim.step();
    this.targetUs = this.sim.nowUs;
    this.finishIfDone();
  }

  /**
   * Moves the playhead to `us` (clamped to the scenario's duration). Forward runs on from
   * here; backward starts a fresh simulation from the seed — the engine is deterministic, so
   * it passes through exactly the same states. The work is done by tick(), a frame's budget
   * at a time, so the page stays responsive; finishSeek() does it at once (tests, links).
   */
  seek(us: number): void {
    const target = Math.min(Math.max(Math.round(us), 0), this.scenario.durationUs);
    this.playAfterSeek =
      this.status === 'running' || (this.status === 'seeking' && this.playAfterSeek);
    if (target < this.sim.nowUs) this.sim = this.create();
    this.seekTargetUs = target;
    this.status = 'seeking';
    this.lastWallMs = null;
    this.settleSeek();
  }

  /** Completes a seek in one go. */
  finishSeek(): void {
    while (this.status === 'seeking') this.seekFor(Number.POSITIVE_INFINITY);
  }

  /**
   * One animation frame at wall time `wallMs` (e.g. requestAnimationFrame's timestamp).
   * The first frame after play only notes the time; later frames advance the simulated clock
   * by the wall time since the previous frame times the speed. Returns whether anything ran.
   */
  tick(wallMs: number): boolean {
    if (this.status === 'seeking') {
      this.seekFor(this.budgetMs);
      return true;
    }
    if (this.status !== 'running') return false;
    const last = this.lastWallMs;
    this.lastWallMs = wallMs;
    if (last === null) return false;
    const elapsed = Math.min(Math.max(wallMs - last, 0), MAX_FRAME_MS);
    const before = this.sim.nowUs;
    this.advance(elapsed);
    return this.sim.nowUs !== before || this.status !== 'running';
  }

  private advance(wallMs: number): void {
    if (this.currentSpeed === 'max') {
      this.runFor(this.budgetMs);
      this.targetUs = this.sim.nowUs;
    } else {
      this.targetUs = Math.min(
        this.targetUs + wallMs * this.currentSpeed * 1_000,
        this.scenario.durationUs,
      );
      const target = Math.floor(this.targetUs);
      this.runFor(this.budgetMs, target);
      // A frame holds its budget at any speed: at 1000× a 16 ms frame is 16 simulated seconds,
      // many seconds of work in a big run. What the machine cannot keep up with is dropped,
      // not caught up later in one go: the clock runs behind the speed asked for.
      if (this.sim.nowUs < target && !this.done()) this.targetUs = this.sim.nowUs;
    }
    this.finishIfDone();
  }

  /** Runs toward the seek target for up to `budgetMs` of wall time. */
  private seekFor(budgetMs: number): void {
    if (this.seekTargetUs === null) return;
    this.runFor(budgetMs, this.seekTargetUs);
    this.settleSeek();
  }

  /** Ends the seek once its target (or the end of the run) is reached. */
  private settleSeek(): void {
    const target = this.seekTargetUs;
    if (target === null || (this.sim.nowUs < target && !this.done())) return;
    this.seekTargetUs = null;
    this.targetUs = this.sim.nowUs;
    this.status = this.playAfterSeek ? 'running' : 'paused';
    this.playAfterSeek = false;
    this.finishIfDone();
  }

  /**
   * Simulates until `budgetMs` of wall time is spent, `limitUs` reached or the run is over.
   * The engine asks between its events whether the budget is spent (every STOP_CHECK_EVENTS),
   * so a frame stops within a few events of it whatever they cost. Counts of events adapted
   * to the last calls did not: at 1× they grew while every call ended at its target, and a
   * burst of costly events (a big table's recovery) then ran hundreds of milliseconds in one
   * frame.
   */
  private runFor(budgetMs: number, limitUs = this.scenario.durationUs): void {
    if (this.done() || this.sim.nowUs >= limitUs) return;
    if (!Number.isFinite(budgetMs)) {
      this.sim.runUntil(limitUs); // finishSeek: at once
      return;
    }
    const start = this.clock();
    this.sim.runUntil(limitUs, () => this.clock() - start >= budgetMs);
  }

  private done(): boolean {
    return this.sim.trafficEnded || this.sim.nowUs >= this.scenario.durationUs;
  }

  private finishedBy(): RunState['finishedBy'] {
    if (this.status !== 'finished') return null;
    return this.sim.trafficEnded ? 'traffic' : 'duration';
  }

  private finishIfDone(): void {
    this.furthestUs = Math.max(this.furthestUs, this.sim.nowUs);
    if (this.done() && this.status !== 'seeking') this.status = 'finished';
  }

  private create(): Simulation {
    const capture = this.options.capture ?? null;
    const replay = capture === null ? undefined : bytesSource(capture);
    const sim = createSimulation(this.scenario, { replay });
    this.options.attach?.(sim);
    return sim;
  }
}
