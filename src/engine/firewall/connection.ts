import { MAX_RECORD_VERSION } from '../checkpoint/record';
import { violated } from '../errors';
import { UNWRITTEN, type ConnectionColumns } from './connection-columns';
import type { ConnectionId } from './connection-id';

/** 0: the original direction (from the side that opened the connection); 1: the reply. */
export type DirectionCode = 0 | 1;

/** What a person (and the report) wants to know about a connection, kept after it ends. */
export interface ConnectionHistory {
  /** Readable connection id, e.g. "tcp 192.0.2.10:40000 → 198.51.100.20:21 #1". */
  readonly id: string;
  readonly proto: string;
  readonly orig: {
    readonly src: string;
    readonly sport: number;
    readonly dst: string;
    readonly dport: number;
  };
  /**
   * TCP: every conntrack state it passed through, kernel names; others: their own states.
   * Replaced, not pushed to, when a state is entered (see ConnectionLedger.entered).
   */
  states: readonly string[];
  helper: string | null;
  /** Readable id of the master connection (FTP control, SIP call) or null. */
  readonly related: string | null;
  readonly admittedBy: string;
  readonly createdAtUs: number;
  endedAtUs: number | null;
  endReason: string | null;
  readonly packets: { readonly accepted: number; readonly dropped: number };
  /** Times it was rebuilt from the checkpoint server after a firewall crash. */
  recoveries: number;
}

/** The history the ledger keeps for a tracked connection: the firewall counts its packets. */
export interface LedgerHistory extends ConnectionHistory {
  /** Its row in the ledger, or -1 for one the ledger had no room to keep. */
  readonly ledgerIndex: number;
  /** Packets accepted so far (packets.accepted, without making an object per read). */
  readonly acceptedPackets: number;
  countAccepted(): void;
  countDropped(): void;
}

/**
 * A tracked connection as the firewall holds it (FIG. 4B): the base layer — original
 * 5-tuple, timestamps, the rule that admitted it, the unique connection identifier — and one
 * handle per module taking part, pointing into that module's own table. The module parts do
 * not know this connection; only this base layer links them.
 *
 * This object is a view of the connection's slot in the table's columns (ConnectionColumns),
 * made by the table when asked for: the table keeps no object per connection. A view knows
 * which occupant of the slot it was made for, and once that connection has left the table
 * every read or write through it fails ("in no table") rather than reach the next one.
 */
export class Connection {
  constructor(
    /** The columns of the table holding it. */
    readonly columns: ConnectionColumns,
    /** Position in the connection table. */
    readonly slot: number,
    /** The slot's generation when the view was made (ConnectionColumns.generations). */
    private readonly generation: number,
  ) {
    this.proto = columns.flagBits[slot] & 0xff;
  }

  /**
   * Its protocol, read when the view is made: nearly every step of a packet's way through
   * conntrack reads it, and checking the slot on each read cost 20-30 ns a packet (measured
   * alone, noisy). Fixed for the connection's life, so a view gone stale still gives its own
   * connection's, never the next occupant's; every other read through a stale view throws.
   */
  readonly proto: number;

  /** Still the table's connection at its slot (it has not left the table). */
  get inTable(): boolean {
    return this.columns.generations[this.slot] === this.generation;
  }

  get id(): ConnectionId {
    return this.columns.ids[this.row()];
  }

  /** Original-direction source and destination addresses (unsigned 32-bit). */
  get src(): number {
    return this.columns.srcBits[this.row()] >>> 0;
  }

  get dst(): number {
    return this.columns.dstBits[this.row()] >>> 0;
  }

  get sport(): number {
    return this.columns.sports[this.row()];
  }

  get dport(): number {
    return this.columns.dports[this.row()];
  }

  get createdUs(): number {
    return this.columns.createdUs[this.row()];
  }

  /** Rule number that admitted it; 0 = a chain policy. */
  get rule(): number {
    return this.columns.rules[this.row()];
  }

  /** Identifier of the master connection (FTP control, SIP call), or -1. */
  get masterId(): ConnectionId {
    return this.columns.masterIds[this.row()];
  }

  /** Its history in the ledger (a view of the ledger's row, made for this call). */
  get history(): LedgerHistory {
    return this.columns.historyAt(this.row());
  }

  /** Counts a packet accepted in its history (no view of the history is made). */
  countAccepted(): void {
    this.columns.countAccepted(this.row());
  }

  /** A packet in the reply direction has been seen (conntrack's IPS_SEEN_REPLY). */
  get seenReply(): boolean {
    return (this.columns.flagBits[this.row()] & SEEN_REPLY) !== 0;
  }

  set seenReply(seen: boolean) {
    const flags = this.columns.flagBits;
    const r = this.row();
    flags[r] = seen ? flags[r] | SEEN_REPLY : flags[r] & ~SEEN_REPLY;
  }

  /** Index of the helper object assigned by `ct helper set`, or -1. */
  get helper(): number {
    return (this.columns.flagBits[this.row()] >>> HELPER_SHIFT) - 1;
  }

  set helper(index: number) {
    if (!(index >= -1 && index < MAX_HELPERS)) violated(`helper index ${index}`);
    const flags = this.columns.flagBits;
    const r = this.row();
    flags[r] = (flags[r] & (SEEN_REPLY | 0xff)) | ((index + 1) << HELPER_SHIFT);
  }

  /** When a packet of it was last seen (µs); its creation time until then. */
  get lastSeenUs(): number {
    return this.columns.lastSeenUs[this.row()];
  }

  set lastSeenUs(us: number) {
    this.columns.lastSeenUs[this.row()] = us;
  }

  /** When it expires unless a packet renews it (µs). */
  get expiresUs(): number {
    return this.columns.expiresUs[this.row()];
  }

  set expiresUs(us: number) {
    this.columns.expiresUs[this.row()] = us;
  }

  /** No part, of this module or of another in its place (layer 4, helper), is held yet. */
  hasRoomFor(module: number): boolean {
    return this.columns.hasRoomFor(this.row(), module);
  }

  /** Handle of the module's part (ModuleId order), -1 when the module takes no part. */
  part(module: number): number {
    return this.columns.part(this.row(), module);
  }

  setPart(module: number, handle: number): void {
    this.columns.setPart(this.row(), module, handle);
  }

  /**
   * Checkpoint bookkeeping, per area (0 = base, 1 + module; the connection must have a part
   * in the module's area): the version of the last record written, and a digest of what that
   * record said, to tell a state change from a packet that changed nothing worth writing.
   */
  version(area: number): number {
    const t = this.columns;
    return t.versions[t.recordIndex(this.row(), area)];
  }

  setVersion(area: number, version: number): void {
    // The column holds what a record's header can: a version past it must not wrap to 0.
    if (!(version >= 0 && version <= MAX_RECORD_VERSION)) violated(`record version ${version}`);
    const t = this.columns;
    t.versions[t.recordIndex(this.row(), area, true)] = version;
  }

  /** The digest of the last record written, or NaN when the next is written whatever it says. */
  written(area: number): number {
    const t = this.columns;
    const digest = t.written[t.recordIndex(this.row(), area)];
    return digest === UNWRITTEN ? NaN : digest;
  }

  /** `digest`: an integer below 2^32 - 1, or NaN to have the next record written anyway. */
  setWritten(area: number, digest: number): void {
    const t = this.columns;
    if (digest !== digest) {
      t.written[t.recordIndex(this.row(), area, true)] = UNWRITTEN;
      return;
    }
    if (!(Number.isInteger(digest) && digest >= 0 && digest < UNWRITTEN))
      violated(`record digest ${digest}`);
    t.written[t.recordIndex(this.row(), area, true)] = digest;
  }

  /** TCP td_end per direction when the TCP record was last written (window movement). */
  writtenEnd(dir: number): number {
    return this.columns.writtenEnd[this.row() * 2 + dir];
  }

  setWrittenEnd(dir: number, tdEnd: number): void {
    this.columns.writtenEnd[this.row() * 2 + dir] = tdEnd;
  }

  /** The slot, once it is known to hold this view's connection still. */
  private row(): number {
    if (!(this.columns.generations[this.slot] === this.generation))
      violated(`the connection viewed at slot ${this.slot} is in no table`);
    return this.slot;
  }
}

const SEEN_REPLY = 0x100;
const HELPER_SHIFT = 9;
/** Helper indexes that fit above the protocol and the seen-reply bit below 2^30. */
const MAX_HELPERS = 2 ** 20 - 1;
