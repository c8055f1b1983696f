import { violated } from '../errors';
import type { ConnectionId } from '../firewall/connection-id';
import { IdIndex } from './id-index';
import { RecordBatch } from './record-batch';
import { recordVersionOf } from './record';

/**
 * One area of the checkpoint server's memory: each connection's latest record, stored as
 * bytes in one growing buffer and found through an index of offsets. A record kept as its own
 * Uint8Array costs an ArrayBuffer, a view and a backing store — about 240 bytes of overhead
 * for a 70-byte record — and leaves the garbage collector a million long-lived objects to
 * trace at 1 M connections; here a record costs its bytes, a 4-byte length and one index entry.
 *
 * Each record sits behind a u32 length of the server's own. The record's header also states
 * its length, but a fault may flip those very bytes, and the log must still know where the
 * record ends.
 *
 * A replacement of the same length is written in place; any other is appended and the old
 * bytes become garbage, reclaimed when the buffer must grow: live records are then copied
 * into a new buffer in index order. Index order is insertion order (a replaced record keeps
 * its place), so the same writes always list the same way.
 */
const LENGTH_BYTES = 4;
const INITIAL_CAPACITY = 4096;

export class AreaLog {
  private readonly index = new IdIndex();
  private bytes = new Uint8Array(INITIAL_CAPACITY);
  /** Where the next appended record goes. */
  private end = 0;
  /** Bytes behind `end` that no index entry points to any more. */
  private garbage = 0;

  get size(): number {
    return this.index.size;
  }

  has(id: ConnectionId): boolean {
    return this.index.has(id);
  }

  /** The record's length, or -1 when there is none. */
  lengthOf(id: ConnectionId): number {
    const at = this.index.get(id);
    return at < 0 ? -1 : this.lengthAt(at);
  }

  /** The stored record's header version (the stale-write check). The record must exist. */
  versionOf(id: ConnectionId): number {
    const at = this.index.get(id);
    if (!(at >= 0)) violated(`no record of connection ${id}`);
    return recordVersionOf(this.bytes, at + LENGTH_BYTES);
  }

  /**
   * A view of the record's bytes, not a copy: valid until the next put or delete in this
   * area (a put may move records). Do not modify it.
   */
  get(id: ConnectionId): Uint8Array | undefined {
    const at = this.index.get(id);
    return at < 0 ? undefined : this.view(at);
  }

  /** Stores the record (a copy of it) as the connection's, replacing any older one. */
  put(id: ConnectionId, record: Uint8Array): void {
    const at = this.index.get(id);
    if (at >= 0 && this.lengthAt(at) === record.length) {
      this.bytes.set(record, at + LENGTH_BYTES);
      return;
    }
    const need = LENGTH_BYTES + record.length;
    if (this.end + need > this.bytes.length) this.reclaim(need); // may move the old record
    const old = this.index.get(id);
    if (old >= 0) this.garbage += LENGTH_BYTES + this.lengthAt(old);
    const to = this.end;
    putLength(this.bytes, to, record.length);
    this.bytes.set(record, to + LENGTH_BYTES);
    this.end += need;
    this.index.set(id, to);
  }

  /** Removes the connection's record; returns its length, or -1 when there was none. */
  delete(id: ConnectionId): number {
    const at = this.index.get(id);
    if (at < 0) return -1;
    const length = this.lengthAt(at);
    this.index.delete(id);
    this.garbage += LENGTH_BYTES + length;
    return length;
  }

  /** XORs one byte of the record in place (fault injection). */
  flip(id: ConnectionId, byteIndex: number, xorMask: number): void {
    const at = this.index.get(id);
    if (!(at >= 0)) violated(`no record of connection ${id}`);
    if (!(byteIndex >= 0 && byteIndex < this.lengthAt(at)))
      violated(`byte ${byteIndex} is outside`);
    this.bytes[at + LENGTH_BYTES + byteIndex] ^= xorMask;
  }

  ids(): IterableIterator<ConnectionId> {
    return this.index.keys();
  }

  /**
   * The records in index order, in place: the log's buffer with each record's offset and
   * length. Valid, like a view from get(), until the next put or delete in this area.
   */
  batch(): RecordBatch {
    const starts = new Uint32Array(this.index.size);
    const lengths = new Uint32Array(this.index.size);
    let n = 0;
    this.index.forEach((_, at) => {
      starts[n] = at + LENGTH_BYTES;
      lengths[n++] = this.lengthAt(at);
    });
    return new RecordBatch(this.bytes, starts, lengths);
  }

  /**
   * Calls `visit` with each record in index order, as the buffer and the record's offset and
   * length in it — no view is made. The buffer must not be kept or changed.
   */
  forEach(visit: (id: ConnectionId, buffer: Uint8Array, at: number, length: number) => void): void {
    this.index.forEach((id, at) => visit(id, this.bytes, at + LENGTH_BYTES, this.lengthAt(at)));
  }

  /** Bytes the buffer holds for this area, garbage and free space included. */
  get capacity(): number {
    return this.bytes.length;
  }

  private view(at: number): Uint8Array {
    return this.bytes.subarray(at + LENGTH_BYTES, at + LENGTH_BYTES + this.lengthAt(at));
  }

  private lengthAt(at: number): number {
    const b = this.bytes;
    return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
  }

  /** Makes room for `need` more bytes: copies the live records into a buffer with space. */
  private reclaim(need: number): void {
    const live = this.end - this.garbage;
    // Half again as much as is live, so a table that keeps growing copies each byte a bounded
    // number of times, and one that churns reclaims its garbage before it doubles.
    const capacity = Math.max(INITIAL_CAPACITY, Math.ceil((live + need) * 1.5));
    const next = new Uint8Array(capacity);
    let to = 0;
    this.index.forEach((id, at) => {
      const span = LENGTH_BYTES + this.lengthAt(at);
      next.set(this.bytes.subarray(at, at + span), to);
      this.index.set(id, to); // replacing a key's value keeps its place in the order
      to += span;
    });
    if (!(to === live)) violated(`area log: ${to} live bytes copied, ${live} expected`);
    this.bytes = next;
    this.end = to;
    this.garbage = 0;
  }
}

function putLength(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value;
  bytes[at + 1] = value >>> 8;
  bytes[at + 2] = value >>> 16;
  bytes[at + 3] = value >>> 24;
}
