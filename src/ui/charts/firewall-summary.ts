import type { Overview } from '../overview/overview';
import { formatAt, formatBytes, formatCount, formatCountOf } from '../run/quantity-format';
import { ratePoints } from './goodput';

/**
 * The firewall charts in words (their text alternative and caption): how many connections it
 * tracked and what a crash did to the count; how much it wrote to the checkpoint server.
 */

export function connectionsSummary(overview: Overview): string {
  const fw = overview.firewall;
  if (fw === null || fw.connections.length === 0) return '';
  const counts = fw.connections;
  const peak = Math.max(...counts);
  const peakAt = overview.timesUs[counts.indexOf(peak)];
  const parts = [`Up to ${formatCountOf(peak, 'connection')} tracked (at ${formatAt(peakAt)})`];
  for (const crash of overview.crashes) {
    // Exact counts from the crash report; the samples only draw the line.
    const back =
      crash.recoveredAtUs === null
        ? 'never back in service'
        : `${formatCount(crash.recovered)} rebuilt by ${formatAt(crash.recoveredAtUs)}`;
    parts.push(
      `crash at ${formatAt(crash.atUs)}: ${formatCount(crash.connectionsBefore)} before, none while down, ${back}`,
    );
  }
  return `${parts.join('; ')}.`;
}

export function writesSummary(overview: Overview, unit: 'writes' | 'bytes'): string {
  const fw = overview.firewall;
  if (fw === null || fw.writes.length === 0) return '';
  const total = unit === 'writes' ? (fw.writes.at(-1) ?? 0) : (fw.bytes.at(-1) ?? 0);
  if (total === 0) return 'Nothing was written to the checkpoint server.';
  const rates = ratePoints(overview.timesUs, unit === 'writes' ? fw.writes : fw.bytes);
  const busiest = rates.reduce((best, p) => (p.value > best.value ? p : best), rates[0]);
  const rate =
    unit === 'writes'
      ? `${formatCount(Math.round(busiest.value))} writes/s`
      : `${formatBytes(busiest.value)}/s`;
  const all = unit === 'writes' ? formatCountOf(total, 'write') : formatBytes(total);
  return `${all} to the checkpoint server in all; busiest ${rate} (the bucket ending ${formatAt(busiest.timeUs)}).`;
}
