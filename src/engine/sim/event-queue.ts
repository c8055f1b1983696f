import { resized } from '../util/resized';

/**
 * A binary min-heap of events ordered by (timeUs, seq). Entries live in typed arrays — no
 * object per event — because the scheduler pops and pushes millions of them per second.
 * `seq` is the insertion number, so events at the same microsecond run in the order they were
 * scheduled: ties are deterministic.
 *
 * An event carries an integer `kind` (which handler runs it) and two integer arguments.
 */
export class EventQueue {
  private timeUs: Float64Array;
  private seq: Float64Array;
  private kind: Int32Array;
  private argA: Int32Array;
  private argB: Int32Array;
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
    this.timeUs = new Float64Array(initialCapacity);
    this.seq = new Float64Array(initialCapacity);
    this.kind = new Int32Array(initialCapacity);
    this.argA = new Int32Array(initialCapacity);
    this.argB = new Int32Array(initialCapacity);
  }

  get size(): number {
    return this.count;
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTimeUs(): number {
    return this.count > 0 ? this.timeUs[0] : Infinity;
  }

  push(timeUs: number, kind: number, a: number, b: number): void {
    if (this.count === this.timeUs.length) this.grow();
    const s = this.nextSeq++;
    let i = this.count++;
    // Sift up: move parents down until the new entry's place is found.
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = this.timeUs[p];
      if (pt < timeUs || (pt === timeUs && this.seq[p] < s)) break;
      this.move(p, i);
      i = p;
    }
    this.timeUs[i] = timeUs;
    this.seq[i] = s;
    this.kind[i] = kind;
    this.argA[i] = a;
    this.argB[i] = b;
  }

  /** Removes the earliest event into popped*; returns false when empty. */
  pop(): boolean {
    if (this.count === 0) return false;
    this.poppedTimeUs = this.timeUs[0];
    this.poppedKind = this.kind[0];
    this.poppedA = this.argA[0];
    this.poppedB = this.argB[0];
    const last = --this.count;
    if (last > 0) this.siftDownFromRoot(last);
    return true;
  }

  clear(): void {
    this.count = 0;
  }

  private siftDownFromRoot(last: number): void {
    const t = this.timeUs[last];
    const s = this.seq[last];
    const k = this.kind[last];
    const a = this.argA[last];
    const b = this.argB[last];
    const n = this.count;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const r = c + 1;
      if (r < n) {
        const ct = this.timeUs[c];
        const rt = this.timeUs[r];
        if (rt < ct || (rt === ct && this.seq[r] < this.seq[c])) c = r;
      }
      const ct = this.timeUs[c];
      if (t < ct || (t === ct && s < this.seq[c])) break;
      this.move(c, i);
      i = c;
    }
    this.timeUs[i] = t;
    this.seq[i] = s;
    this.kind[i] = k;
    this.argA[i] = a;
    this.argB[i] = b;
  }

  private move(from: number, to: number): void {
    this.timeUs[to] = this.timeUs[from];
    this.seq[to] = this.seq[from];
    this.kind[to] = this.kind[from];
    this.argA[to] = this.argA[from];
    this.argB[to] = this.argB[from];
  }

  private grow(): void {
    const capacity = this.timeUs.length * 2;
    if (this.count >= this.maxEvents) {
      throw new RangeError(`event queue is full (${this.maxEvents} pending events)`);
    }
    const n = Math.min(capacity, this.maxEvents);
    this.timeUs = resized(this.timeUs, n);
    this.seq = resized(this.seq, n);
    this.kind = resized(this.kind, n);
    this.argA = resized(this.argA, n);
    this.argB = resized(this.argB, n);
  }
}
