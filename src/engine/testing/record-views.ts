import type { RecordBatch } from '../checkpoint/record-batch';

/** Each record of the batch as a view of its bytes, in order (for tests to compare). */
export function recordViews(batch: RecordBatch): Uint8Array[] {
  return Array.from(batch.starts, (start, i) =>
    batch.bytes.subarray(start, start + batch.lengths[i]),
  );
}
