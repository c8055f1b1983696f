/** A benchmark figure over several runs: the median, with the spread. */
export interface Figure {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

/** Median (the mean of the middle two for an even count), min and max of `values`. */
export function figure(values: readonly number[]): Figure {
  if (values.length === 0) throw new RangeError('a figure needs at least one run');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted.at(-1) as number, runs: sorted.length };
}

/** Runs `measure` `runs` times (after `warmups` unmeasured runs) and collects each result. */
export function repeat<T>(runs: number, measure: () => T, warmups = 0): T[] {
  for (let i = 0; i < warmups; i++) measure();
  return Array.from({ length: runs }, measure);
}

/** Wall time of `work` in milliseconds (performance.now: the bench is the one place for it). */
export function timeMs(work: () => void): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}
