import type { EventSource } from './event-index';
import type { EventMatcher } from './event-filter';

/** Dropped entries at the front are compacted away once at least this many have piled up. */
const COMPACT_AFTER = 4096;

/**
 * The sequence numbers of the recorded events a filter lets through, ascending. Kept
 * incrementally (sync() looks only at events recorded since the last call) and bounded: the
 * entries whose events fell out of the recorder's ring are dropped from the front.
 */
export class FilteredSeqs {
  private seqs: number[] = [];
  /** Index in `seqs` of the first entry still held. */
  private start = 0;
  private next: number;

  constructor(
    private readonly source: EventSource,
    private readonly matches: EventMatcher,
  ) {
    this.next = source.firstSeq;
  }

  get length(): number {
    return this.seqs.length - this.start;
  }

  /** The i-th listed sequence number (0 = oldest held). */
  at(i: number): number | undefined {
    return i >= 0 && i < this.length ? this.seqs[this.start + i] : undefined;
  }

  /** The position of `seq` in the list, or -1 when it is not listed. */
  indexOf(seq: number): number {
    const i = this.lowerBound(seq);
    return this.seqs[i] === seq ? i - this.start : -1;
  }

  /**
   * Takes in the events recorded since the last call (those before `upTo`: an index that has
   * not caught up yet names the connections of no later one); returns whether the list changed.
   */
  sync(upTo = this.source.total): boolean {
    const added = this.take(upTo);
    const dropped = this.dropBefore(this.source.firstSeq);
    return added || dropped;
  }

  /**
   * Takes in the new events only, dropping none: positions already listed stay put (a view
   * showing them by position takes this between its refreshes, sync() at them).
   */
  take(upTo = this.source.total): boolean {
    const before = this.length;
    const { source } = this;
    const first = Math.max(this.next, source.firstSeq);
    const end = Math.min(upTo, source.total);
    for (let seq = first; seq < end; seq++) {
      const event = source.get(seq);
      if (event !== undefined && this.matches(event, seq)) this.seqs.push(seq);
    }
    this.next = Math.max(this.next, end);
    return this.length !== before;
  }

  private dropBefore(firstSeq: number): boolean {
    const start = this.lowerBound(firstSeq);
    if (start === this.start) return false;
    this.start = start;
    // Only once the dropped entries are as many as those held: synced every frame, the list
    // drops a few thousand at a time, and copying all 200,000 each time would cost more.
    if (this.start >= COMPACT_AFTER && this.start * 2 >= this.seqs.length) {
      this.seqs = this.seqs.slice(this.start);
      this.start = 0;
    }
    return true;
  }

  /** The first index (from `start`) whose seq is >= `seq`. */
  private lowerBound(seq: number): number {
    let lo = this.start;
    let hi = this.seqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.seqs[mid] < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
