import { violated } from '../errors';
import type { ConnectionId } from '../firewall/connection-id';
import { resized } from '../util/resized';

/** Entry arrays start this long and double. */
const INITIAL_ENTRIES = 256;
/** A hash slot no entry ever used, and one whose entry was deleted (probing goes on past it). */
const EMPTY = 0;
const DELETED = -1;
/** An entry's value once its id is deleted (values are offsets, rows or slots, below 2^32 - 1). */
const DEAD = 0xffff_ffff;
/**
 * Entries moved into new hash slots by each insert while the index grows. Growing is
 * spread over the inserts that follow: moving every entry at once made a 65,536-entry index
 * stop for milliseconds, and in the page the ledger's and the checkpoint areas' indexes grew
 * in the same frame (one of the fast-forward's long tasks). At 8 a move is done long before
 * the new slots are half full.
 */
const MOVES_PER_INSERT = 8;

/**
 * A map from connection id to a number (the checkpoint server's rows, a recovery's table
 * slots, the ledger's entries), in insertion order: a replaced value keeps its place, a
 * deleted one leaves it. Entries sit in typed arrays in that order and an open-addressing
 * hash finds them. A Map did the same at about 60 bytes an entry, plus a boxed number for
 * every id past 2^31 (every id after the first epoch); here an entry costs 12 bytes and its
 * hash slots about 8 more (and, while it grows, its old slots until every entry has moved).
 *
 * When it grows, the entries move into the new slots a few per insert: until they all have,
 * an id not found in the new slots is looked for in the old ones.
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
  /** The slots being left while it grows (null when none): entries from `moved` on are there. */
  private oldSlots: Int32Array | null = null;
  /** Entries below this have moved into `slots` (or were dead); below `moveEnd`, to move. */
  private moved = 0;
  private moveEnd = 0;

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
    const old = this.oldSlots?.byteLength ?? 0;
    return this.entryIds.byteLength + this.entryValues.byteLength + this.slots.byteLength + old;
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
    if (this.oldSlots !== null) this.moveSome(MOVES_PER_INSERT);
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
    let slots = this.slots;
    let s = slotOf(slots, this.entryIds, id);
    if (s < 0 && this.oldSlots !== null) {
      slots = this.oldSlots;
      s = slotOf(slots, this.entryIds, id);
      // One that has moved is in the new slots or was deleted there already.
      if (s >= 0 && slots[s] - 1 < this.moved) s = -1;
    }
    if (s < 0) return false;
    this.entryValues[slots[s] - 1] = DEAD;
    slots[s] = DELETED;
    this.live--;
    return true;
  }

  /**
   * The id of the entry at `position` in insertion order (0 the first set), or -1 for a
   * deleted one. Positions stay as they are until deleted entries are dropped to make room,
   * so in an index nothing is deleted from, an entry's position is how many came before it.
   */
  idAt(position: number): ConnectionId {
    if (!(position >= 0 && position < this.used)) violated(`no entry at ${position}`);
    return this.entryValues[position] === DEAD ? -1 : this.entryIds[position];
  }

  /** Entry positions used, live or deleted: idAt() and valueAt() take 0 to this - 1. */
  get positions(): number {
    return this.used;
  }

  /** The value of the entry at `position` (see idAt); undefined for a deleted one. */
  valueAt(position: number): number | undefined {
    if (!(position >= 0 && position < this.used)) violated(`no entry at ${position}`);
    const value = this.entryValues[position];
    return value === DEAD ? undefined : value;
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
    const s = slotOf(this.slots, this.entryIds, id);
    if (s >= 0) return this.slots[s] - 1;
    if (this.oldSlots === null) return -1;
    const old = slotOf(this.oldSlots, this.entryIds, id);
    const entry = old < 0 ? -1 : this.oldSlots[old] - 1;
    return entry >= this.moved ? entry : -1; // one that has moved and is not in the new slots is gone
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
      // Entries change places: the old slots would point at the wrong ones. All at once, as
      // only a table that churns gets here, its size bounded by its live entries.
      this.oldSlots = null;
      let to = 0;
      for (let e = 0; e < this.used; e++) {
        if (this.entryValues[e] === DEAD) continue;
        this.entryIds[to] = this.entryIds[e];
        this.entryValues[to] = this.entryValues[e];
        to++;
      }
      this.used = to;
      this.slots = new Int32Array(Math.max(this.slots.length, this.entryIds.length * 2));
      this.filled = 0;
      for (let e = 0; e < this.used; e++) this.insert(this.entryIds[e], e);
      return;
    }
    this.entryIds = resized(this.entryIds, this.entryIds.length * 2);
    this.entryValues = resized(this.entryValues, this.entryValues.length * 2);
    this.rehash(Math.max(this.slots.length, this.entryIds.length * 2));
  }

  /**
   * New hash slots (deleted marks dropped) that the live entries move into a few per insert.
   * One move at a time: a move still going on is finished first.
   */
  private rehash(slotCount: number): void {
    if (this.oldSlots !== null) this.moveSome(this.moveEnd - this.moved);
    this.oldSlots = this.slots;
    this.slots = new Int32Array(slotCount);
    this.filled = 0;
    this.moved = 0;
    this.moveEnd = this.used;
  }

  /** Moves up to `count` more entries into the new slots. */
  private moveSome(count: number): void {
    const end = Math.min(this.moved + count, this.moveEnd);
    for (let e = this.moved; e < end; e++)
      if (this.entryValues[e] !== DEAD) this.insert(this.entryIds[e], e);
    this.moved = end;
    if (end === this.moveEnd) this.oldSlots = null;
  }
}

/** The slot holding the id's entry in `slots`, or -1. */
function slotOf(slots: Int32Array, entryIds: Float64Array, id: ConnectionId): number {
  const mask = slots.length - 1;
  for (let s = hash(id) & mask; ; s = (s + 1) & mask) {
    const held = slots[s];
    if (held === EMPTY) return -1;
    if (held > 0 && entryIds[held - 1] === id) return s;
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
