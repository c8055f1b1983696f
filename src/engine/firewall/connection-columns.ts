import { violated } from '../errors';
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
/** Handles below this fit beside the module in a part's word. */
const MAX_HANDLE = 2 ** 28;

/** The part position of a module: layer 4 (0) or helper (1). */
function partPosition(module: number): number {
  return module <= ModuleId.icmp ? 0 : 1;
}

/**
 * The per-slot numbers of the connection table that are not the base layer's tuple: each
 * connection's handle into its module tables, and its checkpoint bookkeeping. Kept in
 * typed-array columns indexed by slot: as four small arrays per connection they cost about
 * 340 bytes and four objects for the garbage collector to trace; here 68 bytes and none.
 * Kept per position, not per module: a connection has at most one part of each kind, and
 * a column per module was five-sixths zeros. The two times that change on every packet
 * are here too: as fields they were boxed doubles, a new heap number each time they changed.
 */
export class ConnectionColumns {
  /**
   * The part at slot · PART_POSITIONS + position: handle · 8 + module, or -1 for none. One
   * word, so that finding a module's part (several times a packet) is one load.
   */
  parts = new Int32Array(0);
  /**
   * Per record position (0 = base, 1 + part position) at slot · RECORD_POSITIONS + position:
   * the version of the last record written (32 bits, as the record's header holds it), and a
   * digest of what it said (NaN: write whatever it says next).
   */
  versions = new Uint32Array(0);
  written = new Float64Array(0);
  /** TCP td_end per direction (slot · 2 + dir) when the TCP record was last written. */
  writtenEnd = new Uint32Array(0);
  /** When a packet of the connection was last seen, and when it expires (µs), by slot. */
  lastSeenUs = new Float64Array(0);
  expiresUs = new Float64Array(0);
  private slots = 0;

  constructor(readonly maxSlots: number) {
    if (!(Number.isInteger(maxSlots) && maxSlots > 0))
      violated(`connection columns for ${maxSlots}`);
  }

  /**
   * Makes the columns hold `slot` and resets its row: no module part, nothing written, last
   * seen and expiring at `createdUs` (until its first packet is tracked).
   */
  open(slot: number, createdUs: number): void {
    if (!(slot >= 0 && slot < this.maxSlots)) violated(`slot ${slot} is outside the table`);
    if (slot >= this.slots) this.grow(slot + 1);
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
    this.parts = resized(this.parts, n * PART_POSITIONS);
    this.versions = resized(this.versions, n * RECORD_POSITIONS);
    this.written = resized(this.written, n * RECORD_POSITIONS);
    this.writtenEnd = resized(this.writtenEnd, n * 2);
    this.lastSeenUs = resized(this.lastSeenUs, n);
    this.expiresUs = resized(this.expiresUs, n);
    this.slots = n;
  }
}
