import { tickStep } from 'd3-array';
import { format, precisionFixed } from 'd3-format';
import type { ScaleLinear } from 'd3-scale';

/** A tick: its value, where it goes along its axis (px) and its text. */
export interface Tick {
  readonly value: number;
  readonly px: number;
  readonly label: string;
}

/** How many ticks fit along `lengthPx` with at least `spacingPx` between them (2 or more). */
export function tickCount(lengthPx: number, spacingPx: number): number {
  return Math.max(2, Math.floor(lengthPx / spacingPx));
}

/** Time ticks of a µs scale, labelled in seconds with as many decimals as the step needs. */
export function timeTicks(x: ScaleLinear<number, number>, count: number): Tick[] {
  const [startUs, endUs] = x.domain();
  const stepS = tickStep(startUs, endUs, count) / 1e6;
  const seconds = format(`.${precisionFixed(stepS)}f`);
  return x.ticks(count).map((us) => ({ value: us, px: x(us), label: seconds(us / 1e6) }));
}

const si = format('~s');

/** Bytes with an SI prefix, trimmed: "0 B", "500 kB", "2.5 MB". */
export function formatBytesTick(bytes: number): string {
  const text = si(bytes);
  const prefix = /[a-zA-Zµ]$/.test(text) ? text.slice(-1) : '';
  return `${prefix ? text.slice(0, -1) : text} ${prefix}B`;
}

/** Ticks of a value scale, with the scale's own precision (or bytes, SI-prefixed). */
/** How a value axis labels its ticks: bytes with an SI prefix, or plain numbers. */
export type ValueUnit = 'bytes' | 'number';

export function valueTicks(y: ScaleLinear<number, number>, count: number, unit: ValueUnit): Tick[] {
  const text = unit === 'bytes' ? formatBytesTick : y.tickFormat(count, ',~f');
  return y.ticks(count).map((v) => ({ value: v, px: y(v), label: text(v) }));
}

/**
 * A time picked with the pointer, rounded to what a pixel can tell apart: the largest power of
 * ten µs not above one pixel's worth, so a click gives 1.234 s, not 1.233871 s.
 */
export function snapTimeUs(us: number, usPerPx: number): number {
  const step = usPerPx >= 1 ? 10 ** Math.floor(Math.log10(usPerPx)) : 1;
  return Math.round(us / step) * step;
}
