import { resized } from '../util/resized';

/** Children per heap node: half the levels of a binary heap, so half the moves per pop. */
const ARITY = 4;

/**
 * A min-heap of events ordered by (timeUs, seq). Entries live in typed arrays — no object
 * per event — because the scheduler pops and pushes millions of them per second. `seq` is
 * the insertion number, so events at the same microsecond run in the order they were
 * scheduled: ties are deterministic.
 *
 * An event carries an integer `kind` (which handler runs it) and two integer arguments. They
 * sit in a pool of entries, and the heap itself holds only each event's time and entry: a
 * sift moves two numbers, not five (moving five was most of a pop, and pops were a sixth of
 * a many-flows run). Four children per node halves the levels a pop descends.
 */
export class EventQueue {
  /** The heap: time and entry of each node. */
  private heapTimeUs: Float64Array;
  private heapEntry: Int32Array;
  /** The entry pool, by entry. */
  private seq: Float64Array;
  private kind: Int32Array;
  private argA: Int32Array;
  private argB: Int32Array;
  /** Entries given back by pop(), reused before new ones. */
  private free: Int32Array;
  private freeCount = 0;
  private count = 0;
  private nextSeq = 0;

  // Values of the last pop, read by the caller right after pop() (avoids a result object).
  poppedTimeUs = 0;
  poppedKind = 0;
  poppedA = 0;
  poppedB = 0;

  constructor(
    initialCapacity = 1024,
    /** Hard bound: a runaway scenario fails loudly instead of eating all memory. */
    readonly maxEvents = 1 << 24,
  ) {
    this.heapTimeUs = new Float64Array(initialCapacity);
    this.heapEntry = new Int32Array(initialCapacity);
    this.seq = new Float64Array(initialCapacity);
    this.kind = new Int32Array(initialCapacity);
    this.argA = new Int32Array(initialCapacity);
    this.argB = new Int32Array(initialCapacity);
    this.free = new Int32Array(initialCapacity);
  }

  get size(): number {
    return this.count;
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTimeUs(): number {
    return this.count > 0 ? this.heapTimeUs[0] : Infinity;
  }

  push(timeUs: number, kind: number, a: number, b: number): void {
    if (this.count === this.heapTimeUs.length) this.grow();
    // Every entry below count + freeCount has been handed out; the free ones are reused first.
    const entry = this.freeCount > 0 ? this.free[--this.freeCount] : this.count;
    const s = this.nextSeq++;
    this.seq[entry] = s;
    this.kind[entry] = kind;
    this.argA[entry] = a;
    this.argB[entry] = b;
    const times = this.heapTimeUs;
    const entries = this.heapEntry;
    let i = this.count++;
    // Sift up: move parents down until the new event's place is found.
    while (i > 0) {
      const p = ((i - 1) / ARITY) | 0;
      const pt = times[p];
      if (pt < timeUs || (pt === timeUs && this.seq[entries[p]] < s)) break;
      times[i] = pt;
      entries[i] = entries[p];
      i = p;
    }
    times[i] = timeUs;
    entries[i] = entry;
  }

  /** Removes the earliest event into popped*; returns false when empty. */
  pop(): boolean {
    if (this.count === 0) return false;
    const entry = this.heapEntry[0];
    this.poppedTimeUs = this.heapTimeUs[0];
    this.poppedKind = this.kind[entry];
    this.poppedA = this.argA[entry];
    this.poppedB = this.argB[entry];
    this.free[this.freeCount++] = entry;
    const last = --this.count;
    if (last > 0) this.siftDownFromRoot(this.heapTimeUs[last], this.heapEntry[last]);
    return true;
  }

  clear(): void {
    this.count = 0;
    this.freeCount = 0;
  }

  /** Places the event (time `t`, entry `e`) from the root down to where it belongs. */
  private siftDownFromRoot(t: number, e: number): void {
    const times = this.heapTimeUs;
    const entries = this.heapEntry;
    const n = this.count;
    const s = this.seq[e];
    let i = 0;
    for (;;) {
      const first = ARITY * i + 1;
      if (first >= n) break;
      // The earliest child: by time, then by seq.
      let c = first;
      let ct = times[first];
      const end = Math.min(first + ARITY, n);
      for (let k = first + 1; k < end; k++) {
        const kt = times[k];
        if (kt < ct || (kt === ct && this.seq[entries[k]] < this.seq[entries[c]])) {
          c = k;
          ct = kt;
        }
      }
      if (t < ct || (t === ct && s < this.seq[entries[c]])) break;
      times[i] = ct;
      entries[i] = entries[c];
      i = c;
    }
    times[i] = t;
    entries[i] = e;
  }

  private grow(): void {
    const capacity = this.heapTimeUs.length * 2;
    if (this.count >= this.maxEvents) {
      throw new RangeError(`event queue is full (${this.maxEvents} pending events)`);
    }
    const n = Math.min(capacity, this.maxEvents);
    this.heapTimeUs = resized(this.heapTimeUs, n);
    this.heapEntry = resized(this.heapEntry, n);
    this.seq = resized(this.seq, n);
    this.kind = resized(this.kind, n);
    this.argA = resized(this.argA, n);
    this.argB = resized(this.argB, n);
    this.free = resized(this.free, n);
  }
}
