import { formatIpv4 } from '../net/ipv4';
import type { ConnectionHistory } from './connection';
import { formatConnectionId, protoName, type ConnectionId } from './connection-id';

/**
 * The run's record of every connection the firewall confirmed, kept outside the firewall
 * (like a log it writes to): it survives crashes, so a connection rebuilt after a restart
 * continues its own history. The firewall writes here and never reads it to decide anything.
 * Bounded; connections beyond the bound are counted, not listed.
 */
export class ConnectionLedger {
  readonly entries: ConnectionHistory[] = [];
  private readonly byId = new Map<ConnectionId, ConnectionHistory>();
  omitted = 0;

  constructor(readonly maxEntries = 200_000) {}

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
    entry.endedAtUs = null;
    entry.endReason = null;
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
    if (entry !== undefined && entry.endedAtUs === null) {
      entry.endedAtUs = nowUs;
      entry.endReason = reason;
    }
  }

  get(id: ConnectionId): ConnectionHistory | undefined {
    return this.byId.get(id);
  }

  private keep(id: ConnectionId, entry: ConnectionHistory): void {
    if (this.entries.length >= this.maxEntries) {
      this.omitted++;
      return;
    }
    this.entries.push(entry);
    this.byId.set(id, entry);
  }
}

/**
 * One ledger entry. The tuple is kept as numbers and the readable forms are made when asked:
 * a table of 100k connections would otherwise hold a dozen strings per connection (the id
 * alone is a rope of ten pieces) that nobody may ever read.
 */
class LedgerEntry implements ConnectionHistory {
  readonly states: string[] = [];
  endedAtUs: number | null = null;
  endReason: string | null = null;
  readonly packets = { accepted: 1, dropped: 0 };
  recoveries = 0;
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
