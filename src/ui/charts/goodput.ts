/**
 * From the overview's cumulative samples to what the charts draw. Sample i closes the bucket
 * (timesUs[i-1], timesUs[i]] (the first opens at 0 with nothing delivered), so a bucket's
 * goodput is its delivered bytes over its length — bytes·8 per µs is exactly Mbit/s.
 */

export interface Point {
  readonly timeUs: number;
  readonly value: number;
}

/** Goodput of every bucket, Mbit/s. */
export function bucketGoodputMbps(
  timesUs: readonly number[],
  delivered: readonly number[],
): number[] {
  return timesUs.map((timeUs, i) => {
    const startUs = i === 0 ? 0 : timesUs[i - 1];
    const bytes = delivered[i] - (i === 0 ? 0 : delivered[i - 1]);
    return timeUs > startUs ? (bytes * 8) / (timeUs - startUs) : 0;
  });
}

/**
 * How many samples a line keeps: all, or up to the bucket its flow ended in (after that it
 * would draw a flat line that reads as a stall).
 */
export function keptSamples(timesUs: readonly number[], endedAtUs: number | null): number {
  if (endedAtUs === null) return timesUs.length;
  const i = timesUs.findIndex((t) => t >= endedAtUs);
  return i < 0 ? timesUs.length : i + 1;
}

/**
 * Goodput as the corners of a step line (d3's curveStepBefore): each bucket's value from its
 * start to its end, the first from time 0.
 */
export function goodputPoints(
  timesUs: readonly number[],
  delivered: readonly number[],
  endedAtUs: number | null,
): Point[] {
  const n = keptSamples(timesUs, endedAtUs);
  if (n === 0) return [];
  const mbps = bucketGoodputMbps(timesUs.slice(0, n), delivered);
  return [
    { timeUs: 0, value: mbps[0] },
    ...mbps.map((value, i) => ({ timeUs: timesUs[i], value })),
  ];
}

/**
 * A cumulative count as a rate per second over each bucket (checkpoint writes or bytes per
 * second), drawn as steps like goodput.
 */
export function ratePoints(timesUs: readonly number[], cumulative: readonly number[]): Point[] {
  if (timesUs.length === 0) return [];
  const perSecond = timesUs.map((timeUs, i) => {
    const startUs = i === 0 ? 0 : timesUs[i - 1];
    const added = cumulative[i] - (i === 0 ? 0 : cumulative[i - 1]);
    return timeUs > startUs ? (added * 1e6) / (timeUs - startUs) : 0;
  });
  return [
    { timeUs: 0, value: perSecond[0] },
    ...perSecond.map((value, i) => ({ timeUs: timesUs[i], value })),
  ];
}

/** A level sampled at the end of each bucket (connections tracked), held over the bucket. */
export function levelPoints(timesUs: readonly number[], levels: readonly number[]): Point[] {
  if (timesUs.length === 0) return [];
  return [{ timeUs: 0, value: 0 }, ...levels.map((value, i) => ({ timeUs: timesUs[i], value }))];
}

/** Cumulative delivered bytes from 0 at time 0; the last point at the flow's end. */
export function deliveredPoints(
  timesUs: readonly number[],
  delivered: readonly number[],
  endedAtUs: number | null,
): Point[] {
  const n = keptSamples(timesUs, endedAtUs);
  const points = [{ timeUs: 0, value: 0 }];
  for (let i = 0; i < n; i++) {
    const timeUs = endedAtUs !== null && i === n - 1 ? Math.min(timesUs[i], endedAtUs) : timesUs[i];
    points.push({ timeUs, value: delivered[i] });
  }
  return points;
}

/** The end of the last bucket that delivered anything (0 when nothing ever was). */
export function lastGrowthUs(timesUs: readonly number[], delivered: readonly number[]): number {
  for (let i = timesUs.length - 1; i >= 0; i--) {
    if (delivered[i] > (i === 0 ? 0 : delivered[i - 1])) return timesUs[i];
  }
  return 0;
}

/** A pause in a flow's delivery around a crash; toUs null: it never delivered again. */
export interface Pause {
  readonly fromUs: number;
  readonly toUs: number | null;
}

/**
 * The pause a crash caused in one flow: the first bucket without delivery after the crash
 * (while the firewall was not yet back) up to the next bucket that delivered. Null when the
 * flow was not delivering when the crash came (not started yet, or already ended) or kept
 * delivering through it. Resolution is one bucket.
 */
export function pauseAfter(
  timesUs: readonly number[],
  delivered: readonly number[],
  endedAtUs: number | null,
  crashAtUs: number,
  backUs: number | null,
): Pause | null {
  if (endedAtUs !== null && endedAtUs <= crashAtUs) return null;
  const mbps = bucketGoodputMbps(timesUs, delivered);
  const k = timesUs.findIndex((t) => t > crashAtUs);
  if (k < 0) return null;
  const before = k === 0 ? 0 : delivered[k - 1];
  if (before === 0 && mbps[k] === 0) return null;
  const startUs = (i: number) => (i === 0 ? 0 : timesUs[i - 1]);
  const limitUs = backUs ?? Infinity;
  let j = k;
  while (j < mbps.length && mbps[j] > 0 && startUs(j) <= limitUs) j++;
  if (j === mbps.length || startUs(j) > limitUs) return null;
  const fromUs = startUs(j);
  let m = j;
  while (m < mbps.length && mbps[m] === 0) m++;
  return { fromUs, toUs: m === mbps.length ? null : startUs(m) };
}
