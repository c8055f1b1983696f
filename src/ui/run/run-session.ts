import type { Scenario } from '../../engine';
import { canCrashFirewall } from './crash-hint';
import { buildRun, withCrashAt, type RunConfig } from './run-config';
import { SimulationRunner, type RunnerOptions } from './simulation-runner';
import type { Speed } from './speed';

export interface SessionOptions extends Omit<RunnerOptions, 'speed'> {
  readonly speed?: Speed;
}

export type Configured = { readonly ok: true } | { readonly ok: false; readonly message: string };

/**
 * The run the page shows: its config (what a link holds) and the runner playing it.
 * Framework-free, so the page's behaviour — a new run per config, a crash added now
 * replayed exactly, a bad config refused without losing the run on screen — is tested
 * without a browser.
 */
export class RunSession {
  private current: { config: RunConfig; scenario: Scenario; runner: SimulationRunner } | null =
    null;

  constructor(private readonly options: SessionOptions = {}) {}

  get config(): RunConfig | null {
    return this.current?.config ?? null;
  }

  get scenario(): Scenario | null {
    return this.current?.scenario ?? null;
  }

  get runner(): SimulationRunner | null {
    return this.current?.runner ?? null;
  }

  /**
   * Starts a run of `config`, at `playheadUs` if given (running there if `play`). When the
   * config cannot be run — a ruleset with an error, say — the current run stays as it was
   * and the reason is returned.
   */
  configure(config: RunConfig, playheadUs: number | null = null, play = false): Configured {
    let scenario: Scenario;
    let runner: SimulationRunner;
    try {
      const run = buildRun(config);
      scenario = run.scenario;
      const speed = this.current?.runner.speed ?? this.options.speed;
      runner = new SimulationRunner(scenario, { ...this.options, speed, capture: run.capture });
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    this.current = { config, scenario, runner };
    if (playheadUs !== null && playheadUs > 0) {
      if (play) runner.play();
      runner.seek(playheadUs);
    }
    return { ok: true };
  }

  /**
   * Crashes the firewall at the playhead. The crash becomes part of the config — so a link
   * replays it — and the run is replayed from the seed to this instant with it, so what the
   * page shows is exactly what the link will show.
   */
  crashNow(): Configured {
    const c = this.current;
    if (c === null || !canCrashFirewall(c.runner.state)) {
      return { ok: false, message: 'the firewall cannot be crashed now' };
    }
    const state = c.runner.state;
    return this.crashAt(state.nowUs, state.status === 'running');
  }

  /** Adds a crash at `atUs` and replays the run to where the playhead was. */
  crashAt(atUs: number, play = false): Configured {
    const c = this.current;
    if (c === null) return { ok: false, message: 'no run to crash' };
    let next: RunConfig;
    try {
      next = withCrashAt(c.config, atUs);
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    const state = c.runner.state;
    return this.configure(next, state.seekUs ?? state.nowUs, play);
  }
}
