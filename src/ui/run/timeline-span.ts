import type { RunState } from './simulation-runner';

/** The shortest span the timeline shows, so the first moments of a run are not a tiny slider. */
export const MIN_TIMELINE_US = 1_000_000;

/**
 * How much of the run the timeline spans: the whole run once its end is known (the overview
 * ran it ahead, or it finished here); until then what has been explored so far, at least a
 * second, never past the scenario's end.
 */
export function timelineSpanUs(
  run: Pick<RunState, 'reachedUs' | 'status'>,
  durationUs: number,
  knownEndUs: number | null,
): number {
  if (knownEndUs !== null) return Math.max(knownEndUs, run.reachedUs, 1);
  if (run.status === 'finished') return Math.max(run.reachedUs, 1);
  return Math.min(Math.max(run.reachedUs, MIN_TIMELINE_US), durationUs);
}
