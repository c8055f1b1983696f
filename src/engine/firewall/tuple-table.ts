import { invariant } from '../errors';

/** Words per hash slot: source, destination, ports, and the value with the protocol. */
const STRIDE = 4;
/** Values are below this: value + 1 sits above the protocol's 8 bits in one 32-bit word. */
const VALUE_LIMIT = 2 ** 24 - 1;
/** Slots a table starts with (at most): it doubles as it fills, up to its bound's need. */
const INITIAL_SLOTS = 1024;

/**
 * The conntrack hash: a 5-tuple (source, destination, ports, protocol) to an integer value
 * (connection slot · 2 + direction), in open addressing with linear probing over typed
 * arrays — no string keys and no allocation per lookup. Each connection is entered twice,
 * once per direction, like the kernel's tuplehash[ORIGINAL/REPLY]. Deletion shifts later
 * entries back (no tombstones), so lookups stay short however long the run.
 *
 * A slot's four words lie side by side in one array: a probe reads one cache line. With the
 * fields in five arrays a probe read five, and at a million connections each was a miss
 * (entering the tuples was a tenth of a 1 M reassembly).
 *
 * The slots double as the table fills, rather than being made for its bound at once: a
 * firewall of 65,536 connections made 4 MB of slots, and the first write to each of its pages
 * was a page fault (a run of 2,000 connections spent more on those than on its hashing).
 */
export class TupleTable {
  private mask: number;
  /** The words' length - 1 (a power of two - 1): wraps a word index. */
  private wordMask: number;
  /** The most slots it will need: twice its bound, a power of two. */
  private readonly maxSlots: number;
  /**
   * Per slot: src, dst, sport << 16 | dport (each as an int32), then (value + 1) · 256 +
   * proto, 0 for an empty slot.
   */
  private words: Int32Array;
  size = 0;

  /** Holds up to `maxEntries`; the slots are kept at most half full. */
  constructor(readonly maxEntries: number) {
    invariant(maxEntries <= VALUE_LIMIT, `a tuple table of ${maxEntries} entries`);
    let capacity = 16;
    while (capacity < maxEntries * 2) capacity *= 2;
    this.maxSlots = capacity;
    const slots = Math.min(capacity, INITIAL_SLOTS);
    this.mask = slots - 1;
    this.wordMask = slots * STRIDE - 1;
    this.words = new Int32Array(slots * STRIDE);
  }

  get full(): boolean {
    return this.size >= this.maxEntries;
  }

  /** The value stored for the tuple, or -1. */
  get(src: number, dst: number, sport: number, dport: number, proto: number): number {
    const i = this.find(src | 0, dst | 0, (sport << 16) | dport, proto);
    return i < 0 ? -1 : (this.words[i + 3] >>> 8) - 1;
  }

  /** Adds a tuple that is not present yet (the caller checked with get()). */
  set(src: number, dst: number, sport: number, dport: number, proto: number, value: number): void {
    invariant(this.size < this.maxEntries, 'tuple table is full');
    invariant(value >= 0 && value < VALUE_LIMIT, 'tuple values are from 0 to 2^24 - 2');
    if ((this.size + 1) * 2 > this.mask + 1) this.rehash((this.mask + 1) * 2);
    const s = src | 0;
    const d = dst | 0;
    const ports = (sport << 16) | dport;
    const w = this.words;
    let i = (hash(s, d, ports, proto) & this.mask) * STRIDE;
    for (; w[i + 3] !== 0; i = (i + STRIDE) & this.wordMask) {
      const same =
        w[i] === s && w[i + 1] === d && w[i + 2] === ports && (w[i + 3] & 0xff) === proto;
      invariant(!same, 'tuple entered twice');
    }
    w[i] = s;
    w[i + 1] = d;
    w[i + 2] = ports;
    w[i + 3] = ((value + 1) * 256 + proto) | 0;
    this.size++;
  }

  /** Removes the tuple; returns whether it was there. */
  delete(src: number, dst: number, sport: number, dport: number, proto: number): boolean {
    const i = this.find(src | 0, dst | 0, (sport << 16) | dport, proto);
    if (i < 0) return false;
    const w = this.words;
    const wrap = this.wordMask;
    w[i + 3] = 0;
    this.size--;
    // Backward-shift: move later entries of the probe run into the hole when their home
    // slot allows it, so no lookup ever stops early at the freed slot.
    let hole = i;
    for (let j = (i + STRIDE) & wrap; w[j + 3] !== 0; j = (j + STRIDE) & wrap) {
      const home = (hash(w[j], w[j + 1], w[j + 2], w[j + 3] & 0xff) & this.mask) * STRIDE;
      if (((j - home) & wrap) >= ((j - hole) & wrap)) {
        w[hole] = w[j];
        w[hole + 1] = w[j + 1];
        w[hole + 2] = w[j + 2];
        w[hole + 3] = w[j + 3];
        w[j + 3] = 0;
        hole = j;
      }
    }
    return true;
  }

  /** Makes room for `count` more entries in one step (a recovery about to enter them). */
  reserve(count: number): void {
    const need = Math.min(this.size + count, this.maxEntries) * 2;
    let slots = this.mask + 1;
    while (slots < need) slots *= 2;
    if (slots > this.mask + 1) this.rehash(slots);
  }

  /** Moves every entry into `slots` slots (more than it has). */
  private rehash(slots: number): void {
    invariant(slots <= this.maxSlots, `a tuple table of ${slots} slots`);
    const old = this.words;
    this.words = new Int32Array(slots * STRIDE);
    this.mask = slots - 1;
    this.wordMask = slots * STRIDE - 1;
    const w = this.words;
    for (let j = 0; j < old.length; j += STRIDE) {
      if (old[j + 3] === 0) continue;
      let i = (hash(old[j], old[j + 1], old[j + 2], old[j + 3] & 0xff) & this.mask) * STRIDE;
      while (w[i + 3] !== 0) i = (i + STRIDE) & this.wordMask;
      w[i] = old[j];
      w[i + 1] = old[j + 1];
      w[i + 2] = old[j + 2];
      w[i + 3] = old[j + 3];
    }
  }

  /** Index of the tuple's first word, or -1. The arguments are as stored (int32). */
  private find(src: number, dst: number, ports: number, proto: number): number {
    const w = this.words;
    const wrap = this.wordMask;
    for (let i = (hash(src, dst, ports, proto) & this.mask) * STRIDE; ; i = (i + STRIDE) & wrap) {
      const tag = w[i + 3];
      if (tag === 0) return -1;
      if (w[i] === src && w[i + 1] === dst && w[i + 2] === ports && (tag & 0xff) === proto)
        return i;
    }
  }
}

/** A 32-bit mix of the tuple (multiply-xorshift rounds, as in murmur3's finaliser). */
function hash(src: number, dst: number, ports: number, proto: number): number {
  let h = Math.imul(src ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ dst, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16) ^ ports, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ proto, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
