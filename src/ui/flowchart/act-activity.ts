import type { TraceEvent } from '../../engine';
import { EventSubset } from '../record/event-subset';
import { perRecorder } from '../record/per-recorder';
import type { Recorder } from '../record/recorder';
import type { RunStatus } from '../run/simulation-runner';
import type { Speed } from '../run/speed';

/**
 * Which of the flowcharts' acts were executed recently, and how brightly each glows: found by
 * scanning the recorder back from its latest event over a bounded window of simulated time.
 */

const NO_ACTS: readonly number[] = [];

/** The patent's act numerals an event records having executed (none for most events). */
export function actsOf(event: TraceEvent): readonly number[] {
  switch (event.kind) {
    case 'checkpoint.write':
      return event.acts;
    case 'supervisor':
    case 'recovery':
      return event.act === null ? NO_ACTS : [event.act];
    default:
      return NO_ACTS;
  }
}

/** How far back an act still glows when the run rests, and the least it ever looks back. */
export const RESTING_WINDOW_US = 20_000;
/** While running, an act glows for about this much wall time… */
export const AFTERGLOW_WALL_MS = 1_000;
/** …but never further back than this much simulated time (and at speed max, this far). */
export const MAX_WINDOW_US = 2_000_000;
/** Events visited per scan at most: what keeps a scan cheap when the window is busy. */
export const MAX_SCANNED_EVENTS = 20_000;

/**
 * The recorder's events that executed acts, for litActs to scan. Scanning all events, the
 * bound above was spent on the download's packets (which execute no act of the figures):
 * from 1.8 s on, 0.75 s after ftp-crash's recovery, its acts were no longer found — and at
 * max speed one frame can run that far, so the recovery sometimes never lit at all.
 */
export const actEventsOf = perRecorder(
  (recorder) => new EventSubset(recorder, (event) => actsOf(event).length > 0),
);

/**
 * The window of simulated time that counts as "recently". Resting (paused, finished,
 * seeking) it is fixed, so what is lit depends only on the playhead — the same for everyone
 * opening a link. Running, it spans about a second of wall time at the chosen speed: at 1× a
 * 20 ms window would glow for 20 ms, too short for a 10 Hz refresh to ever show.
 */
export function glowWindowUs(status: RunStatus, speed: Speed): number {
  if (status !== 'running') return RESTING_WINDOW_US;
  if (speed === 'max') return MAX_WINDOW_US;
  const us = speed * AFTERGLOW_WALL_MS * 1_000;
  return Math.min(MAX_WINDOW_US, Math.max(RESTING_WINDOW_US, us));
}

export interface ActGlow {
  /** Simulated time since the act was last executed, µs (0: at the playhead). */
  readonly ageUs: number;
  /** 1 for the act(s) being executed now (the latest event with acts), fading with age. */
  readonly strength: number;
  /** Among the acts of the latest event that executed any. */
  readonly current: boolean;
}

/** The dimmest a lit act gets, so that the end of the window still reads as lit. */
export const MIN_STRENGTH = 0.2;

/**
 * The acts executed within `windowUs` before `nowUs`, each with its glow: found by scanning
 * the recorder back from the latest event, stopping at the window's start or after
 * `maxEvents` events. Acts not in the map are not lit.
 */
export function litActs(
  recorder: Pick<Recorder, 'scanBack'>,
  nowUs: number,
  windowUs: number,
  maxEvents = MAX_SCANNED_EVENTS,
): Map<number, ActGlow> {
  const lit = new Map<number, ActGlow>();
  const fromUs = nowUs - windowUs;
  let visited = 0;
  let currentSeq = -1;
  recorder.scanBack((event, seq) => {
    if (event.atUs < fromUs || ++visited > maxEvents) return false;
    const acts = actsOf(event);
    if (acts.length === 0) return true;
    if (currentSeq < 0) currentSeq = seq;
    const current = seq === currentSeq;
    const ageUs = Math.max(0, nowUs - event.atUs);
    const strength = current ? 1 : fade(ageUs, windowUs);
    for (const act of acts) if (!lit.has(act)) lit.set(act, { ageUs, strength, current });
    return true;
  });
  return lit;
}

/** Linear fade from just under full strength at age 0 to MIN_STRENGTH at the window's end. */
function fade(ageUs: number, windowUs: number): number {
  const left = windowUs > 0 ? 1 - ageUs / windowUs : 0;
  return MIN_STRENGTH + (0.9 - MIN_STRENGTH) * Math.min(1, Math.max(0, left));
}
