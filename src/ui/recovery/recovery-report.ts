import type { CrashReport } from '../../engine';
import { crashRows, type CrashRow } from '../checkpoint/crash-rows';
import type { Overview } from '../overview/overview';
import { formatAt, formatCount, formatMs } from '../run/quantity-format';

/**
 * The recovery report card: what the latest crash cost — connections recovered and lost,
 * damage found, how long the firewall was out of service — and how much later the main
 * transfer completed than in the same run without crashes (the baseline).
 */

export type CardTone = 'quiet' | 'pending' | 'ok' | 'bad';

export interface CardCounter {
  readonly label: string;
  readonly value: string;
  readonly title: string;
}

export interface RecoveryCard {
  readonly tone: CardTone;
  /** "Crash #1 of 1 at 0.800 s", or what there is instead of a crash. */
  readonly title: string;
  /** Always names the recovered and lost counts once they are known. */
  readonly headline: string;
  /** What it means, in a sentence; '' when the headline says it all. */
  readonly verdict: string;
  readonly counters: readonly CardCounter[];
  /** The main transfer's added delay; null before any crash. */
  readonly delay: TransferDelay | null;
}

export interface TransferDelay {
  /** "+588.7 ms", "did not complete", "computing…". */
  readonly value: string;
  /** When it completed with and without crashes, or why the value is not a number. */
  readonly note: string;
}

export interface CardInput {
  readonly crashes: readonly CrashReport[];
  readonly strategy: string;
  readonly hasFirewall: boolean;
  /** The firewall is down or recovering now: the last crash is not over. */
  readonly inProgress: boolean;
  /** The main transfer's flow id, or null when the run has none. */
  readonly transferId: string | null;
  readonly overview: Overview | null;
  readonly baseline: Overview | null;
}

export function recoveryCard(input: CardInput): RecoveryCard {
  const { crashes } = input;
  if (!input.hasFirewall) return quiet('No firewall in this scenario', 'nothing to crash');
  if (crashes.length === 0) return quiet('No crash yet', nextCrash(input.overview));
  const last = crashes[crashes.length - 1];
  const row = crashRows(crashes, input.inProgress)[crashes.length - 1];
  // Of all the run's crashes (the overview knows those still ahead), not of those so far.
  const total = Math.max(crashes.length, input.overview?.crashes.length ?? 0);
  const title = `Crash #${crashes.length}${total > 1 ? ` of ${total}` : ''} at ${formatAt(last.atUs)}`;
  const counters = countersOf(row);
  const delay = addedDelay(input);
  if (input.inProgress && last.recoveredAtUs === null) {
    const doing =
      last.restartedAtUs === null
        ? `firewall down: ${formatCount(last.connectionsBefore)} connections wait for the restart`
        : 'reassembling connections from the checkpoint server';
    return {
      tone: 'pending',
      title,
      headline: `Recovery under way — ${doing}`,
      verdict: '',
      counters,
      delay,
    };
  }
  const headline = `${formatCount(last.recovered)} recovered, ${formatCount(last.lost)} lost of ${formatCount(last.connectionsBefore)} connections`;
  return {
    tone: row.damaged ? 'bad' : 'ok',
    title,
    headline,
    verdict: verdictOf(last, input.strategy),
    counters,
    delay,
  };
}

function quiet(title: string, headline: string): RecoveryCard {
  return { tone: 'quiet', title, headline, verdict: '', counters: [], delay: null };
}

/** The next crash the whole run has in store, if the overview knows it. */
function nextCrash(overview: Overview | null): string {
  const next = overview?.crashes[0];
  return next === undefined
    ? 'the firewall has not crashed so far'
    : `the firewall will crash at ${formatAt(next.atUs)}`;
}

function verdictOf(c: CrashReport, strategy: string): string {
  if (c.lost > 0 && strategy === 'none') {
    return 'Connections were lost: the prior art checkpoints nothing, so the restarted firewall knew none of them and dropped their packets.';
  }
  if (c.lost > 0) return 'Connections were lost: recovery could not rebuild them whole.';
  if (c.mismatches > 0) return 'Every connection came back, but some differ from what they were.';
  if (c.connectionsBefore === 0) return 'The table was empty: there was nothing to recover.';
  return 'Every connection came back as it was, reassembled by its unique id.';
}

function countersOf(row: CrashRow): CardCounter[] {
  return [
    {
      label: 'recovered',
      value: row.recovered,
      title: 'Connections rebuilt from the checkpoint server',
    },
    {
      label: 'lost',
      value: row.lost,
      title: 'Connections of the table before the crash not brought back',
    },
    {
      label: 'orphans',
      value: row.orphans,
      title: 'Module records whose connection had no base record',
    },
    { label: 'corrupt', value: row.corrupt, title: 'Records that failed their integrity check' },
    {
      label: 'mismatches',
      value: row.mismatches,
      title: 'Rebuilt connections that differ from before',
    },
    {
      label: 'out of service',
      value: row.out === '' ? 'not yet back' : row.out,
      title: 'From the crash until the firewall was back in service',
    },
  ];
}

/**
 * The main transfer's completion in this run minus in the baseline. Both come from runs
 * computed to their end, so the delay is known as soon as the worker has them.
 */
export function addedDelay(input: CardInput): TransferDelay {
  const { transferId, overview, baseline } = input;
  if (transferId === null) return { value: 'no transfer', note: 'no flow in this run has a size' };
  if (overview === null) return { value: 'computing…', note: 'the whole run is being computed' };
  const mine = overview.flows.find((f) => f.id === transferId);
  if (mine === undefined) return { value: 'not known', note: `${transferId} is not sampled` };
  if (baseline === null) {
    return { value: 'computing…', note: 'the same run without crashes is being computed' };
  }
  const base = baseline.flows.find((f) => f.id === transferId)?.completedAtUs ?? null;
  const without =
    base === null ? 'not without crashes either' : `${formatAt(base)} without crashes`;
  if (mine.completedAtUs === null) {
    return { value: 'did not complete', note: `${transferId}: ${without}` };
  }
  const completed = `${transferId} completed at ${formatAt(mine.completedAtUs)}`;
  if (base === null) return { value: 'no baseline', note: `${completed}, ${without}` };
  const delta = mine.completedAtUs - base;
  const sign = delta < 0 ? '−' : '+';
  return { value: `${sign}${formatMs(Math.abs(delta))}`, note: `${completed}, ${without}` };
}
