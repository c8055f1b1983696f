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
    const { proto, src, sport, dst, dport } = tuple;
    const entry: ConnectionHistory = {
      id: formatConnectionId(id, proto, src, sport, dst, dport),
      proto: protoName(proto),
      orig: { src: formatIpv4(src), sport, dst: formatIpv4(dst), dport },
      states: [],
      helper,
      related,
      admittedBy,
      createdAtUs: nowUs,
      endedAtUs: null,
      endReason: null,
      packets: { accepted: 1, dropped: 0 },
      recoveries: 0,
    };
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
