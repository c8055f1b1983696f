import type { LinkConfig } from '../engine';

/**
 * Human-readable link properties for the topology labels. Plain functions (no Intl) so the
 * text is the same in every browser and in the node tests that measure it.
 */

/** Drops a trailing ".0" so 100 Mbit/s does not read as "100.0 Mbit/s". */
function trim(value: number): string {
  return String(Number(value.toFixed(1)));
}

export function formatBandwidth(bitsPerSecond: number): string {
  const units: [number, string][] = [
    [1e9, 'Gbit/s'],
    [1e6, 'Mbit/s'],
    [1e3, 'kbit/s'],
  ];
  for (const [scale, unit] of units) {
    if (bitsPerSecond >= scale) return `${trim(bitsPerSecond / scale)} ${unit}`;
  }
  return `${bitsPerSecond} bit/s`;
}

export function formatDelay(microseconds: number): string {
  if (microseconds >= 1_000_000) return `${trim(microseconds / 1_000_000)} s`;
  if (microseconds >= 1_000 || microseconds === 0) return `${trim(microseconds / 1_000)} ms`;
  return `${microseconds} µs`;
}

export function formatPercent(probability: number): string {
  return `${trim(probability * 100)}%`;
}

/**
 * The link's label as lines: bandwidth first, then delay (and loss, only when the link loses
 * packets — a "0% loss" on every link would be noise).
 */
export function linkLabelLines(link: LinkConfig): string[] {
  const second = [formatDelay(link.delayUs)];
  if (link.lossRate > 0) second.push(`${formatPercent(link.lossRate)} loss`);
  return [formatBandwidth(link.bandwidthBps), second.join(' · ')];
}

/** The same label on one line, e.g. "100 Mbit/s · 1 ms". */
export function linkLabel(link: LinkConfig): string {
  return linkLabelLines(link).join(' · ');
}
