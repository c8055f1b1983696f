import type { ConnectionHistory, LedgerHistory } from './connection';
import type { ConnectionId } from './connection-id';
import type { ConnectionSummary } from './connection-summary';
import { KeptEntry, UnlistedEntry } from './ledger-entry';
import { LedgerRows, type LedgerTuple } from './ledger-rows';
import { LedgerTally } from './ledger-tally';
import { violated } from '../errors';

/**
 * The run's record of every connection the firewall confirmed, kept outside the firewall
 * (like a log it writes to): it survives crashes, so a connection rebuilt after a restart
 * continues its own history. The firewall writes here and never reads it to decide a packet's
 * fate (it reads a connection's packet count only to tell the trace that it is new).
 * Bounded; connections beyond the bound are counted, not listed.
 */
export class ConnectionLedger {
  /**
   * The kept entries, as rows of columns. An entry is a view of its row (KeptEntry), made
   * when one is asked for: the ledger keeps no object per entry (200,000 of them at its bound).
   */
  private readonly rows: LedgerRows;
  private readonly tally: LedgerTally;
  omitted = 0;

  constructor(
    readonly maxEntries = 200_000,
    /** The most connections a summary lists of each kind (live, ended). */
    maxListed = 200,
  ) {
    this.tally = new LedgerTally(maxListed);
    this.rows = new LedgerRows(maxEntries);
  }

  /** Every entry kept, in the order the connections opened (views made for this call). */
  get entries(): readonly ConnectionHistory[] {
    return Array.from({ length: this.size }, (_, row) => this.entryAt(row));
  }

  /** Entries kept. */
  get size(): number {
    return this.rows.count;
  }

  /** The entry kept at `row` (0 to size - 1): the connection opened row-th. */
  entryAt(row: number): KeptEntry {
    if (!(row >= 0 && row < this.rows.count)) violated(`no ledger row ${row}`);
    return new KeptEntry(this.rows, row);
  }

  /** A packet of the connection kept at `row` was accepted (no view of the entry is made). */
  countAccepted(row: number): void {
    if (!(row >= 0 && row < this.rows.count)) violated(`no ledger row ${row}`);
    LedgerRows.counted(this.rows.accepted, row);
  }

  /** The summary a table of connections shows: see summarizeConnections (the same result). */
  summary(limit: number): ConnectionSummary {
    return this.tally.summary(this.size, (row) => this.entryAt(row), this.omitted, limit);
  }

  /** A new connection (act 602 has just formed its id). */
  opened(
    id: ConnectionId,
    tuple: LedgerTuple,
    nowUs: number,
    admittedBy: string,
    helper: string | null,
    related: string | null,
  ): LedgerHistory {
    return this.keep(id, tuple, nowUs, admittedBy, helper, related);
  }

  /** The connection's state changed: it is recorded in its history. */
  entered(history: ConnectionHistory, state: string): void {
    const before = history.states.at(-1) ?? '';
    history.states = this.rows.histories.after(history.states, state);
    if (isKept(history)) this.tally.entered(history, before);
  }

  /** The connection ended (expired, reset, closed); a connection ends once. */
  ended(history: ConnectionHistory, nowUs: number, reason: string): void {
    if (history.endedAtUs !== null) return;
    history.endedAtUs = nowUs;
    history.endReason = reason;
    if (isKept(history)) this.tally.ended(history);
  }

  /**
   * A connection rebuilt from the checkpoint server: the same entry continues if the ledger
   * knew it (the same identifier), else one is opened for it.
   */
  recovered(
    id: ConnectionId,
    tuple: LedgerTuple,
    createdUs: number,
    helper: string | null,
    related: string | null,
  ): LedgerHistory {
    const known = this.entry(id);
    const entry = known ?? this.keep(id, tuple, createdUs, 'recovery', helper, related);
    if (known === undefined) entry.forgetPackets();
    if (entry.endedAtUs !== null) {
      entry.endedAtUs = null;
      entry.endReason = null;
      if (isKept(entry)) this.tally.revived(entry);
    }
    return entry;
  }

  /** A rebuilt connection is back in service (its recovery completed). */
  cameBack(id: ConnectionId): void {
    const entry = this.entry(id);
    if (entry !== undefined) entry.recoveries++;
  }

  /** The connection was lost (a crash it did not survive). */
  lost(id: ConnectionId, nowUs: number, reason: string): void {
    const entry = this.entry(id);
    if (entry !== undefined) this.ended(entry, nowUs, reason);
  }

  get(id: ConnectionId): ConnectionHistory | undefined {
    return this.entry(id);
  }

  private entry(id: ConnectionId): KeptEntry | undefined {
    const row = this.rows.rowOf(id);
    return row < 0 ? undefined : new KeptEntry(this.rows, row);
  }

  /** A new entry, kept when the ledger has room (else only counted). */
  private keep(
    id: ConnectionId,
    tuple: LedgerTuple,
    createdUs: number,
    admittedBy: string,
    helper: string | null,
    related: string | null,
  ): KeptEntry | UnlistedEntry {
    if (this.rows.count >= this.maxEntries) {
      this.omitted++;
      return new UnlistedEntry(id, tuple, createdUs, admittedBy, helper, related);
    }
    const entry = new KeptEntry(
      this.rows,
      this.rows.add(id, tuple, createdUs, admittedBy, helper, related),
    );
    this.tally.opened(entry);
    return entry;
  }
}

/** An entry the ledger kept (and so tallies). */
function isKept(history: ConnectionHistory): history is KeptEntry {
  return history instanceof KeptEntry;
}
