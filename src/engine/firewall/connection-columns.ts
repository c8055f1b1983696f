import { violated } from '../errors';
import { MODULE_COUNT } from './modules/module-ids';
import { resized } from '../util/resized';

/** Checkpoint areas per connection: the base layer and one per module. */
export const AREAS_PER_CONNECTION = MODULE_COUNT + 1;
/** Columns start this many slots long and double up to the table's bound. */
const INITIAL_SLOTS = 1024;

/**
 * The per-slot numbers of the connection table that are not the base layer's tuple: each
 * connection's handle into every module table, and its checkpoint bookkeeping. Kept in
 * typed-array columns indexed by slot: as four small arrays per connection they cost about
 * 340 bytes and four objects for the garbage collector to trace; here 124 bytes and none.
 * The two times that change on every packet are here too: as fields they were boxed doubles,
 * a new heap number each time they changed.
 */
export class ConnectionColumns {
  /** Handle per module (ModuleId order) at slot · MODULE_COUNT + module; -1 for none. */
  parts = new Int32Array(0);
  /**
   * Per area (0 = base, 1 + module) at slot · AREAS_PER_CONNECTION + area: the version of the
   * last record written, and a digest of what it said (NaN: write whatever it says next).
   * Doubles: a version past the record format's bound must reach its check, not wrap.
   */
  versions = new Float64Array(0);
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
    // Loops, not fill(): for five or six elements a call of fill cost more than the stores.
    for (let m = slot * MODULE_COUNT; m < (slot + 1) * MODULE_COUNT; m++) this.parts[m] = -1;
    for (let a = slot * AREAS_PER_CONNECTION; a < (slot + 1) * AREAS_PER_CONNECTION; a++) {
      this.versions[a] = 0;
      this.written[a] = 0;
    }
    this.writtenEnd[slot * 2] = 0;
    this.writtenEnd[slot * 2 + 1] = 0;
    this.lastSeenUs[slot] = createdUs;
    this.expiresUs[slot] = createdUs;
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
    this.parts = resized(this.parts, n * MODULE_COUNT);
    this.versions = resized(this.versions, n * AREAS_PER_CONNECTION);
    this.written = resized(this.written, n * AREAS_PER_CONNECTION);
    this.writtenEnd = resized(this.writtenEnd, n * 2);
    this.lastSeenUs = resized(this.lastSeenUs, n);
    this.expiresUs = resized(this.expiresUs, n);
    this.slots = n;
  }
}
