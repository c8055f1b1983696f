/**
 * Capture timestamps as integer microseconds since the epoch. pcapng timestamps are 64-bit
 * counts of a per-interface unit (10^-n or 2^-n seconds), so they are converted with bigint
 * and only the result becomes a number. Finer units are floored to the microsecond (a
 * nanosecond time 1.000000999 s becomes 1000000 µs): the simulator's clock is integer
 * microseconds, and flooring keeps packets of one microsecond in their recorded order.
 */

/** A timestamp unit: 10^-exponent or 2^-exponent seconds (pcapng if_tsresol). */
export interface TimeResolution {
  readonly base: 10 | 2;
  readonly exponent: number;
}

export const MICROSECONDS: TimeResolution = { base: 10, exponent: 6 };
export const NANOSECONDS: TimeResolution = { base: 10, exponent: 9 };

/** "10^-6", "2^-20" — how the summary shows a resolution. */
export function formatResolution(resolution: TimeResolution): string {
  return `${resolution.base}^-${resolution.exponent}`;
}

/** Decodes an if_tsresol byte: high bit clear → 10^-n, set → 2^-n (n = the low 7 bits). */
export function resolutionOfByte(value: number): TimeResolution {
  return value & 0x80 ? { base: 2, exponent: value & 0x7f } : { base: 10, exponent: value & 0x7f };
}

const MAX_TIME_US = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * `units` of `resolution` plus `offsetSeconds` (pcapng if_tsoffset), in whole microseconds,
 * floored; null when the result is negative or beyond 2^53 µs (the year 2255), which no real
 * capture holds and a number could not carry exactly.
 */
export function toMicroseconds(
  units: bigint,
  resolution: TimeResolution,
  offsetSeconds = 0n,
): number | null {
  const { base, exponent } = resolution;
  let us: bigint;
  if (base === 2) us = (units * 1_000_000n) >> BigInt(exponent);
  else if (exponent >= 6) us = units / 10n ** BigInt(exponent - 6);
  else us = units * 10n ** BigInt(6 - exponent);
  us += offsetSeconds * 1_000_000n;
  return us < 0n || us > MAX_TIME_US ? null : Number(us);
}
