import { MAX_RECORD_VERSION } from '../checkpoint/record';
import { violated } from '../errors';
import type { ConnectionColumns } from './connection-columns';
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
 * The handles and the checkpoint bookkeeping live in the table's columns at the connection's
 * slot (ConnectionColumns): a connection has them only while it is in a table.
 */
export class Connection {
  /** Position in the connection table. */
  slot = -1;
  /** The columns of the table holding it (set by the table), null while in none. */
  columns: ConnectionColumns | null = null;

  /*
   * This object is the largest thing the firewall keeps per connection, so small numbers
   * share a field and the addresses are 32-bit signed integers. Every field is a word, and
   * a number past V8's small integers is boxed, 12 to 16 bytes more: in Node from 2^31 (an
   * address from 128.0.0.0 up, stored unsigned), in a browser's compressed heap from 2^30.
   * So the ports keep a field each: packed in one they would pass 2^30 in a browser.
   */
  private readonly srcBits: number;
  private readonly dstBits: number;
  /** The protocol (bits 0-7), seen-reply (bit 8), the helper's index + 1 (from bit 9). */
  private flagBits: number;

  constructor(
    readonly id: ConnectionId,
    proto: number,
    src: number,
    dst: number,
    readonly sport: number,
    readonly dport: number,
    readonly createdUs: number,
    /** Rule number that admitted it; 0 = a chain policy. */
    readonly rule: number,
    /** Identifier of the master connection, or -1. */
    readonly masterId: ConnectionId,
    public history: LedgerHistory,
  ) {
    if (!(proto === (proto & 0xff) && sport === (sport & 0xffff) && dport === (dport & 0xffff)))
      violated(`connection ${id}: protocol ${proto}, ports ${sport} and ${dport}`);
    this.srcBits = src | 0;
    this.dstBits = dst | 0;
    this.flagBits = proto;
  }

  /** Original-direction source and destination addresses (unsigned 32-bit). */
  get src(): number {
    return this.srcBits >>> 0;
  }

  get dst(): number {
    return this.dstBits >>> 0;
  }

  get proto(): number {
    return this.flagBits & 0xff;
  }

  /** A packet in the reply direction has been seen (conntrack's IPS_SEEN_REPLY). */
  get seenReply(): boolean {
    return (this.flagBits & SEEN_REPLY) !== 0;
  }

  set seenReply(seen: boolean) {
    this.flagBits = seen ? this.flagBits | SEEN_REPLY : this.flagBits & ~SEEN_REPLY;
  }

  /** Index of the helper object assigned by `ct helper set`, or -1. */
  get helper(): number {
    return (this.flagBits >>> HELPER_SHIFT) - 1;
  }

  set helper(index: number) {
    if (!(index >= -1 && index < MAX_HELPERS)) violated(`helper index ${index}`);
    this.flagBits = (this.flagBits & (SEEN_REPLY | 0xff)) | ((index + 1) << HELPER_SHIFT);
  }

  /** When a packet of it was last seen (µs); its creation time until then. */
  get lastSeenUs(): number {
    return this.table().lastSeenUs[this.slot];
  }

  set lastSeenUs(us: number) {
    this.table().lastSeenUs[this.slot] = us;
  }

  /** When it expires unless a packet renews it (µs). */
  get expiresUs(): number {
    return this.table().expiresUs[this.slot];
  }

  set expiresUs(us: number) {
    this.table().expiresUs[this.slot] = us;
  }

  /** No part, of this module or of another in its place (layer 4, helper), is held yet. */
  hasRoomFor(module: number): boolean {
    return this.table().hasRoomFor(this.slot, module);
  }

  /** Handle of the module's part (ModuleId order), -1 when the module takes no part. */
  part(module: number): number {
    return this.table().part(this.slot, module);
  }

  setPart(module: number, handle: number): void {
    this.table().setPart(this.slot, module, handle);
  }

  /**
   * Checkpoint bookkeeping, per area (0 = base, 1 + module; the connection must have a part
   * in the module's area): the version of the last record written, and a digest of what that
   * record said, to tell a state change from a packet that changed nothing worth writing.
   */
  version(area: number): number {
    const t = this.table();
    return t.versions[t.recordIndex(this.slot, area)];
  }

  setVersion(area: number, version: number): void {
    // The column holds what a record's header can: a version past it must not wrap to 0.
    if (!(version >= 0 && version <= MAX_RECORD_VERSION)) violated(`record version ${version}`);
    const t = this.table();
    t.versions[t.recordIndex(this.slot, area, true)] = version;
  }

  written(area: number): number {
    const t = this.table();
    return t.written[t.recordIndex(this.slot, area)];
  }

  setWritten(area: number, digest: number): void {
    const t = this.table();
    t.written[t.recordIndex(this.slot, area, true)] = digest;
  }

  /** TCP td_end per direction when the TCP record was last written (window movement). */
  writtenEnd(dir: number): number {
    return this.table().writtenEnd[this.slot * 2 + dir];
  }

  setWrittenEnd(dir: number, tdEnd: number): void {
    this.table().writtenEnd[this.slot * 2 + dir] = tdEnd;
  }

  private table(): ConnectionColumns {
    const columns = this.columns;
    if (!(columns !== null)) violated(`connection ${this.id} is in no table`);
    return columns;
  }
}

const SEEN_REPLY = 0x100;
const HELPER_SHIFT = 9;
/** Helper indexes that fit above the protocol and the seen-reply bit below 2^30. */
const MAX_HELPERS = 2 ** 20 - 1;
