import { invariant } from '../errors';

/** Words per hash slot: source, destination, ports, and the value with the protocol. */
const STRIDE = 4;
/** Values are below this: value + 1 sits above the protocol's 8 bits in one 32-bit word. */
const VALUE_LIMIT = 2 ** 24 - 1;

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
 * The slots are made for the bound at once. Growing them as the table filled saved a fresh
 * table its page faults, but in the page a rehash then fell in the same frame as every other
 * table's growth and made a long task of it.
 */
export class TupleTable {
  private readonly mask: number;
  /** The words' length - 1 (a power of two - 1): wraps a word index. */
  private readonly wordMask: number;
  /**
   * Per slot: src, dst, sport << 16 | dport (each as an int32), then (value + 1) · 256 +
   * proto, 0 for an empty slot.
   */
  private readonly words: Int32Array;
  size = 0;

  /** Holds up to `maxEntries`; the slots are kept at most half full. */
  constructor(readonly maxEntries: number) {
    invariant(maxEntries <= VALUE_LIMIT, `a tuple table of ${maxEntries} entries`);
    let capacity = 16;
    while (capacity < maxEntries * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.wordMask = capacity * STRIDE - 1;
    this.words = new Int32Array(capacity * STRIDE);
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
