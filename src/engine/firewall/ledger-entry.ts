import { formatIpv4 } from '../net/ipv4';
import type { ConnectionHistory, LedgerHistory } from './connection';
import { formatConnectionId, protoName, type ConnectionId } from './connection-id';
import { LedgerRows, NO_STATES, type LedgerTuple } from './ledger-rows';
import type { TalliedEntry } from './ledger-tally';

/**
 * An entry the ledger kept: a view of its row (LedgerRows), two fields, made when one is
 * asked for. Neither the ledger nor the connection holds it: the ledger keeps the row, the
 * connection the row's number (ConnectionColumns.ledgerRows), and the same entry is the
 * same row, not the same object. The readable forms (id, addresses, protocol) are made when
 * asked, the id once.
 */
export class KeptEntry implements LedgerHistory, TalliedEntry {
  constructor(
    private readonly rows: LedgerRows,
    readonly ledgerIndex: number,
  ) {}

  get id(): string {
    return this.rows.readableId(this.ledgerIndex);
  }

  get proto(): string {
    return protoName(this.rows.proto[this.ledgerIndex]);
  }

  get orig(): ConnectionHistory['orig'] {
    const rows = this.rows;
    const i = this.ledgerIndex;
    return {
      src: formatIpv4(rows.src[i]),
      sport: rows.sport[i],
      dst: formatIpv4(rows.dst[i]),
      dport: rows.dport[i],
    };
  }

  get states(): readonly string[] {
    return this.rows.statesOf(this.ledgerIndex);
  }

  set states(states: readonly string[]) {
    this.rows.setStates(this.ledgerIndex, states);
  }

  get helper(): string | null {
    return this.rows.helperOf(this.ledgerIndex);
  }

  set helper(helper: string | null) {
    this.rows.setHelper(this.ledgerIndex, helper);
  }

  get related(): string | null {
    return this.rows.relatedOf(this.ledgerIndex);
  }

  get admittedBy(): string {
    return this.rows.admittedByOf(this.ledgerIndex);
  }

  get createdAtUs(): number {
    return this.rows.createdAtUs[this.ledgerIndex];
  }

  get endedAtUs(): number | null {
    const us = this.rows.endedAtUs[this.ledgerIndex];
    return us === us ? us : null; // NaN: live
  }

  set endedAtUs(us: number | null) {
    this.rows.endedAtUs[this.ledgerIndex] = us ?? NaN;
  }

  get endReason(): string | null {
    return this.rows.endReasonOf(this.ledgerIndex);
  }

  set endReason(reason: string | null) {
    this.rows.setEndReason(this.ledgerIndex, reason);
  }

  get recoveries(): number {
    return this.rows.recoveries[this.ledgerIndex];
  }

  set recoveries(n: number) {
    this.rows.recoveries[this.ledgerIndex] = n;
  }

  get packets(): ConnectionHistory['packets'] {
    return { accepted: this.acceptedPackets, dropped: this.rows.dropped[this.ledgerIndex] };
  }

  get acceptedPackets(): number {
    return this.rows.accepted[this.ledgerIndex];
  }

  countAccepted(): void {
    LedgerRows.counted(this.rows.accepted, this.ledgerIndex);
  }

  countDropped(): void {
    LedgerRows.counted(this.rows.dropped, this.ledgerIndex);
  }

  /** A recovery continues it as one it had never seen: no packets counted yet. */
  forgetPackets(): void {
    this.rows.accepted[this.ledgerIndex] = 0;
  }
}

/**
 * The history of a connection the ledger had no room to keep: the connection table holds it
 * by the connection's slot while the connection lives (the firewall counts its packets, a
 * recovery may continue it) and nothing lists it. An object, as every entry once was; only
 * connections past the ledger's bound have one.
 */
export class UnlistedEntry implements LedgerHistory {
  readonly ledgerIndex = -1;
  states: readonly string[] = NO_STATES;
  endedAtUs: number | null = null;
  endReason: string | null = null;
  recoveries = 0;
  private accepted = 1;
  private dropped = 0;
  private readableId: string | null = null;
  private readonly protoNumber: number;
  private readonly src: number;
  private readonly dst: number;
  private readonly sport: number;
  private readonly dport: number;

  constructor(
    private readonly connectionId: ConnectionId,
    tuple: LedgerTuple,
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

  /** A recovery continues it as one it had never seen: no packets counted yet. */
  forgetPackets(): void {
    this.accepted = 0;
  }
}
