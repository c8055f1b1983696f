import { violated } from '../errors';
import type { ConnectionHistory } from './connection';
import { byCountThenName, type ConnectionSummary } from './connection-summary';
import { copyHistory } from './firewall-report';

/** A ledger entry as the tally sees it: where it sits in the ledger. */
export interface TalliedEntry extends ConnectionHistory {
  readonly ledgerIndex: number;
}

/**
 * The ledger's summary kept as it changes rather than counted from every entry: a page
 * refreshing its table of connections used to walk the whole ledger (120,000 entries in
 * large-table, about 37 ms a refresh). Counts move when a connection opens, changes state,
 * ends or is revived by recovery; the live entries listed are found from the first one that
 * may be live; the latest ended are kept in order as they end. Gives what
 * summarizeConnections gives over the same entries (a property test holds it to that).
 */
export class LedgerTally {
  private liveCount = 0;
  private endedCount = 0;
  private readonly states = new Map<string, number>();
  /** No entry before this index is live. */
  private firstLive = 0;
  /** The latest ended, by end time descending then ledger order; at most maxListed. */
  private latest: TalliedEntry[] = [];
  /** False when a revival took one out of a full `latest`: its successor is then unknown. */
  private latestExact = true;

  constructor(readonly maxListed: number) {}

  opened(entry: TalliedEntry): void {
    this.liveCount++;
    this.count(lastState(entry), 1);
  }

  /** The entry's state changed from `before` (it has already been recorded). */
  entered(entry: TalliedEntry, before: string): void {
    if (entry.endedAtUs !== null) return;
    this.count(before, -1);
    this.count(lastState(entry), 1);
  }

  /** The entry has just been given its end time. */
  ended(entry: TalliedEntry): void {
    this.liveCount--;
    this.endedCount++;
    this.count(lastState(entry), -1);
    this.keepLatest(entry);
  }

  /** An ended entry is live again (a recovery rebuilt its connection); its end is cleared. */
  revived(entry: TalliedEntry): void {
    this.endedCount--;
    this.liveCount++;
    this.count(lastState(entry), 1);
    this.firstLive = Math.min(this.firstLive, entry.ledgerIndex);
    // Entries are views made when asked for: the same entry is the same row, not the same object.
    const at = this.latest.findIndex((e) => e.ledgerIndex === entry.ledgerIndex);
    if (at >= 0) {
      this.latest.splice(at, 1);
      if (this.latest.length + 1 >= this.maxListed) this.latestExact = false;
    }
  }

  /** `count` entries, the one at each position given by `entryAt`, in the ledger's order. */
  summary(
    count: number,
    entryAt: (position: number) => TalliedEntry,
    omitted: number,
    limit: number,
  ): ConnectionSummary {
    if (!(limit <= this.maxListed)) violated(`listing ${limit} of at most ${this.maxListed}`);
    if (!this.latestExact) {
      this.latest = [];
      for (let i = 0; i < count; i++) {
        const entry = entryAt(i);
        if (entry.endedAtUs !== null) this.keepLatest(entry);
      }
      this.latestExact = true;
    }
    while (this.firstLive < count && entryAt(this.firstLive).endedAtUs !== null) this.firstLive++;
    const live: ConnectionHistory[] = [];
    for (let i = this.firstLive; i < count && live.length < limit; i++) {
      const entry = entryAt(i);
      if (entry.endedAtUs === null) live.push(copyHistory(entry));
    }
    return {
      live,
      liveTotal: this.liveCount,
      liveStates: [...this.states].filter(([, n]) => n > 0).sort(byCountThenName),
      ended: this.latest.slice(0, limit).map(copyHistory),
      endedTotal: this.endedCount,
      omitted,
    };
  }

  private count(state: string, delta: number): void {
    this.states.set(state, (this.states.get(state) ?? 0) + delta);
  }

  private keepLatest(entry: TalliedEntry): void {
    const list = this.latest;
    const last = list[list.length - 1];
    if (list.length === this.maxListed && !before(entry, last)) return;
    let i = list.length;
    while (i > 0 && before(entry, list[i - 1])) i--;
    list.splice(i, 0, entry);
    if (list.length > this.maxListed) list.pop();
  }
}

/** `a` is listed before `b`: it ended later, or at the same time and earlier in the ledger. */
function before(a: TalliedEntry, b: TalliedEntry): boolean {
  const ae = a.endedAtUs ?? 0;
  const be = b.endedAtUs ?? 0;
  return ae > be || (ae === be && a.ledgerIndex < b.ledgerIndex);
}

function lastState(entry: ConnectionHistory): string {
  return entry.states.at(-1) ?? '';
}
