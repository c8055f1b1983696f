import type { TraceEvent } from '../../engine';
import type { ActCounts } from './act-counter';
import type { RunStatus } from '../run/simulation-runner';
import type { Speed } from '../run/speed';

/**
 * Which of the flowcharts' acts were executed recently, and how brightly each glows: read from
 * when the act counter saw each act last, over a window of simulated time.
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
 * The acts executed within `windowUs` before `nowUs`, each with its glow, from the counts of
 * the run's recorder: the acts of the latest event that executed any are being executed now;
 * the others fade with the time since they last ran. Acts not in the map are not lit. (This
 * scanned the recorder back at every refresh: at max speed 20,000 checkpoint writes.)
 */
export function litActs(counts: ActCounts, nowUs: number, windowUs: number): Map<number, ActGlow> {
  const lit = new Map<number, ActGlow>();
  const fromUs = nowUs - windowUs;
  const { latest } = counts;
  if (latest === null || latest.atUs < fromUs) return lit;
  for (const [act, { lastAtUs }] of counts.byAct) {
    if (lastAtUs === null || lastAtUs < fromUs) continue;
    const current = latest.acts.includes(act);
    const ageUs = Math.max(0, nowUs - lastAtUs);
    lit.set(act, { ageUs, strength: current ? 1 : fade(ageUs, windowUs), current });
  }
  return lit;
}

/** Linear fade from just under full strength at age 0 to MIN_STRENGTH at the window's end. */
function fade(ageUs: number, windowUs: number): number {
  const left = windowUs > 0 ? 1 - ageUs / windowUs : 0;
  return MIN_STRENGTH + (0.9 - MIN_STRENGTH) * Math.min(1, Math.max(0, left));
}
