import { getContext, setContext } from 'svelte';
import type { Scenario } from '../engine';
import type { CompareView } from './compare/compare-run';
import type { MonitorStatus } from './monitors/invariant-monitors';
import type { Overview } from './overview/overview';
import type { Recorder } from './record/recorder';
import type { RunConfig } from './run/run-config';
import type { RunMetrics, RunState } from './run/simulation-runner';

/**
 * What every view of the run shares, by context rather than through props: the run's config
 * and state, its metrics, the overview computed ahead, the recorder of its events, and the
 * user's selection. The page (App) owns it and writes it; views only read it — and act on the
 * run through its callbacks.
 */
export class RunView {
  config = $state.raw<RunConfig | null>(null);
  scenario = $state.raw<Scenario | null>(null);
  /** Fresh every animation frame while the run moves. */
  runState = $state.raw<RunState | null>(null);
  /** Fresh a few times a second while the run moves, and whenever it rests. */
  metrics = $state.raw<RunMetrics | null>(null);
  overview = $state.raw<Overview | null>(null);
  /** Why the overview could not be computed (the worker failed), or null. */
  overviewError = $state.raw<string | null>(null);
  /** The same run without firewall crashes (what a crash costs is measured against it). */
  baseline = $state.raw<Overview | null>(null);
  /** The current simulation's events; replaced when a seek backwards replays the run. */
  recorder = $state.raw<Recorder | null>(null);
  /** The live invariant monitors of the current simulation, as of the last metrics. */
  monitors = $state.raw<readonly MonitorStatus[]>([]);
  /** Compare mode's second run (the same run with another strategy), or null when off. */
  compare = $state.raw<CompareView | null>(null);
  /** Shared by every view of the page, also by those that see the run through a ScreenGate. */
  readonly selection: Selection;
  /** Moves the playhead (the page replays the run if it must go back); a playing run plays on. */
  seek: (us: number) => void = () => {};
  /** Goes to an instant to look at it: pauses there (an event, a failure, a divergence). */
  goTo: (us: number) => void = () => {};

  constructor(selection = new Selection()) {
    this.selection = selection;
  }
}

/**
 * The run as `from` sees it now, into `to` (a ScreenGate's view of its panel): every field
 * that changes with the run; the selection and the callbacks are shared, not copied.
 */
export function mirrorRunView(from: RunView, to: RunView): void {
  to.config = from.config;
  to.scenario = from.scenario;
  to.runState = from.runState;
  to.metrics = from.metrics;
  to.overview = from.overview;
  to.overviewError = from.overviewError;
  to.baseline = from.baseline;
  to.recorder = from.recorder;
  to.monitors = from.monitors;
  to.compare = from.compare;
}

/**
 * What the user picked, anywhere on the page. Selecting a connection highlights all its
 * separate but interrelated pieces everywhere: its packets, its module parts, its records in
 * every area of the checkpoint server, its related connections.
 */
export class Selection {
  /** The connection's readable unique id ("tcp 192.0.2.10:50047 → 198.51.100.20:21 #1"). */
  connection = $state<string | null>(null);
  /** A packet's engine id, for the packet inspector. */
  packetId = $state<number | null>(null);
  /** A recorded event's sequence number (the event log's row). */
  eventSeq = $state<number | null>(null);

  clear(): void {
    this.connection = null;
    this.packetId = null;
    this.eventSeq = null;
  }
}

const KEY = Symbol('run-view');

export function setRunView(view: RunView): RunView {
  return setContext(KEY, view);
}

export function getRunView(): RunView {
  const view = getContext<RunView | undefined>(KEY);
  if (view === undefined) throw new Error('getRunView() outside the page that sets the run view');
  return view;
}
