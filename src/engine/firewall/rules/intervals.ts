/**
 * Sets of addresses and ports as sorted, merged closed intervals in one flat typed array
 * [lo0, hi0, lo1, hi1, ...]: built once when the ruleset loads, searched per packet with no
 * allocation (a binary search over at most a few hundred entries).
 */

/** Sorts and merges [lo, hi] pairs (touching or overlapping ones become one). */
export function mergeIntervals(pairs: readonly number[]): number[] {
  const list: Array<[number, number]> = [];
  for (let i = 0; i + 1 < pairs.length; i += 2) list.push([pairs[i], pairs[i + 1]]);
  list.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: number[] = [];
  for (const [lo, hi] of list) {
    const last = out.length - 1;
    if (last > 0 && lo <= out[last] + 1) out[last] = Math.max(out[last], hi);
    else out.push(lo, hi);
  }
  return out;
}

/** True when value lies in one of the intervals. */
export function inIntervals(intervals: Float64Array, value: number): boolean {
  let lo = 0;
  let hi = (intervals.length >> 1) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (value < intervals[2 * mid]) hi = mid - 1;
    else if (value > intervals[2 * mid + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}
