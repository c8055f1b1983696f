import { violated } from '../errors';
import type { LedgerHistory } from './connection';
import type { ConnectionId } from './connection-id';
import { MODULE_COUNT, ModuleId } from './modules/module-ids';
import { resized } from '../util/resized';

/**
 * Parts a connection holds at most: one of the layer-4 modules (TCP, UDP, ICMP) and one
 * layer-7 helper (FTP, SIP). A module's part sits at its position: 0 for layer 4, 1 for a
 * helper. A connection takes its parts when it is confirmed and gives them back when it
 * leaves the table, so a position never changes hands while the connection is in one.
 */
const PART_POSITIONS = 2;
/** Checkpoint bookkeeping per connection: the base layer, then one per part position. */
const RECORD_POSITIONS = 1 + PART_POSITIONS;
/** Columns start this many slots long and double up to the table's bound. */
const INITIAL_SLOTS = 1024;
/** A record position's digest when its next record is to be written whatever it says. */
export const UNWRITTEN = 0xffff_ffff;
/** Handles below this fit beside the module in a part's word. */
const MAX_HANDLE = 2 ** 28;

/** Where the connections' histories are kept (ConnectionLedger). */
export interface LedgerRowsSource {
  readonly size: number;
  entryAt(row: number): LedgerHistory;
  countAccepted(row: number): void;
}

/** The part position of a module: layer 4 (0) or helper (1). */
function partPosition(module: number): number {
  return module <= ModuleId.icmp ? 0 : 1;
}

/**
 * Everything the connection table holds of a connection, by slot, in typed-array columns: the
 * base layer (identifier, 5-tuple, creation time, admitting rule, master), each connection's
 * handle into its module tables, and its checkpoint bookkeeping. A connection is not an
 * object of its own (a Connection is a view of its slot, made when asked for): as an object
 * it was 120 bytes, and at 100k connections 100,000 more things for every collection to
 * trace. The handles and bookkeeping are kept per position, not per module: a connection has
 * at most one part of each kind, and a column per module was five-sixths zeros.
 */
export class ConnectionColumns {
  /** The connection's identifier; NaN while the slot is free. */
  ids = new Float64Array(0);
  /**
   * Counts the connections a slot has held (bumped when one leaves): a view made for one
   * occupant reads nothing of the next.
   */
  generations = new Uint32Array(0);
  /** Original-direction addresses, as 32-bit signed integers (read back unsigned). */
  srcBits = new Int32Array(0);
  dstBits = new Int32Array(0);
  sports = new Uint16Array(0);
  dports = new Uint16Array(0);
  /** The protocol (bits 0-7), seen-reply (bit 8), the helper's index + 1 (from bit 9). */
  flagBits = new Int32Array(0);
  createdUs = new Float64Array(0);
  /** The rule that admitted it; 0 = a chain policy. */
  rules = new Int32Array(0);
  /** The master connection's identifier, or -1. */
  masterIds = new Float64Array(0);
  /**
   * Each connection's row in the ledger, which keeps its history; -1 for one the ledger had
   * no room for, whose history (an object of its own) is in `unlisted` by slot.
   */
  ledgerRows = new Int32Array(0);
  /**
   * By slot, made when the first such history comes (a table whose ledger has room never
   * has one). An array as long as the columns, not a Map: a recovery of 1 M connections
   * past a 200,000-entry ledger spent 1.6 s of 13 in the Map's inserts.
   */
  private unlisted: Array<LedgerHistory | null> | null = null;
  /**
   * The part at slot · PART_POSITIONS + position: handle · 8 + module, or -1 for none. One
   * word, so that finding a module's part (several times a packet) is one load.
   */
  parts = new Int32Array(0);
  /**
   * Per record position (0 = base, 1 + part position) at slot · RECORD_POSITIONS + position:
   * the version of the last record written (32 bits, as the record's header holds it), and a
   * digest of what it said, or UNWRITTEN: write whatever it says next. The digests are below
   * 2^32 - 1 (see PartRecords.digest), so they take 4 bytes, not a double's 8.
   */
  versions = new Uint32Array(0);
  written = new Uint32Array(0);
  /** TCP td_end per direction (slot · 2 + dir) when the TCP record was last written. */
  writtenEnd = new Uint32Array(0);
  /** When a packet of the connection was last seen, and when it expires (µs), by slot. */
  lastSeenUs = new Float64Array(0);
  expiresUs = new Float64Array(0);
  private slots = 0;

  constructor(
    readonly maxSlots: number,
    /** The ledger whose rows the connections' histories are (none: every history unlisted). */
    private readonly ledger: LedgerRowsSource | null = null,
  ) {
    if (!(Number.isInteger(maxSlots) && maxSlots > 0))
      violated(`connection columns for ${maxSlots}`);
  }

  /**
   * Makes the columns hold `slot` and writes its row: the base layer as given, no module
   * part, nothing written, last seen and expiring at `createdUs` (until its first packet is
   * tracked).
   */
  open(
    slot: number,
    id: ConnectionId,
    proto: number,
    src: number,
    dst: number,
    sport: number,
    dport: number,
    createdUs: number,
    rule: number,
    masterId: ConnectionId,
    history: LedgerHistory,
  ): void {
    if (!(slot >= 0 && slot < this.maxSlots)) violated(`slot ${slot} is outside the table`);
    if (!(proto === (proto & 0xff) && sport === (sport & 0xffff) && dport === (dport & 0xffff)))
      violated(`connection ${id}: protocol ${proto}, ports ${sport} and ${dport}`);
    const row = history.ledgerIndex;
    if (row >= 0 && !(this.ledger !== null && row < this.ledger.size))
      violated(`connection ${id}: ledger row ${row} is not one of the table's ledger`);
    if (slot >= this.slots) this.grow(slot + 1);
    if (!(this.ids[slot] !== this.ids[slot])) violated(`slot ${slot} is taken`);
    this.ids[slot] = id;
    this.srcBits[slot] = src | 0;
    this.dstBits[slot] = dst | 0;
    this.sports[slot] = sport;
    this.dports[slot] = dport;
    this.flagBits[slot] = proto;
    this.createdUs[slot] = createdUs;
    this.rules[slot] = rule;
    this.masterIds[slot] = masterId;
    if (row >= 0) {
      this.ledgerRows[slot] = row;
    } else {
      this.ledgerRows[slot] = -1;
      this.unlisted ??= new Array<LedgerHistory | null>(this.slots).fill(null);
      this.unlisted[slot] = history;
    }
    // Stores, not fill(): for two or three elements a call of fill cost more.
    const p = slot * PART_POSITIONS;
    this.parts[p] = -1;
    this.parts[p + 1] = -1;
    const r = slot * RECORD_POSITIONS;
    for (let i = r; i < r + RECORD_POSITIONS; i++) {
      this.versions[i] = 0;
      this.written[i] = 0;
    }
    this.writtenEnd[slot * 2] = 0;
    this.writtenEnd[slot * 2 + 1] = 0;
    this.lastSeenUs[slot] = createdUs;
    this.expiresUs[slot] = createdUs;
  }

  /** The slot's connection leaves: its views stop reading it, and the slot is free. */
  close(slot: number): void {
    this.ids[slot] = NaN;
    this.generations[slot]++;
    if (this.ledgerRows[slot] < 0 && this.unlisted !== null) this.unlisted[slot] = null;
  }

  /** Counts a packet accepted in the history of the connection at `slot` (on every packet). */
  countAccepted(slot: number): void {
    const row = this.ledgerRows[slot];
    if (row >= 0 && this.ledger !== null) this.ledger.countAccepted(row);
    else this.historyAt(slot).countAccepted();
  }

  /** The history of the connection at `slot`. */
  historyAt(slot: number): LedgerHistory {
    const row = this.ledgerRows[slot];
    const history = row >= 0 ? this.ledger?.entryAt(row) : this.unlisted?.[slot];
    if (!(history !== undefined && history !== null)) violated(`slot ${slot} has no history`);
    return history;
  }

  /** Handle of the module's part at `slot`, -1 when the module takes no part. */
  part(slot: number, module: number): number {
    const v = this.parts[slot * PART_POSITIONS + partPosition(module)];
    return v >= 0 && (v & 7) === module ? v >> 3 : -1;
  }

  /** No part, of this module or another, sits at the module's position at `slot`. */
  hasRoomFor(slot: number, module: number): boolean {
    return this.parts[slot * PART_POSITIONS + partPosition(module)] < 0;
  }

  /** Gives the module's part at `slot` the handle, or takes it away (-1). */
  setPart(slot: number, module: number, handle: number): void {
    if (!(module >= 0 && module < MODULE_COUNT)) violated(`no module ${module}`);
    const p = slot * PART_POSITIONS + partPosition(module);
    const held = this.parts[p];
    if (handle < 0) {
      if (held >= 0 && (held & 7) === module) this.parts[p] = -1;
      return;
    }
    if (!(held < 0 || (held & 7) === module))
      violated(`slot ${slot}: module ${module} takes the part of module ${held & 7}`);
    if (!(handle < MAX_HANDLE)) violated(`part handle ${handle}`);
    this.parts[p] = handle * 8 + module;
  }

  /**
   * Where the bookkeeping of a checkpoint area sits for `slot`: the base layer's, or that of
   * the part position of the area's module. Reads need not check that the module holds the
   * position (they come after a write, or from a part being tracked); writes do (`checked`).
   */
  recordIndex(slot: number, area: number, checked = false): number {
    if (area === 0) return slot * RECORD_POSITIONS;
    const module = area - 1;
    if (checked && this.part(slot, module) < 0)
      violated(`slot ${slot} has no part in area ${area}`);
    return slot * RECORD_POSITIONS + 1 + partPosition(module);
  }

  /** Makes the columns hold `count` slots now, in one step (a recovery knows how many it rebuilds). */
  reserve(count: number): void {
    const need = Math.min(count, this.maxSlots);
    if (need > this.slots) this.grow(need);
  }

  private grow(need: number): void {
    let n = Math.max(this.slots * 2, INITIAL_SLOTS);
    while (n < need) n *= 2;
    n = Math.min(n, this.maxSlots);
    const from = this.slots;
    this.ids = resized(this.ids, n);
    this.ids.fill(NaN, from);
    this.generations = resized(this.generations, n);
    this.srcBits = resized(this.srcBits, n);
    this.dstBits = resized(this.dstBits, n);
    this.sports = resized(this.sports, n);
    this.dports = resized(this.dports, n);
    this.flagBits = resized(this.flagBits, n);
    this.createdUs = resized(this.createdUs, n);
    this.rules = resized(this.rules, n);
    this.masterIds = resized(this.masterIds, n);
    this.ledgerRows = resized(this.ledgerRows, n);
    if (this.unlisted !== null) for (let i = from; i < n; i++) this.unlisted.push(null);
    this.parts = resized(this.parts, n * PART_POSITIONS);
    this.versions = resized(this.versions, n * RECORD_POSITIONS);
    this.written = resized(this.written, n * RECORD_POSITIONS);
    this.writtenEnd = resized(this.writtenEnd, n * 2);
    this.lastSeenUs = resized(this.lastSeenUs, n);
    this.expiresUs = resized(this.expiresUs, n);
    this.slots = n;
  }
}
