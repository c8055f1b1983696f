import { CompareRun } from './compare/compare-run';
import { InvariantMonitors } from './monitors/invariant-monitors';
import { Recorder } from './record/recorder';
import { OverviewClient, type OverviewReply } from './overview/overview-client';
import { RefreshGate } from './run/refresh-gate';
import { isCaptureKey, sampleNamed } from './replay/capture-samples';
import { CaptureLoading } from './replay/capture-loading.svelte';
import { captureShelf } from './replay/capture-shelf';
import { defaultConfig, type RunConfig, type Strategy } from './run/run-config';
import { RunSession, type Configured } from './run/run-session';
import type { RunMetrics, RunState, SimulationRunner } from './run/simulation-runner';
import type { Speed } from './run/speed';
import { readUrl, writeUrl } from './run/url-state';
import { RunView } from './run-view.svelte';

/** Where the page keeps its address: the browser's, or a stand-in in tests. */
export interface AddressBar {
  readonly search: string;
  replace(search: string): void;
}

export type OverviewReplyHandler = (config: RunConfig, reply: OverviewReply) => void;

/** Computes overviews: a web worker in the page, a stand-in in tests. */
export interface OverviewSource {
  request(config: RunConfig): void;
}

/**
 * The page's glue: opens the run its address names, keeps the address naming the run, starts
 * a new run when settings change (keeping the old one if the new cannot run), asks the worker
 * for each config's overview, and keeps the shared RunView current.
 */
export class RunPage {
  readonly view = new RunView();
  /** Captures being read for a replay (a file the user gave, a sample), and their errors. */
  readonly captures = new CaptureLoading();
  runner = $state.raw<SimulationRunner | null>(null);
  /** Why parts of the address the page was opened with could not be used. */
  notices = $state<string[]>([]);
  /** Why the last change of settings could not be run (the run on screen is kept). */
  configError = $state('');
  /** Why compare mode could not run the other strategy (it is off then). */
  compareError = $state('');
  private readonly session: RunSession;
  private readonly overviews: OverviewSource;
  private compareRun: CompareRun | null = null;
  private monitors: InvariantMonitors | null = null;
  /** The compare strategy a link asked for, until its run is adopted. */
  private pendingCompare: Strategy | null = null;
  private readonly compareGate = new RefreshGate(100);
  /** Counts the runs chosen: a capture that arrives after a later choice is not run. */
  private choices = 0;

  constructor(
    private readonly address: AddressBar,
    fallbackScenario: string,
    speed: Speed,
    overviews: (onreply: OverviewReplyHandler) => OverviewSource = (onreply) =>
      new OverviewClient(onreply),
  ) {
    this.session = new RunSession({
      speed,
      attach: (sim) => {
        this.view.recorder?.detach();
        const recorder = new Recorder(sim);
        this.view.recorder = recorder;
        this.monitors?.detach();
        this.monitors = new InvariantMonitors(sim, recorder);
        this.compareRun?.attachPrimary(recorder);
      },
    });
    this.overviews = overviews((asked, reply) => {
      if (asked !== this.view.config) return;
      this.view.overview = reply.ok ? reply.overview : null;
      this.view.overviewError = reply.ok ? null : reply.message;
      this.view.baseline = reply.ok ? (reply.baseline ?? null) : null;
    });
    this.open(fallbackScenario);
  }

  /** The address of the run at its playhead (where a seek is taking it, while it seeks). */
  get search(): string {
    const config = this.view.config;
    const state = this.view.runState;
    const playheadUs = state === null ? null : (state.seekUs ?? state.nowUs);
    // The view's copy, not the run's: the link must follow a change made while paused.
    const compare = this.view.compare?.strategy ?? null;
    return config === null ? '' : writeUrl({ config, playheadUs, compare });
  }

  /** Compare mode: the same run with `strategy` beside it, or off (null). Returns an error or null. */
  setCompare(strategy: Strategy | null): string | null {
    this.compareRun?.detach();
    this.compareRun = null;
    this.view.compare = null;
    this.compareError = '';
    const config = this.view.config;
    const recorder = this.view.recorder;
    if (strategy !== null && config !== null && recorder !== null) {
      try {
        this.compareRun = new CompareRun(config, strategy);
      } catch (error) {
        this.compareError = error instanceof Error ? error.message : String(error);
        return this.compareError;
      }
      this.compareRun.attachPrimary(recorder);
      this.stepCompare(0, true);
    }
    this.keepAddress();
    return null;
  }

  /**
   * A frame of compare mode while the page's run rests (paused, or over and the second run
   * going on to its own end); while the page's run moves, update() moves it. Returns whether
   * the second run wants another frame.
   */
  followCompare(wallMs: number): boolean {
    return this.stepCompare(wallMs, false);
  }

  /**
   * The second run goes toward the page's playhead for a frame's budget. Its metrics are
   * taken with the page's own (`fresh`), so both columns describe the same instant, or when
   * it has caught up, or now and then while it catches up.
   */
  private stepCompare(wallMs: number, fresh: boolean): boolean {
    const run = this.compareRun;
    const primary = this.view.runState;
    if (run === null || primary === null) return false;
    let behind: boolean;
    try {
      behind = run.follow(primary);
    } catch (error) {
      // An engine bug in the second run: compare mode stops and says why; the page's run goes on.
      const why = error instanceof Error ? error.message : String(error);
      this.setCompare(null);
      this.compareError = `The compared run stopped with an error: ${why}`;
      return false;
    }
    const previous = this.view.compare;
    const catchingUp = primary.status !== 'running' && primary.status !== 'seeking';
    const due =
      previous === null || fresh || (catchingUp && (!behind || this.compareGate.due(wallMs)));
    this.view.compare = run.view(primary, due ? run.metrics() : previous.metrics);
    return behind;
  }

  /** Starts a run of `next`; returns why it cannot run (the run on screen is kept), or null. */
  reconfigure(next: RunConfig): string | null {
    this.choices++; // a capture still loading for an earlier choice must not replace this run
    const error = this.adopt(this.session.configure(next));
    this.configError = error ?? '';
    return error;
  }

  /** A capture file the user picked or dropped: its replay becomes the run (if it can be read). */
  async openCaptureFile(file: File): Promise<void> {
    const choice = ++this.choices;
    const capture = await this.captures.file(file);
    if (capture !== null && choice === this.choices) this.reconfigure(defaultConfig(capture.key));
  }

  /**
   * The scenario picker: a built-in or the loaded file runs at once, a sample capture once it
   * is fetched — unless another run was chosen meanwhile.
   */
  async chooseScenario(name: string): Promise<void> {
    const choice = ++this.choices;
    if (isCaptureKey(name) && captureShelf.get(name) === undefined) {
      if (sampleNamed(name) === undefined) {
        this.configError = `The capture "${name.slice(name.indexOf(':') + 1)}" is no longer loaded: load it again.`;
        return;
      }
      if ((await this.captures.sample(name)) === null || choice !== this.choices) return;
    }
    this.reconfigure(defaultConfig(name));
  }

  crashNow(): void {
    this.adopt(this.session.crashNow(), true);
  }

  /** Adds a crash at `atUs`; returns why it could not be added, or null. */
  crashAt(atUs: number): string | null {
    const playing = this.view.runState?.status === 'running';
    return this.adopt(this.session.crashAt(atUs, playing), true);
  }

  /** The run bar's report of every frame (metrics only when fresh ones were taken). */
  update(state: RunState, fresh: RunMetrics | null): void {
    const before = this.view.runState?.status;
    this.view.runState = state;
    if (fresh) {
      this.view.metrics = fresh;
      this.view.monitors = this.monitors?.statuses ?? [];
    }
    this.stepCompare(0, fresh !== null);
    const resting = state.status === 'paused' || state.status === 'finished';
    if (resting && (before !== state.status || state.status === 'paused')) this.keepAddress();
  }

  private open(fallbackScenario: string): void {
    const { state, problems } = readUrl(this.address.search, fallbackScenario);
    const key = state.config.scenario;
    if (isCaptureKey(key) && captureShelf.get(key) === undefined) {
      // A sample the link names: show the fallback now, the link's run once it is fetched.
      this.notices = [...problems];
      this.adopt(this.session.configure(defaultConfig(fallbackScenario)));
      const choice = ++this.choices;
      void this.captures.sample(key).then((capture) => {
        if (capture !== null && choice === this.choices) this.openLinked(state, problems);
      });
      return;
    }
    this.openLinked(state, problems);
  }

  private openLinked(
    state: ReturnType<typeof readUrl>['state'],
    problems: readonly string[],
  ): void {
    const notices = [...problems];
    let opened = this.session.configure(state.config, state.playheadUs);
    if (!opened.ok) {
      notices.push(
        `The link's run cannot be built: ${opened.message}. Showing "${state.config.scenario}" as defined.`,
      );
      opened = this.session.configure(defaultConfig(state.config.scenario), state.playheadUs);
    }
    this.notices = notices;
    this.pendingCompare = state.compare ?? null;
    this.adopt(opened);
  }

  /**
   * Shows the session's new run. `sameRun`: it is the run on screen with a crash added, the
   * same up to the playhead — the selection (ids, packets, events) stays valid and is kept.
   */
  private adopt(result: Configured, sameRun = false): string | null {
    if (!result.ok) return result.message;
    const runner = this.session.runner;
    this.runner = runner;
    this.view.config = this.session.config;
    this.view.scenario = this.session.scenario;
    this.view.runState = runner?.state ?? null;
    this.view.metrics = runner?.metrics() ?? null;
    this.view.monitors = this.monitors?.statuses ?? [];
    this.view.overview = null;
    this.view.overviewError = null;
    this.view.baseline = null;
    if (!sameRun) this.view.selection.clear();
    if (this.view.config) this.overviews.request(this.view.config);
    const compare = this.compareRun?.strategy ?? this.pendingCompare;
    this.pendingCompare = null;
    if (compare) this.setCompare(compare);
    this.keepAddress();
    return null;
  }

  /** The address bar follows the run whenever it rests (not every frame while it plays). */
  private keepAddress(): void {
    const next = this.search;
    if (next !== '' && next !== this.address.search) this.address.replace(next);
  }
}
