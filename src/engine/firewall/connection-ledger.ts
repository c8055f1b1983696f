import { formatIpv4 } from '../net/ipv4';
import type { ConnectionHistory } from './connection';
import { formatConnectionId, protoName, type ConnectionId } from './connection-id';
import type { ConnectionSummary } from './connection-summary';
import { LedgerTally, type TalliedEntry } from './ledger-tally';

/**
 * The run's record of every connection the firewall confirmed, kept outside the firewall
 * (like a log it writes to): it survives crashes, so a connection rebuilt after a restart
 * continues its own history. The firewall writes here and never reads it to decide anything.
 * Bounded; connections beyond the bound are counted, not listed.
 */
export class ConnectionLedger {
  private readonly kept: LedgerEntry[] = [];
  private readonly byId = new Map<ConnectionId, LedgerEntry>();
  private readonly tally: LedgerTally;
  omitted = 0;

  constructor(
    readonly maxEntries = 200_000,
    /** The most connections a summary lists of each kind (live, ended). */
    maxListed = 200,
  ) {
    this.tally = new LedgerTally(maxListed);
  }

  /** Every entry kept, in the order the connections opened. */
  get entries(): readonly ConnectionHistory[] {
    return this.kept;
  }

  /** The summary a table of connections shows: see summarizeConnections (the same result). */
  summary(limit: number): ConnectionSummary {
    return this.tally.summary(this.kept, this.omitted, limit);
  }

  /** A new connection (act 602 has just formed its id). */
  opened(
    id: ConnectionId,
    tuple: { proto: number; src: number; sport: number; dst: number; dport: number },
    nowUs: number,
    admittedBy: string,
    helper: string | null,
    related: string | null,
  ): ConnectionHistory {
    const entry = new LedgerEntry(id, tuple, nowUs, admittedBy, helper, related);
    this.keep(id, entry);
    return entry;
  }

  /** The connection's state changed: it is recorded in its history. */
  entered(history: ConnectionHistory, state: string): void {
    const before = history.states.at(-1) ?? '';
    // A new array just long enough (concat sizes it exactly; a push or a spread leaves room
    // for sixteen): a history of three states took about 190 bytes, now about 80.
    history.states = history.states.concat(state);
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
    tuple: { proto: number; src: number; sport: number; dst: number; dport: number },
    createdUs: number,
    helper: string | null,
    related: string | null,
  ): ConnectionHistory {
    const known = this.byId.get(id);
    const entry = known ?? this.opened(id, tuple, createdUs, 'recovery', helper, related);
    if (known === undefined) entry.packets.accepted = 0;
    if (entry.endedAtUs !== null) {
      entry.endedAtUs = null;
      entry.endReason = null;
      if (isKept(entry)) this.tally.revived(entry);
    }
    return entry;
  }

  /** A rebuilt connection is back in service (its recovery completed). */
  cameBack(id: ConnectionId): void {
    const entry = this.byId.get(id);
    if (entry !== undefined) entry.recoveries++;
  }

  /** The connection was lost (a crash it did not survive). */
  lost(id: ConnectionId, nowUs: number, reason: string): void {
    const entry = this.byId.get(id);
    if (entry !== undefined) this.ended(entry, nowUs, reason);
  }

  get(id: ConnectionId): ConnectionHistory | undefined {
    return this.byId.get(id);
  }

  private keep(id: ConnectionId, entry: LedgerEntry): void {
    if (this.kept.length >= this.maxEntries) {
      this.omitted++;
      return;
    }
    entry.ledgerIndex = this.kept.length;
    this.kept.push(entry);
    this.byId.set(id, entry);
    this.tally.opened(entry);
  }
}

const NO_STATES: readonly string[] = [];

/**
 * One ledger entry. The tuple is kept as numbers and the readable forms are made when asked:
 * a table of 100k connections would otherwise hold a dozen strings per connection (the id
 * alone is a rope of ten pieces) that nobody may ever read.
 */
class LedgerEntry implements TalliedEntry {
  states: readonly string[] = NO_STATES;
  endedAtUs: number | null = null;
  endReason: string | null = null;
  readonly packets = { accepted: 1, dropped: 0 };
  recoveries = 0;
  /** Its place in the ledger, or -1 when the ledger was full and did not keep it. */
  ledgerIndex = -1;
  private readonly protoNumber: number;
  private readonly src: number;
  private readonly dst: number;
  private readonly sport: number;
  private readonly dport: number;
  private readableId: string | null = null;

  constructor(
    private readonly connectionId: ConnectionId,
    tuple: { proto: number; src: number; sport: number; dst: number; dport: number },
    readonly createdAtUs: number,
    readonly admittedBy: string,
    public helper: string | null,
    readonly related: string | null,
  ) {
    this.protoNumber = tuple.proto;
    this.src = tuple.src;
    this.dst = tuple.dst;
    this.sport = tuple.sport;
    this.dport = tuple.dport;
  }

  get id(): string {
    this.readableId ??= formatConnectionId(
      this.connectionId,
      this.protoNumber,
      this.src,
      this.sport,
      this.dst,
      this.dport,
    );
    return this.readableId;
  }

  get proto(): string {
    return protoName(this.protoNumber);
  }

  get orig(): ConnectionHistory['orig'] {
    return {
      src: formatIpv4(this.src),
      sport: this.sport,
      dst: formatIpv4(this.dst),
      dport: this.dport,
    };
  }
}

/** An entry the ledger kept (and so tallies). */
function isKept(history: ConnectionHistory): history is LedgerEntry {
  return history instanceof LedgerEntry && history.ledgerIndex >= 0;
}
