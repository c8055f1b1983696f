import { IdIndex } from '../checkpoint/id-index';
import { formatIpv4 } from '../net/ipv4';
import type { ConnectionHistory, LedgerHistory } from './connection';
import { formatConnectionId, protoName, type ConnectionId } from './connection-id';
import type { ConnectionSummary } from './connection-summary';
import { LedgerTally, type TalliedEntry } from './ledger-tally';

/**
 * The run's record of every connection the firewall confirmed, kept outside the firewall
 * (like a log it writes to): it survives crashes, so a connection rebuilt after a restart
 * continues its own history. The firewall writes here and never reads it to decide a packet's
 * fate (it reads a connection's packet count only to tell the trace that it is new).
 * Bounded; connections beyond the bound are counted, not listed.
 */
export class ConnectionLedger {
  private readonly kept: LedgerEntry[] = [];
  /** Each kept entry's index in `kept`, by connection id (no Map entry and boxed id each). */
  private readonly byId = new IdIndex();
  /** Histories as shared arrays: most connections pass through the same few sequences. */
  private readonly histories = new StateHistories();
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
  ): LedgerHistory {
    return this.keep(id, new LedgerEntry(id, tuple, nowUs, admittedBy, helper, related));
  }

  /** The connection's state changed: it is recorded in its history. */
  entered(history: ConnectionHistory, state: string): void {
    const before = history.states.at(-1) ?? '';
    history.states = this.histories.after(history.states, state);
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
  ): LedgerHistory {
    const known = this.entry(id);
    const entry =
      known ?? this.keep(id, new LedgerEntry(id, tuple, createdUs, 'recovery', helper, related));
    if (known === undefined) entry.accepted = 0;
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

  private entry(id: ConnectionId): LedgerEntry | undefined {
    const index = this.byId.get(id);
    return index < 0 ? undefined : this.kept[index];
  }

  /** The entry, kept when the ledger has room (else only counted). */
  private keep(id: ConnectionId, entry: LedgerEntry): LedgerEntry {
    if (this.kept.length >= this.maxEntries) {
      this.omitted++;
      return entry;
    }
    entry.ledgerIndex = this.kept.length;
    this.kept.push(entry);
    this.byId.set(id, entry.ledgerIndex);
    this.tally.opened(entry);
    return entry;
  }
}

const NO_STATES: readonly string[] = [];

/**
 * One ledger entry. The tuple is kept as numbers and the readable forms are made when asked:
 * a table of 100k connections would otherwise hold a dozen strings per connection (the id
 * alone is a rope of ten pieces) that nobody may ever read.
 */
class LedgerEntry implements TalliedEntry, LedgerHistory {
  states: readonly string[] = NO_STATES;
  endedAtUs: number | null = null;
  endReason: string | null = null;
  /** The packet counts as fields, not an object of their own (40 bytes a connection). */
  accepted = 1;
  dropped = 0;
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

  get packets(): ConnectionHistory['packets'] {
    return { accepted: this.accepted, dropped: this.dropped };
  }

  get acceptedPackets(): number {
    return this.accepted;
  }

  countAccepted(): void {
    this.accepted++;
  }

  countDropped(): void {
    this.dropped++;
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

/** The most distinct state histories shared; past it a history gets an array of its own. */
const MAX_SHARED_HISTORIES = 4_096;

/**
 * State histories as shared, never-changed arrays: the history after entering a state is
 * found from the history before it (by identity) and the state, so the 100,000 connections
 * that went SYN_SENT → SYN_RECV → ESTABLISHED hold one array between them, not one each
 * (about 80 bytes a connection). Bounded: a history not shared is exactly sized (concat).
 */
class StateHistories {
  private readonly next = new Map<readonly string[], Map<string, readonly string[]>>();
  private shared = 0;

  after(before: readonly string[], state: string): readonly string[] {
    let byState = this.next.get(before);
    const known = byState?.get(state);
    if (known !== undefined) return known;
    const history = before.concat(state);
    if (this.shared >= MAX_SHARED_HISTORIES) return history;
    if (byState === undefined) this.next.set(before, (byState = new Map()));
    byState.set(state, history);
    this.shared++;
    return history;
  }
}
