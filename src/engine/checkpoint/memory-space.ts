import { violated } from '../errors';
import type { ConnectionId } from '../firewall/connection-id';
import { resized } from '../util/resized';
import { AreaLog } from './area-log';
import { IdIndex } from './id-index';
import { RecordBatch } from './record-batch';
import { RECORD_HEADER_BYTES, MAX_AREA_ID, recordVersionOf } from './record';

/**
 * The checkpoint server's memory space (the patent's FIG. 5A): one area per firewall module
 * (area 0 the base layer), each mapping a connection id to that connection's latest record.
 * It holds bytes and nothing else, so nothing of the firewall's object graph can survive a
 * crash through it.
 *
 * Bounded by a record count and a byte count; a write that does not fit is refused and says
 * so ('full'): a checkpoint store that dropped or evicted records silently would make
 * recovery restore a table with holes nobody knows about. A write whose version is not newer
 * than the stored one is refused as 'stale', so a late, older write never wins (pfsync does
 * the same with its state updates).
 *
 * Each area is an AreaLog: records are bytes in one buffer per area, not objects of their own.
 * A connection has one row for all its areas, found through one id index: an index per area
 * cost 26 bytes a connection each. Every area lists its records in the order their
 * connections got their rows (their first record in any area; a replaced record keeps its
 * place, a deleted connection leaves it), so the same writes always list the same way.
 */
export type WriteOutcome = 'stored' | 'stale' | 'full';

export interface MemoryLimits {
  /** Records across all areas (blobs are not records). */
  readonly maxRecords: number;
  /** Bytes of records and blobs together. */
  readonly maxBytes: number;
}

export interface AreaUsage {
  readonly area: number;
  readonly name: string;
  readonly records: number;
  readonly bytes: number;
}

export class MemorySpace {
  readonly areaNames: readonly string[];
  private readonly areas: AreaLog[];
  /** Each stored connection's row in every area log. */
  private readonly rows = new IdIndex();
  /** Rows given back by deleted connections, taken again before new ones. */
  private freeRows = new Int32Array(64);
  private freeCount = 0;
  private rowsMade = 0;
  private readonly areaRecords: number[];
  private readonly areaBytes: number[];
  private readonly blobs = new Map<string, Uint8Array>();
  private totalRecords = 0;
  private totalRecordBytes = 0;
  private totalBlobBytes = 0;

  constructor(
    areaNames: readonly string[],
    readonly limits: MemoryLimits,
  ) {
    if (areaNames.length === 0 || areaNames.length > MAX_AREA_ID + 1) {
      throw new RangeError(
        `a memory space has 1 to ${MAX_AREA_ID + 1} areas, got ${areaNames.length}`,
      );
    }
    if (new Set(areaNames).size !== areaNames.length || areaNames.some((name) => name === '')) {
      throw new RangeError(`area names must be distinct and non-empty: ${areaNames.join(', ')}`);
    }
    for (const key of ['maxRecords', 'maxBytes'] as const) {
      const value = limits[key];
      if (!(Number.isSafeInteger(value) && value >= 0)) {
        throw new RangeError(`${key} must be a non-negative integer, got ${value}`);
      }
    }
    this.areaNames = [...areaNames];
    this.areas = areaNames.map(() => new AreaLog());
    this.areaRecords = areaNames.map(() => 0);
    this.areaBytes = areaNames.map(() => 0);
  }

  get areaCount(): number {
    return this.areaNames.length;
  }

  /** The area's number for a name; throws RangeError for an unknown name. */
  areaId(name: string): number {
    const area = this.areaNames.indexOf(name);
    if (area < 0) throw new RangeError(`no area named "${name}" (${this.areaNames.join(', ')})`);
    return area;
  }

  /**
   * Files a record under (area, id). `version` is the record's header version; the stored
   * record's version is read back from its own bytes, because the space keeps nothing beside
   * the bytes. The record is copied: the caller may reuse its array at once.
   */
  write(area: number, id: ConnectionId, version: number, record: Uint8Array): WriteOutcome {
    const log = this.areaLog(area);
    if (record.length < RECORD_HEADER_BYTES || recordVersionOf(record) !== version) {
      throw new RangeError(
        `write of (${this.areaNames[area]}, ${id}): not a record of version ${version}`,
      );
    }
    let row = this.rows.get(id);
    const oldLength = row < 0 ? -1 : log.lengthOf(row);
    if (oldLength < 0) {
      if (
        this.totalRecords + 1 > this.limits.maxRecords ||
        this.bytes + record.length > this.limits.maxBytes
      ) {
        return 'full';
      }
      this.totalRecords++;
      this.areaRecords[area]++;
    } else {
      if (version <= log.versionOf(row)) return 'stale';
      if (this.bytes - oldLength + record.length > this.limits.maxBytes) return 'full';
    }
    if (row < 0) row = this.newRow(id);
    log.put(row, record);
    const delta = record.length - Math.max(oldLength, 0);
    this.totalRecordBytes += delta;
    this.areaBytes[area] += delta;
    return 'stored';
  }

  /** A view of the stored record, valid until the next write or delete. Do not modify it. */
  get(area: number, id: ConnectionId): Uint8Array | undefined {
    const log = this.areaLog(area);
    const row = this.rows.get(id);
    return row < 0 ? undefined : log.get(row);
  }

  has(area: number, id: ConnectionId): boolean {
    const log = this.areaLog(area);
    const row = this.rows.get(id);
    return row >= 0 && log.has(row);
  }

  /**
   * The first `limit` connection ids in the area (all by default), in the space's order. The
   * page lists the first records of every area: it asks for a few.
   */
  ids(area: number, limit = Infinity): ConnectionId[] {
    const ids: ConnectionId[] = [];
    if (limit > 0) this.forEachRow(area, (id) => ids.push(id) < limit);
    return ids;
  }

  /**
   * The area's records in the space's order, in place: the log's buffer with each record's
   * offset and length. Valid, like a view from get(), until the next write or delete.
   */
  batch(area: number): RecordBatch {
    const log = this.areaLog(area);
    const count = this.areaRecords[area];
    const starts = new Uint32Array(count);
    const lengths = new Uint32Array(count);
    let n = 0;
    this.forEachRow(area, (_, row) => {
      starts[n] = log.startOf(row);
      lengths[n++] = log.lengthOf(row);
    });
    if (!(n === count)) violated(`area ${area}: ${n} records listed, ${count} counted`);
    return new RecordBatch(log.buffer, starts, lengths);
  }

  /**
   * Calls `visit` with each record of the area in the space's order, as the buffer and the
   * record's offset and length in it — no view is made (for views of a large table). The
   * buffer must not be kept or changed.
   */
  forEachRecord(
    area: number,
    visit: (id: ConnectionId, buffer: Uint8Array, at: number, length: number) => void,
  ): void {
    const log = this.areaLog(area);
    this.forEachRow(area, (id, row) => {
      visit(id, log.buffer, log.startOf(row), log.lengthOf(row));
    });
  }

  /**
   * Each connection with a record in the area and its row, in the space's order, until
   * `visit` returns false. Read by index position, not looked up by id, and only until the
   * area's last record: an empty area reads no row (a recovery fetches every area, most of them
   * empty, and the page lists every area's first records on each refresh).
   */
  private forEachRow(area: number, visit: (id: ConnectionId, row: number) => boolean | void): void {
    const log = this.areaLog(area);
    let left = this.areaRecords[area];
    for (let e = 0; left > 0 && e < this.rows.positions; e++) {
      const row = this.rows.valueAt(e);
      if (row === undefined || !log.has(row)) continue;
      left--;
      if (visit(this.rows.idAt(e), row) === false) return;
    }
  }

  /** Removes the connection's record from every area; returns how many there were. */
  deleteConnection(id: ConnectionId): number {
    const row = this.rows.get(id);
    if (row < 0) return 0;
    this.rows.delete(id);
    if (this.freeCount === this.freeRows.length) {
      this.freeRows = resized(this.freeRows, this.freeRows.length * 2);
    }
    this.freeRows[this.freeCount++] = row;
    let removed = 0;
    for (let area = 0; area < this.areas.length; area++) {
      const length = this.areas[area].delete(row);
      if (length < 0) continue;
      this.areaRecords[area]--;
      this.areaBytes[area] -= length;
      this.totalRecords--;
      this.totalRecordBytes -= length;
      removed++;
    }
    return removed;
  }

  recordsIn(area: number): number {
    this.areaLog(area);
    return this.areaRecords[area];
  }

  bytesIn(area: number): number {
    this.areaLog(area);
    return this.areaBytes[area];
  }

  usage(): AreaUsage[] {
    return this.areaNames.map((name, area) => ({
      area,
      name,
      records: this.areaRecords[area],
      bytes: this.areaBytes[area],
    }));
  }

  /** Records in all areas. */
  get recordCount(): number {
    return this.totalRecords;
  }

  get recordBytes(): number {
    return this.totalRecordBytes;
  }

  get blobBytes(): number {
    return this.totalBlobBytes;
  }

  /** Everything held: records and blobs, the quantity maxBytes bounds. */
  get bytes(): number {
    return this.totalRecordBytes + this.totalBlobBytes;
  }

  /**
   * Stores (or replaces) a named blob, e.g. a whole-table snapshot. Never refused as stale.
   * Unlike a record it is copied when it is a view into a larger buffer (a snapshot is likely
   * built in a reused writer, and is written rarely enough for the check to be free).
   */
  putBlob(name: string, bytes: Uint8Array): 'stored' | 'full' {
    const old = this.blobs.get(name);
    const delta = bytes.length - (old === undefined ? 0 : old.length);
    if (this.bytes + delta > this.limits.maxBytes) return 'full';
    this.blobs.set(name, owned(bytes));
    this.totalBlobBytes += delta;
    return 'stored';
  }

  blob(name: string): Uint8Array | undefined {
    return this.blobs.get(name);
  }

  deleteBlob(name: string): boolean {
    const old = this.blobs.get(name);
    if (old === undefined) return false;
    this.blobs.delete(name);
    this.totalBlobBytes -= old.length;
    return true;
  }

  get blobCount(): number {
    return this.blobs.size;
  }

  /**
   * Fault injection: XORs one byte of a stored record in place (a bit flip in the server's
   * memory). Throws RangeError if there is no such record or byte — a test's mistake.
   */
  corrupt(area: number, id: ConnectionId, byteIndex: number, xorMask: number): void {
    const log = this.areaLog(area);
    const row = this.rows.get(id);
    const length = row < 0 ? -1 : log.lengthOf(row);
    if (length < 0) {
      throw new RangeError(`no record of connection ${id} in area ${this.areaNames[area]}`);
    }
    checkFlip(length, byteIndex, xorMask, `record of connection ${id}`);
    log.flip(row, byteIndex, xorMask);
  }

  /** Fault injection on a blob, as corrupt() does on a record. */
  corruptBlob(name: string, byteIndex: number, xorMask: number): void {
    const blob = this.blobs.get(name);
    if (blob === undefined) throw new RangeError(`no blob named "${name}"`);
    flip(blob, byteIndex, xorMask, `blob "${name}"`);
  }

  /** A row for a connection storing its first record: a freed one, else the next new one. */
  private newRow(id: ConnectionId): number {
    const row = this.freeCount > 0 ? this.freeRows[--this.freeCount] : this.rowsMade++;
    this.rows.set(id, row);
    return row;
  }

  private areaLog(area: number): AreaLog {
    const log = this.areas[area];
    if (log === undefined) {
      throw new RangeError(`no area ${area} (this space has ${this.areas.length})`);
    }
    return log;
  }
}

/** The bytes to keep: the record itself, or a copy when it shares a buffer with others. */
function owned(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? bytes
    : bytes.slice();
}

function flip(bytes: Uint8Array, byteIndex: number, xorMask: number, what: string): void {
  checkFlip(bytes.length, byteIndex, xorMask, what);
  bytes[byteIndex] ^= xorMask;
}

function checkFlip(length: number, byteIndex: number, xorMask: number, what: string): void {
  if (!(Number.isInteger(byteIndex) && byteIndex >= 0 && byteIndex < length)) {
    throw new RangeError(`byte ${byteIndex} is outside the ${length}-byte ${what}`);
  }
  if (!(Number.isInteger(xorMask) && xorMask >= 1 && xorMask <= 0xff)) {
    throw new RangeError(`xor mask must be an integer from 1 to 255, got ${xorMask}`);
  }
}
