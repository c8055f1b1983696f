import { violated } from '../errors';
import { resized } from '../util/resized';
import { recordVersionOf } from './record';

/**
 * One area of the checkpoint server's memory: the latest record of each connection that has
 * one here, stored as bytes in one growing buffer and found by the connection's row (the
 * memory space gives each connection one row for all its areas, through one id index). A
 * record kept as its own Uint8Array costs an ArrayBuffer, a view and a backing store — about
 * 240 bytes of overhead for a 70-byte record — and leaves the garbage collector a million
 * long-lived objects to trace at 1 M connections; here a record costs its bytes and a 4-byte
 * length, and the area 4 bytes of offset a row up to its highest row (rounded up to a power of
 * two) and at least a byte of buffer a row, whether the row has a record here or not.
 *
 * Each record sits behind a u32 length of the server's own: the record states none (its CRC
 * tells a record cut short), and a fault that flips a record's bytes must not lose where it
 * ends.
 *
 * A replacement of the same length is written in place; any other is appended and the old
 * bytes become garbage, reclaimed when the buffer must grow and the garbage is more than an
 * eighth of the live bytes: live records are then copied into a new buffer. Where a record
 * lies says nothing of the order the space lists it in.
 */
const LENGTH_BYTES = 4;
const INITIAL_CAPACITY = 4096;
/** A row's offset when the row holds no record in this area. */
const NONE = 0xffff_ffff;

export class AreaLog {
  /** Offset of each row's record (its length prefix) in `bytes`, or NONE. */
  private offsets = new Uint32Array(0);
  private bytes = new Uint8Array(INITIAL_CAPACITY);
  /** Where the next appended record goes. */
  private end = 0;
  /** Bytes behind `end` that no row points to any more. */
  private garbage = 0;

  has(row: number): boolean {
    return row < this.offsets.length && this.offsets[row] !== NONE;
  }

  /** The record's length, or -1 when the row has none here. */
  lengthOf(row: number): number {
    return this.has(row) ? this.lengthAt(this.offsets[row]) : -1;
  }

  /** The stored record's header version (the stale-write check). The record must exist. */
  versionOf(row: number): number {
    if (!this.has(row)) violated(`no record in row ${row}`);
    return recordVersionOf(this.bytes, this.offsets[row] + LENGTH_BYTES);
  }

  /**
   * A view of the record's bytes, not a copy: valid until the next put or delete in this
   * area (a put may move records). Do not modify it.
   */
  get(row: number): Uint8Array | undefined {
    if (!this.has(row)) return undefined;
    const at = this.offsets[row] + LENGTH_BYTES;
    return this.bytes.subarray(at, at + this.lengthAt(at - LENGTH_BYTES));
  }

  /** Stores the record (a copy of it) as the row's, replacing any older one. */
  put(row: number, record: Uint8Array): void {
    if (!(Number.isInteger(row) && row >= 0)) violated(`row ${row}`);
    if (row >= this.offsets.length) this.growRows(row);
    const at = this.offsets[row];
    if (at !== NONE && this.lengthAt(at) === record.length) {
      this.bytes.set(record, at + LENGTH_BYTES);
      return;
    }
    const need = LENGTH_BYTES + record.length;
    if (this.end + need > this.bytes.length) this.reclaim(need); // may move the old record
    const old = this.offsets[row];
    if (old !== NONE) this.garbage += LENGTH_BYTES + this.lengthAt(old);
    const to = this.end;
    putLength(this.bytes, to, record.length);
    this.bytes.set(record, to + LENGTH_BYTES);
    this.end += need;
    this.offsets[row] = to;
  }

  /** Removes the row's record; returns its length, or -1 when there was none. */
  delete(row: number): number {
    if (!this.has(row)) return -1;
    const length = this.lengthAt(this.offsets[row]);
    this.offsets[row] = NONE;
    this.garbage += LENGTH_BYTES + length;
    return length;
  }

  /** XORs one byte of the record in place (fault injection). */
  flip(row: number, byteIndex: number, xorMask: number): void {
    if (!this.has(row)) violated(`no record in row ${row}`);
    const at = this.offsets[row];
    if (!(byteIndex >= 0 && byteIndex < this.lengthAt(at)))
      violated(`byte ${byteIndex} is outside`);
    this.bytes[at + LENGTH_BYTES + byteIndex] ^= xorMask;
  }

  /**
   * The buffer the records lie in, to read in place with startOf and lengthOf: valid, like a
   * view from get(), until the next put or delete in this area. Do not keep or change it.
   */
  get buffer(): Uint8Array {
    return this.bytes;
  }

  /** Where the row's record starts in `buffer`. The record must exist. */
  startOf(row: number): number {
    if (!this.has(row)) violated(`no record in row ${row}`);
    return this.offsets[row] + LENGTH_BYTES;
  }

  /** Bytes the buffer and the row offsets hold for this area, garbage and free space included. */
  get capacity(): number {
    return this.bytes.length + this.offsets.byteLength;
  }

  private lengthAt(at: number): number {
    const b = this.bytes;
    return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
  }

  /** Room for rows up to `row`: doubling, the new rows holding no record. */
  private growRows(row: number): void {
    const from = this.offsets.length;
    let rows = Math.max(64, from * 2);
    while (rows <= row) rows *= 2;
    this.offsets = resized(this.offsets, rows);
    this.offsets.fill(NONE, from);
  }

  /**
   * Makes room for `need` more bytes. With little garbage the buffer grows by an eighth: one
   * copy of it, every record keeping its offset. Otherwise the live records are compacted into
   * a buffer a quarter larger than they are. The room left over is memory held for every
   * connection (it was up to half of the live bytes when the buffer grew by half, a quarter of
   * what the server held at 100k connections); growing by an eighth copies each byte about
   * nine times as a table grows, a memcpy each time.
   */
  private reclaim(need: number): void {
    const live = this.end - this.garbage;
    // At least a byte a row: a compaction reads every row, and an area holding a few records
    // among a million rows would otherwise read them all every few writes.
    const floor = Math.max(INITIAL_CAPACITY, this.offsets.length);
    if (this.garbage * 8 <= live) {
      const next = new Uint8Array(Math.max(floor, Math.ceil((this.end + need) * 1.125)));
      next.set(this.bytes.subarray(0, this.end));
      this.bytes = next;
      return;
    }
    const next = new Uint8Array(Math.max(floor, Math.ceil((live + need) * 1.25)));
    let to = 0;
    for (let row = 0; row < this.offsets.length; row++) {
      const at = this.offsets[row];
      if (at === NONE) continue;
      const span = LENGTH_BYTES + this.lengthAt(at);
      next.set(this.bytes.subarray(at, at + span), to);
      this.offsets[row] = to;
      to += span;
    }
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
