import type { CrashReport } from '../../engine';
import type { Overview } from '../overview/overview';
import { formatAt, formatBytes } from '../run/quantity-format';
import { isSum, type ChartSeries } from './chart-series';
import { bucketGoodputMbps, lastGrowthUs, pauseAfter, type Pause } from './goodput';

/**
 * What the charts show, in words: the text alternative read out for each chart and shown
 * under it, and the rows of the table of lines. Also the facts the page states as data
 * attributes (a flow stalled, a transfer resumed) so tests need not read pixels.
 */

/** How a line ended: a stalled transfer is the prior art's signature after a crash. */
export type Outcome = 'completed' | 'ended' | 'stalled' | 'running' | 'summed';

/** A flow that has not delivered a byte for this long, and has not ended, is stalled. */
export const STALL_MIN_US = 1_000_000;

export interface SeriesFacts {
  readonly key: string;
  readonly label: string;
  readonly outcome: Outcome;
  readonly finalBytes: number;
  readonly bytesGoal: number | null;
  readonly completedAtUs: number | null;
  readonly endedAtUs: number | null;
  readonly lastGrowthUs: number;
  readonly peakMbps: number;
  readonly peakAtUs: number;
  /** One per crash of the overview, in order: the pause it caused, or null. */
  readonly pauses: readonly (Pause | null)[];
}

export function seriesFacts(s: ChartSeries, overview: Overview): SeriesFacts {
  const { timesUs, crashes, endUs } = overview;
  const grewUs = lastGrowthUs(timesUs, s.delivered);
  const mbps = bucketGoodputMbps(timesUs, s.delivered);
  const peak = mbps.reduce((best, v, i) => (v > mbps[best] ? i : best), 0);
  let outcome: Outcome;
  if (isSum(s)) outcome = 'summed';
  else if (s.completedAtUs !== null) outcome = 'completed';
  else if (s.endedAtUs !== null) outcome = 'ended';
  else outcome = endUs - grewUs >= STALL_MIN_US ? 'stalled' : 'running';
  return {
    key: s.key,
    label: s.label,
    outcome,
    finalBytes: s.delivered.at(-1) ?? 0,
    bytesGoal: s.bytesGoal,
    completedAtUs: s.completedAtUs,
    endedAtUs: s.endedAtUs,
    lastGrowthUs: grewUs,
    peakMbps: mbps[peak] ?? 0,
    peakAtUs: timesUs[peak] ?? 0,
    pauses: crashes.map((c) =>
      pauseAfter(timesUs, s.delivered, s.endedAtUs, c.atUs, c.recoveredAtUs),
    ),
  };
}

function share(f: SeriesFacts): string {
  if (f.bytesGoal === null || f.bytesGoal <= 0) return formatBytes(f.finalBytes);
  const percent = Math.floor((f.finalBytes / f.bytesGoal) * 100);
  return `${formatBytes(f.finalBytes)} of ${formatBytes(f.bytesGoal)} (${percent} %)`;
}

/** How the line ended, as a phrase after its name. */
export function outcomeText(f: SeriesFacts): string {
  switch (f.outcome) {
    case 'completed': {
      // A stream completes when it stops sending, whether or not every datagram arrived.
      const short = f.bytesGoal !== null && f.finalBytes < f.bytesGoal;
      return `completed at ${formatAt(f.completedAtUs ?? 0)}${short ? ` with ${share(f)}` : ''}`;
    }
    case 'ended':
      return `ended at ${formatAt(f.endedAtUs ?? 0)} with ${share(f)}`;
    case 'stalled':
      return `stalled at ${share(f)}: nothing delivered after ${formatAt(f.lastGrowthUs)}`;
    case 'running':
      return `still delivering at the end, ${share(f)}`;
    case 'summed':
      return `delivered ${formatBytes(f.finalBytes)} in all`;
  }
}

/** What a crash did to one line, as a phrase after "Crash at T:". */
export function pauseText(label: string, pause: Pause | null): string {
  if (pause === null) return `${label} was not held up`;
  if (pause.toUs === null) {
    return `${label} delivered nothing after ${formatAt(pause.fromUs)} and never resumed`;
  }
  const length = formatAt(pause.toUs - pause.fromUs);
  return `${label} delivered nothing from ${formatAt(pause.fromUs)} to ${formatAt(pause.toUs)} (${length}), then resumed`;
}

/** What a crash did to a line, in a table cell. */
export function pauseBrief(pause: Pause | null): string {
  if (pause === null) return 'not held up';
  if (pause.toUs === null) return `nothing after ${formatAt(pause.fromUs)}, never resumed`;
  return `nothing for ${formatAt(pause.toUs - pause.fromUs)} from ${formatAt(pause.fromUs)}`;
}

/** What the crash did to the bulk transfer, for a data attribute: the invention vs prior art. */
export type CrashEffect = 'no-crash' | 'unaffected' | 'resumed' | 'stalled';

export function crashEffect(bulk: SeriesFacts | null): CrashEffect {
  const pauses = bulk?.pauses ?? [];
  if (pauses.length === 0) return 'no-crash';
  if (pauses.some((p) => p !== null && p.toUs === null)) return 'stalled';
  return pauses.some((p) => p !== null) ? 'resumed' : 'unaffected';
}

/** How many crashes the summary describes one by one before it only counts them. */
const CRASHES_NAMED = 3;

/** The goodput chart's text: its peak, and what each crash did to the bulk transfer. */
export function goodputSummary(bulk: SeriesFacts | null, crashes: readonly CrashReport[]): string {
  if (bulk === null) return 'No data flows to chart.';
  const parts = [
    `Peak goodput ${bulk.peakMbps.toFixed(1)} Mbit/s (${bulk.label}, at ${formatAt(bulk.peakAtUs)}).`,
  ];
  if (crashes.length === 0) parts.push('No firewall crash in this run.');
  crashes.slice(0, CRASHES_NAMED).forEach((c, i) => {
    parts.push(`Crash at ${formatAt(c.atUs)}: ${pauseText(bulk.label, bulk.pauses[i] ?? null)}.`);
  });
  if (crashes.length > CRASHES_NAMED) {
    parts.push(`${crashes.length - CRASHES_NAMED} more crashes are in the table of lines.`);
  }
  return parts.join(' ');
}

/** The delivered chart's text: how each line ended, the bulk transfer against the baseline. */
export function deliveredSummary(
  facts: readonly SeriesFacts[],
  bulkKey: string | null,
  baselineCompletedAtUs: number | null,
): string {
  if (facts.length === 0) return 'No data flows to chart.';
  const ordered = [...facts].sort((a, b) => Number(b.key === bulkKey) - Number(a.key === bulkKey));
  return ordered
    .map((f) => {
      let text = `${f.label} ${outcomeText(f)}`;
      if (f.key === bulkKey && f.completedAtUs !== null && baselineCompletedAtUs !== null) {
        const lateUs = f.completedAtUs - baselineCompletedAtUs;
        text +=
          lateUs > 0
            ? `, ${formatAt(lateUs)} later than without the crash`
            : ', as soon as without the crash';
      }
      return `${text}.`;
    })
    .join(' ');
}
