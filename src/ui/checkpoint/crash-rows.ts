import type { CrashReport } from '../../engine';
import { formatAt, formatCount, formatMs } from '../run/quantity-format';

/**
 * The crashes table: one row per firewall crash — when it crashed, when the router server
 * restarted it (act 900) and when it was back in service, and what recovery (acts 902–1004)
 * made of the connections it had. While a crash is still being handled, what is not known yet
 * shows as "…" rather than as the engine's provisional numbers (all lost until the restart).
 */

export type { CrashReport };

export interface CrashRow {
  /** "#1". */
  readonly number: string;
  readonly at: string;
  readonly restarted: string;
  readonly back: string;
  /** How long the firewall was out of service, "250.5 ms"; '' until it is back. */
  readonly out: string;
  readonly before: string;
  readonly recovered: string;
  readonly lost: string;
  readonly mismatches: string;
  readonly orphans: string;
  readonly corrupt: string;
  /** Every connection came back, equal to what it was. */
  readonly complete: boolean;
  /** Something was lost, differed or could not be read. */
  readonly damaged: boolean;
}

export const PENDING = '…';
export const NOT_YET = 'not yet';

/** `inProgress`: the firewall is down or recovering now, i.e. the last crash is not over. */
export function crashRows(crashes: readonly CrashReport[], inProgress: boolean): CrashRow[] {
  return crashes.map((c, i) => {
    const last = i === crashes.length - 1;
    const pending = last && inProgress && c.recoveredAtUs === null;
    const known = !pending || c.restartedAtUs !== null;
    const checked = !pending;
    const count = (n: number, ready: boolean) => (ready ? formatCount(n) : PENDING);
    const complete = checked && c.lost === 0 && c.mismatches === 0;
    return {
      number: `#${i + 1}`,
      at: formatAt(c.atUs),
      restarted:
        c.restartedAtUs === null ? (pending ? NOT_YET : 'never') : formatAt(c.restartedAtUs),
      back: backText(c, pending),
      out: c.recoveredAtUs === null ? '' : formatMs(c.recoveredAtUs - c.atUs),
      before: formatCount(c.connectionsBefore),
      recovered: count(c.recovered, known),
      lost: count(c.lost, checked),
      mismatches: count(c.mismatches, checked),
      orphans: count(c.orphans, known),
      corrupt: count(c.corrupt, known),
      complete,
      damaged: checked && c.lost + c.mismatches + c.orphans + c.corrupt > 0,
    };
  });
}

function backText(c: CrashReport, pending: boolean): string {
  if (c.recoveredAtUs !== null) return formatAt(c.recoveredAtUs);
  return pending ? NOT_YET : 'never (crashed again)';
}
