import { violated } from '../errors';
import type { ConnectionId } from '../firewall/connection-id';
import { resized } from '../util/resized';

/** Entry arrays start this long and double. */
const INITIAL_ENTRIES = 256;
/** A hash slot no entry ever used, and one whose entry was deleted (probing goes on past it). */
const EMPTY = 0;
const DELETED = -1;
/** An entry's value once its id is deleted (values are buffer offsets, below 2^32 - 1). */
const DEAD = 0xffff_ffff;

/**
 * A map from connection id to a number (an area log's record offsets, a recovery's table
 * slots, the ledger's entries), in insertion order: a replaced value keeps its place, a
 * deleted one leaves it. Entries sit in typed arrays in that order and an open-addressing
 * hash finds them. A Map did the same at about 60 bytes an entry, plus a boxed number for
 * every id past 2^31 (every id after the first epoch); here an entry costs 12 bytes and its
 * hash slots about 8 more.
 */
export class IdIndex {
  private entryIds: Float64Array;
  private entryValues: Uint32Array;
  /** Entries used, live or dead; the next one goes at this position. */
  private used = 0;
  private live = 0;
  /** Entry position + 1 per slot, EMPTY or DELETED; its length is a power of two. */
  private slots: Int32Array;
  /** Slots not EMPTY (live or DELETED): probing ends only at an EMPTY one. */
  private filled = 0;

  /** `expectedEntries`: room made at once for that many, when the caller knows (a recovery). */
  constructor(expectedEntries = INITIAL_ENTRIES) {
    let entries = INITIAL_ENTRIES;
    while (entries < expectedEntries) entries *= 2;
    this.entryIds = new Float64Array(entries);
    this.entryValues = new Uint32Array(entries);
    this.slots = new Int32Array(entries * 2);
  }

  get size(): number {
    return this.live;
  }

  /** Bytes its arrays hold, free room included. */
  get bytes(): number {
    return this.entryIds.byteLength + this.entryValues.byteLength + this.slots.byteLength;
  }

  /** The id's value, or -1. */
  get(id: ConnectionId): number {
    const entry = this.find(id);
    return entry < 0 ? -1 : this.entryValues[entry];
  }

  has(id: ConnectionId): boolean {
    return this.find(id) >= 0;
  }

  /** Sets the id's value: in place when the id is there, else as the newest entry. */
  set(id: ConnectionId, value: number): void {
    if (!(value >= 0 && value < DEAD && Number.isInteger(value))) violated(`index value ${value}`);
    const entry = this.find(id);
    if (entry >= 0) {
      this.entryValues[entry] = value;
      return;
    }
    if (this.used === this.entryIds.length) this.makeRoom();
    if ((this.filled + 1) * 2 > this.slots.length) {
      // Grow only when the live entries need it; else just sweep out the deleted marks.
      this.rehash(
        (this.live + 1) * 4 > this.slots.length ? this.slots.length * 2 : this.slots.length,
      );
    }
    const at = this.used++;
    this.entryIds[at] = id;
    this.entryValues[at] = value;
    this.live++;
    this.insert(id, at);
  }

  /** Removes the id; returns whether it was there. */
  delete(id: ConnectionId): boolean {
    const mask = this.slots.length - 1;
    for (let s = hash(id) & mask; ; s = (s + 1) & mask) {
      const held = this.slots[s];
      if (held === EMPTY) return false;
      if (held > 0 && this.entryIds[held - 1] === id) {
        this.slots[s] = DELETED;
        this.entryValues[held - 1] = DEAD;
        this.live--;
        return true;
      }
    }
  }

  /** Each live entry in insertion order. `visit` may set() the id it is given, nothing else. */
  forEach(visit: (id: ConnectionId, value: number) => void): void {
    for (let e = 0; e < this.used; e++) {
      const value = this.entryValues[e];
      if (value !== DEAD) visit(this.entryIds[e], value);
    }
  }

  /** The live ids in insertion order. Lazy: no set() or delete() until it is done. */
  *keys(): IterableIterator<ConnectionId> {
    for (let e = 0; e < this.used; e++) if (this.entryValues[e] !== DEAD) yield this.entryIds[e];
  }

  /** Entry position of the id, or -1. */
  private find(id: ConnectionId): number {
    const mask = this.slots.length - 1;
    for (let s = hash(id) & mask; ; s = (s + 1) & mask) {
      const held = this.slots[s];
      if (held === EMPTY) return -1;
      if (held > 0 && this.entryIds[held - 1] === id) return held - 1;
    }
  }

  private insert(id: ConnectionId, entry: number): void {
    const mask = this.slots.length - 1;
    let s = hash(id) & mask;
    while (this.slots[s] !== EMPTY) s = (s + 1) & mask;
    this.slots[s] = entry + 1;
    this.filled++;
  }

  /** The entry arrays are full: drop the dead entries if they are many, else grow. */
  private makeRoom(): void {
    if (this.live * 2 <= this.used) {
      let to = 0;
      for (let e = 0; e < this.used; e++) {
        if (this.entryValues[e] === DEAD) continue;
        this.entryIds[to] = this.entryIds[e];
        this.entryValues[to] = this.entryValues[e];
        to++;
      }
      this.used = to;
    } else {
      this.entryIds = resized(this.entryIds, this.entryIds.length * 2);
      this.entryValues = resized(this.entryValues, this.entryValues.length * 2);
    }
    this.rehash(Math.max(this.slots.length, this.entryIds.length * 2));
  }

  /** Hash slots built afresh (deleted marks dropped) for the live entries. */
  private rehash(slotCount: number): void {
    this.slots = new Int32Array(slotCount);
    this.filled = 0;
    for (let e = 0; e < this.used; e++)
      if (this.entryValues[e] !== DEAD) this.insert(this.entryIds[e], e);
  }
}

/** Mixes both 32-bit halves of an id (ids below 2^53: epoch · 2^32 + serial). */
function hash(id: number): number {
  const low = id >>> 0;
  const high = (id - low) / 0x1_0000_0000;
  let h = Math.imul(low ^ Math.imul(high, 0x9e37_79b1), 0x85eb_ca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2_ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
