import type { ConnectionHistory } from './connection';
import { copyHistory } from './firewall-report';

/**
 * The ledger of connections as a table on a page needs it, at a cost that does not grow with
 * what it leaves out: every live connection and every ended one is counted, but only the first
 * `limit` live ones and the `limit` that ended last are copied. One pass, no sort of the whole.
 */
export interface ConnectionSummary {
  /** The first `limit` live connections, in the ledger's (creation) order; copies. */
  readonly live: readonly ConnectionHistory[];
  readonly liveTotal: number;
  /** Live connections per current state ('' before any state), most common first, then by name. */
  readonly liveStates: readonly (readonly [state: string, count: number])[];
  /** The `limit` connections that ended last, the most recent first; copies. */
  readonly ended: readonly ConnectionHistory[];
  readonly endedTotal: number;
  /** Connections the ledger did not keep (its history is bounded). */
  readonly omitted: number;
}

/**
 * Most common state first, then by name in code-point order. Not localeCompare: its first call
 * in a page loads the collation tables (12 ms in Node, 15-29 ms in the page's first frames),
 * and the kernel's state names (ASCII capitals and underscores) sort the same either way.
 */
export function byCountThenName(
  a: readonly [state: string, count: number],
  b: readonly [state: string, count: number],
): number {
  return b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
}

export function summarizeConnections(
  entries: readonly ConnectionHistory[],
  omitted: number,
  limit: number,
): ConnectionSummary {
  const live: ConnectionHistory[] = [];
  let liveTotal = 0;
  const states = new Map<string, number>();
  const ended: ConnectionHistory[] = []; // the latest ended so far, most recent first
  let endedTotal = 0;
  for (const c of entries) {
    if (c.endedAtUs === null) {
      liveTotal++;
      if (live.length < limit) live.push(c);
      const state = c.states.at(-1) ?? '';
      states.set(state, (states.get(state) ?? 0) + 1);
    } else {
      endedTotal++;
      keepLatest(ended, c, limit);
    }
  }
  return {
    live: live.map(copyHistory),
    liveTotal,
    liveStates: [...states].sort(byCountThenName),
    ended: ended.map(copyHistory),
    endedTotal,
    omitted,
  };
}

/** Inserts `c` into `latest` (descending end time, ties in ledger order) if it is among the last `limit`. */
function keepLatest(latest: ConnectionHistory[], c: ConnectionHistory, limit: number): void {
  const endedAtUs = c.endedAtUs ?? 0;
  if (latest.length === limit && endedAtUs <= (latest[limit - 1].endedAtUs ?? 0)) return;
  let i = latest.length;
  while (i > 0 && (latest[i - 1].endedAtUs ?? 0) < endedAtUs) i--;
  latest.splice(i, 0, c);
  if (latest.length > limit) latest.pop();
}
