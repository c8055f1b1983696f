import { invariant } from '../errors';

/** Words per hash slot: source, destination, ports, and the value with the protocol. */
const STRIDE = 4;
/**
 * The highest slot: slot · 2 + reversed + 1 sits above the protocol's 8 bits in one 32-bit
 * word, so it is below 2^24. A table of n connections uses slots 0 … n - 1.
 */
const MAX_SLOT = 2 ** 23 - 2;

/**
 * The conntrack hash: a connection's 5-tuple (source, destination, ports, protocol) to its
 * slot, and a packet's tuple to the slot and the direction (slot · 2 + direction), in open
 * addressing with linear probing over typed arrays — no string keys and no allocation per
 * lookup. Deletion shifts later entries back (no tombstones), so lookups stay short however
 * long the run.
 *
 * A connection is entered once, not once per direction as the kernel's tuplehash[ORIGINAL]
 * and [REPLY] are: its reply tuple is its original tuple reversed (this firewall translates
 * no addresses), so a tuple is keyed in canonical order — the end with the lower address
 * (then port) first — and the entry says whether the original direction was reversed to get
 * there. Half the slots of two entries, and a tuple whose reverse is itself (one address and
 * port talking to itself) is one entry, not a clash.
 *
 * A slot's four words lie side by side in one array: a probe reads one cache line. With the
 * fields in five arrays a probe read five, and at a million connections each was a miss
 * (entering the tuples was a tenth of a 1 M reassembly).
 *
 * The slots are made for the bound at once. Growing them as the table filled saved a fresh
 * table its page faults, but in the page a rehash then fell in the same frame as every other
 * table's growth and made a long task of it. They are half again as many as the bound, not
 * the next power of two above twice the bound: that was 2 to 4 slots a connection (42 bytes
 * a connection at 100k), and a full table now probes two slots for a hit on average, not
 * one and a half. A hash picks its home slot by multiplying, not masking.
 */
export class TupleTable {
  /** Hash slots: half again as many as the bound. */
  private readonly capacity: number;
  /** The words' length: a word index reaching it wraps to 0. */
  private readonly wordsEnd: number;
  /**
   * Per slot, the tuple in canonical order: src, dst, sport << 16 | dport (each as an int32),
   * then (slot · 2 + reversed + 1) · 256 + proto, 0 for an empty slot.
   */
  private readonly words: Int32Array;
  size = 0;

  /** Holds up to `maxConnections`; the slots are kept at most two thirds full. */
  constructor(readonly maxConnections: number) {
    invariant(maxConnections <= MAX_SLOT + 1, `a tuple table of ${maxConnections} connections`);
    this.capacity = Math.max(4, Math.ceil(maxConnections * 1.5));
    this.wordsEnd = this.capacity * STRIDE;
    this.words = new Int32Array(this.wordsEnd);
  }

  get full(): boolean {
    return this.size >= this.maxConnections;
  }

  /** slot · 2 + direction (0 original, 1 reply) of the connection the tuple belongs to, or -1. */
  get(src: number, dst: number, sport: number, dport: number, proto: number): number {
    const r = reversed(src, dst, sport, dport);
    const i = r
      ? this.find(dst | 0, src | 0, (dport << 16) | sport, proto)
      : this.find(src | 0, dst | 0, (sport << 16) | dport, proto);
    return i < 0 ? -1 : ((this.words[i + 3] >>> 8) - 1) ^ (r ? 1 : 0);
  }

  /**
   * Enters a connection by its original tuple, at `slot`. Neither direction of it may be
   * present yet (the caller checked with get()).
   */
  set(src: number, dst: number, sport: number, dport: number, proto: number, slot: number): void {
    invariant(this.size < this.maxConnections, 'tuple table is full');
    invariant(slot >= 0 && slot <= MAX_SLOT, 'tuple table slots are from 0 to 2^23 - 2');
    const r = reversed(src, dst, sport, dport);
    const s = (r ? dst : src) | 0;
    const d = (r ? src : dst) | 0;
    const ports = r ? (dport << 16) | sport : (sport << 16) | dport;
    const w = this.words;
    let i = this.home(hash(s, d, ports, proto));
    for (; w[i + 3] !== 0; i = this.next(i)) {
      const same =
        w[i] === s && w[i + 1] === d && w[i + 2] === ports && (w[i + 3] & 0xff) === proto;
      invariant(!same, 'tuple entered twice');
    }
    w[i] = s;
    w[i + 1] = d;
    w[i + 2] = ports;
    w[i + 3] = ((slot * 2 + (r ? 1 : 0) + 1) * 256 + proto) | 0;
    this.size++;
  }

  /** Removes the connection of the tuple (either direction); returns whether it was there. */
  delete(src: number, dst: number, sport: number, dport: number, proto: number): boolean {
    const i = this.findEither(src, dst, sport, dport, proto);
    if (i < 0) return false;
    const w = this.words;
    w[i + 3] = 0;
    this.size--;
    // Backward-shift: move later entries of the probe run into the hole when their home
    // slot allows it, so no lookup ever stops early at the freed slot.
    let hole = i;
    for (let j = this.next(i); w[j + 3] !== 0; j = this.next(j)) {
      const home = this.home(hash(w[j], w[j + 1], w[j + 2], w[j + 3] & 0xff));
      if (this.distance(home, j) >= this.distance(hole, j)) {
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

  /** Index of the first word of the tuple's entry, found in its canonical order, or -1. */
  private findEither(
    src: number,
    dst: number,
    sport: number,
    dport: number,
    proto: number,
  ): number {
    return reversed(src, dst, sport, dport)
      ? this.find(dst | 0, src | 0, (dport << 16) | sport, proto)
      : this.find(src | 0, dst | 0, (sport << 16) | dport, proto);
  }

  /** Index of the tuple's first word, or -1. The arguments are as stored (int32). */
  private find(src: number, dst: number, ports: number, proto: number): number {
    const w = this.words;
    for (let i = this.home(hash(src, dst, ports, proto)); ; i = this.next(i)) {
      const tag = w[i + 3];
      if (tag === 0) return -1;
      if (w[i] === src && w[i + 1] === dst && w[i + 2] === ports && (tag & 0xff) === proto)
        return i;
    }
  }

  /**
   * The first word of a hash's home slot: the hash scaled to the slots. Below their number
   * however the product rounds: at most (2^32 - 1) / 2^32 of it, which is a whole 2^-32 of it
   * below, far more than the half unit in the last place a product can round by.
   */
  private home(h: number): number {
    return (((h / 0x1_0000_0000) * this.capacity) | 0) * STRIDE;
  }

  /** The first word of the slot after the one at word `i`, wrapping to the first. */
  private next(i: number): number {
    const j = i + STRIDE;
    return j === this.wordsEnd ? 0 : j;
  }

  /** Words from `from` forward to `to`, wrapping. */
  private distance(from: number, to: number): number {
    return to >= from ? to - from : to - from + this.wordsEnd;
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

/**
 * Whether a tuple's canonical order is its reverse: its source address (unsigned), then its
 * source port, is the higher end's.
 */
function reversed(src: number, dst: number, sport: number, dport: number): boolean {
  const a = src >>> 0;
  const b = dst >>> 0;
  return a > b || (a === b && sport > dport);
}
