import { violated } from '../errors';
import { recordAreaOf } from './record';

/**
 * Records as the checkpoint server hands them to recovery: the bytes they lie in, and where
 * each one starts and how long it is. No object per record: at a million connections the
 * three million views recovery once received lived through the whole reassembly, and the
 * garbage collector's copying of them was about a third of its time.
 *
 * The bytes are the server's own (a view of an area's log, or the snapshot blob): valid
 * until the server's next write or delete, and not to be modified.
 */
export class RecordBatch {
  static readonly EMPTY = new RecordBatch(
    new Uint8Array(0),
    new Uint32Array(0),
    new Uint32Array(0),
  );

  constructor(
    readonly bytes: Uint8Array,
    /** Offset of record i in `bytes`. */
    readonly starts: Uint32Array,
    /** Length of record i. */
    readonly lengths: Uint32Array,
  ) {
    if (!(starts.length === lengths.length)) violated('a record batch needs a length per start');
    for (let i = 0; i < starts.length; i++) {
      if (!(starts[i] + lengths[i] <= bytes.length))
        violated(`record ${i} of a batch runs past its ${bytes.length} bytes`);
    }
  }

  /** A batch of these records, copied into one buffer in order. */
  static of(records: readonly Uint8Array[]): RecordBatch {
    let total = 0;
    for (const r of records) total += r.length;
    const bytes = new Uint8Array(total);
    const starts = new Uint32Array(records.length);
    const lengths = new Uint32Array(records.length);
    let at = 0;
    records.forEach((r, i) => {
      bytes.set(r, at);
      starts[i] = at;
      lengths[i] = r.length;
      at += r.length;
    });
    return new RecordBatch(bytes, starts, lengths);
  }

  get count(): number {
    return this.starts.length;
  }

  /**
   * The records split by the area their header names, each area's in this batch's order:
   * `areaCount` batches over the same bytes. An empty record, or one naming an area past the
   * last, goes to area 0, where its check refuses it.
   */
  byArea(areaCount: number): RecordBatch[] {
    const areaOf = new Uint8Array(this.count);
    const counts = new Uint32Array(areaCount);
    for (let i = 0; i < this.count; i++) {
      const area = this.lengths[i] >= 1 ? recordAreaOf(this.bytes, this.starts[i]) : 0;
      areaOf[i] = area < areaCount ? area : 0;
      counts[areaOf[i]]++;
    }
    const split = Array.from(counts, (n) => ({
      starts: new Uint32Array(n),
      lengths: new Uint32Array(n),
      filled: 0,
    }));
    for (let i = 0; i < this.count; i++) {
      const into = split[areaOf[i]];
      into.starts[into.filled] = this.starts[i];
      into.lengths[into.filled++] = this.lengths[i];
    }
    return split.map((s) => new RecordBatch(this.bytes, s.starts, s.lengths));
  }
}
