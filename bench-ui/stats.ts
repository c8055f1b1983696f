/** A sample of durations summarised, in the sample's own unit. */
export interface Distribution {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

/**
 * The nearest-rank percentile (`p` from 0 to 100) of values sorted ascending: always one of
 * the values, so a p95 frame time is a frame that happened, not an interpolation.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('percentile of no values');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be 0..100, got ${p}`);
  const rank = Math.max(Math.ceil((p / 100) * sorted.length), 1);
  return sorted[rank - 1];
}

export function distribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: percentile(sorted, 100),
    mean: sorted.reduce((sum, v) => sum + v, 0) / sorted.length,
  };
}

/** The middle value (the lower of the two middles for an even count), e.g. of repeated runs. */
export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/** A long task as PerformanceObserver reports it: start (page ms) and duration. */
export interface LongTask {
  readonly startMs: number;
  readonly durationMs: number;
}

export interface LongTaskSummary {
  readonly count: number;
  /** 0 when there was none. */
  readonly longestMs: number;
  readonly totalMs: number;
}

/** The long tasks that started within [fromMs, toMs] of the page's clock. */
export function longTasksWithin(
  tasks: readonly LongTask[],
  fromMs: number,
  toMs: number,
): LongTaskSummary {
  const inside = tasks.filter((t) => t.startMs >= fromMs && t.startMs <= toMs);
  return {
    count: inside.length,
    longestMs: inside.reduce((longest, t) => Math.max(longest, t.durationMs), 0),
    totalMs: inside.reduce((sum, t) => sum + t.durationMs, 0),
  };
}
