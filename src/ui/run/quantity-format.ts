import { format } from 'd3-format';

/**
 * Numbers of a running simulation as the run bar, flow table and queue bars show them.
 * d3-format (not Intl) so the text is the same in every browser and in node tests.
 */

const si3 = format('.3s');
const grouped = format(',');
const clock = format('.6f');
const oneDecimal = format(',.1f');
const millis = format('.3f');

/** Bytes with three significant digits and an SI prefix: "200 B", "50.0 kB", "20.0 MB". */
export function formatBytes(bytes: number): string {
  if (Math.abs(bytes) < 1_000) return `${Math.round(bytes)} B`;
  const text = si3(bytes);
  return `${text.slice(0, -1)} ${text.slice(-1)}B`;
}

/** An exact count with thousands separators: "20,000,000". */
export function formatCount(n: number): string {
  return grouped(n);
}

/** A count and its noun, singular for one: "1 record", "2,971 records". */
export function formatCountOf(n: number, noun: string): string {
  return `${grouped(n)} ${n === 1 ? noun : `${noun}s`}`;
}

/** The simulated clock, to the microsecond: "1.234567 s". */
export function formatClock(us: number): string {
  return `${clock(us / 1e6)} s`;
}

/** A duration in milliseconds with one decimal: "1,653.2 ms". */
export function formatMs(us: number): string {
  return `${oneDecimal(us / 1_000)} ms`;
}

/** A moment on the simulated clock, to the millisecond: "1.681 s". */
export function formatAt(us: number): string {
  return `${millis(us / 1e6)} s`;
}
