import { seqAdd, seqDiff, seqLe, seqLt } from './seq';

interface Segment {
  seq: number;
  data: Uint8Array;
}

/**
 * Out-of-order segments waiting for the gap before them to be filled. Each keeps a copy of its
 * bytes (the packet that carried it is recycled). Only bytes not already held are stored, so
 * the queue holds each byte at most once and `bytes` is exact.
 */
export class ReassemblyQueue {
  private readonly segments: Segment[] = [];
  /** Sequence number of a FIN seen out of order, or -1. */
  private finSeq = -1;
  bytes = 0;
  /** Set by drain() when the stream has reached the FIN. */
  finReached = false;

  get isEmpty(): boolean {
    return this.segments.length === 0 && this.finSeq < 0;
  }

  /** Stores whatever part of bytes [seq, seq + length) is new, and remembers a FIN after them. */
  insert(seq: number, source: Uint8Array, offset: number, length: number, fin: boolean): void {
    const end = seqAdd(seq, length);
    const segments = this.segments;
    let cursor = seq;
    let i = 0;
    while (seqLt(cursor, end)) {
      while (i < segments.length && seqLe(this.end(segments[i]), cursor)) i++;
      const next = i < segments.length ? segments[i] : null;
      if (next !== null && seqLe(next.seq, cursor)) {
        cursor = this.end(next); // already held
        i++;
        continue;
      }
      const pieceEnd = next !== null && seqLt(next.seq, end) ? next.seq : end;
      const skip = seqDiff(cursor, seq);
      const n = seqDiff(pieceEnd, cursor);
      segments.splice(i, 0, { seq: cursor, data: source.slice(offset + skip, offset + skip + n) });
      this.bytes += n;
      i++;
      cursor = pieceEnd;
    }
    if (fin) this.finSeq = end;
  }

  /**
   * Removes the segments that now continue the stream at `rcvNxt`, calling `deliver` for
   * their new bytes in order. Returns the new rcvNxt; `finReached` tells if the FIN is next.
   */
  drain(
    rcvNxt: number,
    deliver: (data: Uint8Array, offset: number, length: number) => void,
  ): number {
    const segments = this.segments;
    while (segments.length > 0 && seqLe(segments[0].seq, rcvNxt)) {
      const s = segments.shift() as Segment;
      this.bytes -= s.data.length;
      const skip = seqDiff(rcvNxt, s.seq);
      if (skip < s.data.length) {
        deliver(s.data, skip, s.data.length - skip);
        rcvNxt = seqAdd(rcvNxt, s.data.length - skip);
      }
    }
    this.finReached = this.finSeq >= 0 && this.finSeq === rcvNxt;
    if (this.finReached) this.finSeq = -1;
    return rcvNxt;
  }

  clear(): void {
    this.segments.length = 0;
    this.bytes = 0;
    this.finSeq = -1;
  }

  private end(s: Segment): number {
    return seqAdd(s.seq, s.data.length);
  }
}
