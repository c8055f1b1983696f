import type { Recorder } from '../record/recorder';
import { buildRun, type RunConfig, type Strategy } from '../run/run-config';
import { SimulationRunner, type RunMetrics, type RunState } from '../run/simulation-runner';
import { DivergenceFinder, type Divergence } from './divergence';

/** What the compare panel shows of the second run; plain data, refreshed by the page. */
export interface CompareView {
  readonly strategy: Strategy;
  readonly state: RunState;
  readonly metrics: RunMetrics;
  readonly divergence: Divergence | null;
  /** Compared events found identical so far. */
  readonly matched: number;
  /** Why events cannot be compared (the page's run had already dropped its first events). */
  readonly unavailable: string | null;
  /** Whether it is still short of the page's playhead (catching up, a frame's budget at a time). */
  readonly behind: boolean;
}

export interface CompareOptions {
  /** Wall clock in ms, for the budget of each call to follow(). */
  readonly clock?: () => number;
  /** Wall time one follow() may spend simulating. */
  readonly budgetMs?: number;
}

/**
 * The second run of compare mode: the page's run with another checkpoint strategy, kept in
 * lockstep with it — every frame it is run toward the page's simulated instant, a frame's
 * budget at a time — while a DivergenceFinder pairs the two runs' events. Once the page's run
 * is over it runs on to its own end, so its outcome can be summarised. Framework-free: tests
 * drive it with made-up states.
 */
export class CompareRun {
  readonly config: RunConfig;
  readonly runner: SimulationRunner;
  private finder = new DivergenceFinder();
  private stopA: (() => void) | null = null;
  private unavailable: string | null = null;

  /** Throws (like buildScenario) when the page's config cannot run with `strategy`. */
  constructor(
    primary: RunConfig,
    readonly strategy: Strategy,
    options: CompareOptions = {},
  ) {
    this.config = { ...primary, strategy };
    const run = buildRun(this.config);
    this.runner = new SimulationRunner(run.scenario, {
      capture: run.capture,
      speed: 'max',
      clock: options.clock,
      maxFrameBudgetMs: options.budgetMs,
      attach: (sim) => sim.trace.subscribe((event) => this.finder.pushB(event)),
    });
  }

  get finderState(): DivergenceFinder {
    return this.finder;
  }

  get state(): RunState {
    return this.runner.state;
  }

  metrics(): RunMetrics {
    return this.runner.metrics();
  }

  /**
   * The page's run started a simulation (at the start, or replaying from the seed for a seek
   * back), or compare mode was turned on: compare afresh against its recorder, from time 0.
   */
  attachPrimary(recorder: Recorder): void {
    this.stopA?.();
    this.finder = new DivergenceFinder();
    this.runner.reset();
    this.unavailable =
      recorder.firstSeq === 0
        ? null
        : 'the run had gone too far to compare its events; press Reset to compare from the start';
    // What the page's run did before compare mode was turned on, then what it does next.
    for (let seq = recorder.firstSeq; seq < recorder.total; seq++) {
      this.finder.pushA(recorder.get(seq)!, seq);
    }
    this.stopA = recorder.subscribe((event, seq) => this.finder.pushA(event, seq));
  }

  /** The page's run's instant this run is heading for: its playhead, or (once over) the end. */
  private targetUs(primary: RunState): number {
    return primary.status === 'finished' ? this.runner.scenario.durationUs : primary.nowUs;
  }

  /**
   * One frame: runs toward the page's playhead for at most the budget; returns whether it is
   * still short of it (the caller asks for another frame).
   */
  follow(primary: RunState): boolean {
    const target = this.targetUs(primary);
    if (this.runner.state.status !== 'finished' && this.runner.state.nowUs < target) {
      this.runner.seek(target);
      this.runner.tick(0);
    }
    const own = this.runner.state;
    if (this.unavailable === null) {
      this.finder.settle(
        { nowUs: primary.nowUs, over: primary.status === 'finished' },
        { nowUs: own.nowUs, over: own.status === 'finished' },
      );
    }
    return this.isBehind(primary);
  }

  private isBehind(primary: RunState): boolean {
    const own = this.runner.state;
    return own.status !== 'finished' && own.nowUs < this.targetUs(primary);
  }

  view(primary: RunState, metrics: RunMetrics): CompareView {
    return {
      strategy: this.strategy,
      state: this.runner.state,
      metrics,
      divergence: this.unavailable === null ? this.finder.divergence : null,
      matched: this.finder.matched,
      unavailable: this.unavailable ?? (this.finder.gaveUp ? 'one run got too far ahead' : null),
      behind: this.isBehind(primary),
    };
  }

  detach(): void {
    this.stopA?.();
    this.stopA = null;
  }
}
