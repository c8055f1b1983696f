import { invariant } from '../errors';

/**
 * The conntrack hash: a 5-tuple (source, destination, ports, protocol) to an integer value
 * (connection slot · 2 + direction), in open addressing with linear probing over typed
 * arrays — no string keys and no allocation per lookup. Each connection is entered twice,
 * once per direction, like the kernel's tuplehash[ORIGINAL/REPLY]. Deletion shifts later
 * entries back (no tombstones), so lookups stay short however long the run.
 */
export class TupleTable {
  private readonly mask: number;
  private readonly src: Uint32Array;
  private readonly dst: Uint32Array;
  /** sport << 16 | dport */
  private readonly ports: Uint32Array;
  private readonly proto: Uint8Array;
  /** value + 1; 0 marks an empty slot */
  private readonly values: Int32Array;
  size = 0;

  /** Holds up to `maxEntries`; the slot array is kept at most half full. */
  constructor(readonly maxEntries: number) {
    let capacity = 16;
    while (capacity < maxEntries * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.src = new Uint32Array(capacity);
    this.dst = new Uint32Array(capacity);
    this.ports = new Uint32Array(capacity);
    this.proto = new Uint8Array(capacity);
    this.values = new Int32Array(capacity);
  }

  get full(): boolean {
    return this.size >= this.maxEntries;
  }

  /** The value stored for the tuple, or -1. */
  get(src: number, dst: number, sport: number, dport: number, proto: number): number {
    const ports = ((sport << 16) | dport) >>> 0;
    let i = hash(src, dst, ports, proto) & this.mask;
    for (;;) {
      const v = this.values[i];
      if (v === 0) return -1;
      if (
        this.src[i] === src &&
        this.dst[i] === dst &&
        this.ports[i] === ports &&
        this.proto[i] === proto
      ) {
        return v - 1;
      }
      i = (i + 1) & this.mask;
    }
  }

  /** Adds a tuple that is not present yet (the caller checked with get()). */
  set(src: number, dst: number, sport: number, dport: number, proto: number, value: number): void {
    invariant(this.size < this.maxEntries, 'tuple table is full');
    invariant(value >= 0, 'tuple values are non-negative');
    const ports = ((sport << 16) | dport) >>> 0;
    let i = hash(src, dst, ports, proto) & this.mask;
    while (this.values[i] !== 0) {
      invariant(
        !(
          this.src[i] === src &&
          this.dst[i] === dst &&
          this.ports[i] === ports &&
          this.proto[i] === proto
        ),
        'tuple entered twice',
      );
      i = (i + 1) & this.mask;
    }
    this.src[i] = src;
    this.dst[i] = dst;
    this.ports[i] = ports;
    this.proto[i] = proto;
    this.values[i] = value + 1;
    this.size++;
  }

  /** Removes the tuple; returns whether it was there. */
  delete(src: number, dst: number, sport: number, dport: number, proto: number): boolean {
    const ports = ((sport << 16) | dport) >>> 0;
    let i = hash(src, dst, ports, proto) & this.mask;
    for (;;) {
      if (this.values[i] === 0) return false;
      if (
        this.src[i] === src &&
        this.dst[i] === dst &&
        this.ports[i] === ports &&
        this.proto[i] === proto
      )
        break;
      i = (i + 1) & this.mask;
    }
    this.values[i] = 0;
    this.size--;
    // Backward-shift: move later entries of the probe run into the hole when their home
    // slot allows it, so no lookup ever stops early at the freed slot.
    let hole = i;
    let j = (i + 1) & this.mask;
    while (this.values[j] !== 0) {
      const home = hash(this.src[j], this.dst[j], this.ports[j], this.proto[j]) & this.mask;
      const distanceToHole = (j - hole) & this.mask;
      const distanceToHome = (j - home) & this.mask;
      if (distanceToHome >= distanceToHole) {
        this.src[hole] = this.src[j];
        this.dst[hole] = this.dst[j];
        this.ports[hole] = this.ports[j];
        this.proto[hole] = this.proto[j];
        this.values[hole] = this.values[j];
        this.values[j] = 0;
        hole = j;
      }
      j = (j + 1) & this.mask;
    }
    return true;
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
