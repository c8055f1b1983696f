import { RecordBatch } from './record-batch';
import type { ConnectionId } from '../firewall/connection-id';
import { MemorySpace, type AreaUsage } from './memory-space';
import { BASE_AREA, readRecordHeader, type RecordHeader } from './record';

/**
 * The checkpoint server (the patent's FIG. 5A/5B): a separate store that outlives firewall
 * crashes, holding each connection's pieces as encoded records in one area per module. It
 * answers the firewall's writes and deletes and the recovery's queries and fetches, and
 * charges each a simulated cost so strategies can be compared: a message costs
 * `writeLatencyUs + ceil(bytes / bytesPerUs)` µs — per record, for writes and reads alike.
 *
 * It stores only bytes (no live objects ever) and does not check CRCs: like a disk, it files
 * what it is given; recovery verifies each record as it decodes it.
 */
export interface CheckpointServerConfig {
  readonly maxRecords: number;
  readonly maxBytes: number;
  /** Fixed cost of one message (a write, a delete, one record read), integer µs. */
  readonly writeLatencyUs: number;
  /** Transfer speed in bytes per µs, an integer; 0 makes transfer free. */
  readonly bytesPerUs: number;
}

export type PutOutcome = 'stored' | 'stale' | 'full' | 'malformed';

export interface PutResult {
  readonly outcome: PutOutcome;
  readonly costUs: number;
}

export interface DeleteResult {
  /** Records removed across all areas. */
  readonly removed: number;
  readonly costUs: number;
}

export interface FetchResult {
  /**
   * The stored records in the space's order (their connections' first records), in place (one
   * connection's record: a copy): valid until the server's next write or delete. Do not
   * modify them.
   */
  readonly records: RecordBatch;
  readonly costUs: number;
}

export interface SnapshotRead {
  readonly bytes: Uint8Array | undefined;
  readonly costUs: number;
}

export interface CheckpointCounters {
  /** put() and putSnapshot() calls, whatever their outcome, and their bytes. */
  writes: number;
  bytesWritten: number;
  stored: number;
  refusedFull: number;
  refusedStale: number;
  refusedMalformed: number;
  /** deleteConnection() calls, and the records they removed. */
  deletes: number;
  recordsDeleted: number;
  /** Records (and snapshots) returned to recovery, and their bytes. */
  reads: number;
  bytesRead: number;
  /** Simulated time the server spent on all of the above. */
  busyUs: number;
}

/** The whole-table snapshot's blob name (the `snapshot` strategy's single slot). */
export const SNAPSHOT_BLOB = 'snapshot';

export class CheckpointServer {
  readonly space: MemorySpace;
  private readonly counters: CheckpointCounters = {
    writes: 0,
    bytesWritten: 0,
    stored: 0,
    refusedFull: 0,
    refusedStale: 0,
    refusedMalformed: 0,
    deletes: 0,
    recordsDeleted: 0,
    reads: 0,
    bytesRead: 0,
    busyUs: 0,
  };
  // Scratch objects reused by every put/delete, so the write path allocates nothing: the
  // memory space copies the record's bytes into its own buffer. The results returned are these very objects.
  private readonly header: RecordHeader = { area: 0, connectionId: 0, version: 0 };
  private readonly putResult: { outcome: PutOutcome; costUs: number } = {
    outcome: 'stored',
    costUs: 0,
  };
  private readonly deleteResult = { removed: 0, costUs: 0 };

  constructor(
    areaNames: readonly string[],
    readonly config: CheckpointServerConfig,
  ) {
    for (const key of ['writeLatencyUs', 'bytesPerUs'] as const) {
      const value = config[key];
      if (!(Number.isSafeInteger(value) && value >= 0)) {
        throw new RangeError(`${key} must be a non-negative integer, got ${value}`);
      }
    }
    this.space = new MemorySpace(areaNames, config);
  }

  /** Simulated cost of moving one message of `bytes` bytes to or from the server. */
  messageCostUs(bytes: number): number {
    const { writeLatencyUs, bytesPerUs } = this.config;
    return bytesPerUs === 0 ? writeLatencyUs : writeLatencyUs + Math.ceil(bytes / bytesPerUs);
  }

  /**
   * Files a record under the area, connection id and version its header names. A refused
   * record costs as much as a stored one: it was sent all the same. The returned object is
   * reused by the next put — read it at once, or copy its fields.
   */
  put(record: Uint8Array): PutResult {
    const costUs = this.chargeWrite(record.length);
    const result = this.putResult;
    result.costUs = costUs;
    const header = readRecordHeader(record, this.header);
    if (header === null) {
      this.counters.refusedMalformed++;
      result.outcome = 'malformed';
    } else if (header.area >= this.space.areaCount) {
      // A well-formed record for an area this server was not configured with.
      this.counters.refusedMalformed++;
      result.outcome = 'malformed';
    } else {
      result.outcome = this.space.write(header.area, header.connectionId, header.version, record);
      this.count(result.outcome);
    }
    return result;
  }

  /**
   * Removes every record of the connection (it ended). One message without payload. The
   * returned object is reused by the next delete.
   */
  deleteConnection(id: ConnectionId): DeleteResult {
    const removed = this.space.deleteConnection(id);
    const costUs = this.messageCostUs(0);
    this.counters.deletes++;
    this.counters.recordsDeleted += removed;
    this.counters.busyUs += costUs;
    const result = this.deleteResult;
    result.removed = removed;
    result.costUs = costUs;
    return result;
  }

  /** Recovery's first question (act 902): is there anything to recover? Answered for free. */
  hasData(): boolean {
    return this.space.recordCount > 0 || this.space.blobCount > 0;
  }

  /** The base layer's records: one per connection to reassemble (act 1002). */
  listBase(): FetchResult {
    return this.fetchArea(BASE_AREA);
  }

  /** Every record of an area, or only the given connection's (zero or one record). */
  fetchArea(area: number | string, id?: ConnectionId): FetchResult {
    const areaId = typeof area === 'string' ? this.space.areaId(area) : area;
    let records: RecordBatch;
    if (id === undefined) records = this.space.batch(areaId);
    else {
      const record = this.space.get(areaId, id);
      records = record === undefined ? RecordBatch.EMPTY : RecordBatch.of([record]);
    }
    let costUs = 0;
    for (let i = 0; i < records.count; i++) costUs += this.chargeRead(records.lengths[i]);
    return { records, costUs };
  }

  /** Replaces the whole-table snapshot ('full' if it does not fit; the old one then stays). */
  putSnapshot(bytes: Uint8Array): PutResult {
    const costUs = this.chargeWrite(bytes.length);
    const outcome = this.space.putBlob(SNAPSHOT_BLOB, bytes);
    this.count(outcome);
    const result = this.putResult;
    result.outcome = outcome;
    result.costUs = costUs;
    return result;
  }

  /** The latest snapshot, if any; reading it costs one message of its size. */
  snapshot(): SnapshotRead {
    const bytes = this.space.blob(SNAPSHOT_BLOB);
    return { bytes, costUs: bytes === undefined ? 0 : this.chargeRead(bytes.length) };
  }

  areaUsage(): AreaUsage[] {
    return this.space.usage();
  }

  /** The live counters (they keep counting; spread them to keep a copy). */
  get stats(): Readonly<CheckpointCounters> {
    return this.counters;
  }

  private chargeWrite(bytes: number): number {
    const costUs = this.messageCostUs(bytes);
    this.counters.writes++;
    this.counters.bytesWritten += bytes;
    this.counters.busyUs += costUs;
    return costUs;
  }

  private chargeRead(bytes: number): number {
    const costUs = this.messageCostUs(bytes);
    this.counters.reads++;
    this.counters.bytesRead += bytes;
    this.counters.busyUs += costUs;
    return costUs;
  }

  private count(outcome: 'stored' | 'stale' | 'full'): void {
    if (outcome === 'stored') this.counters.stored++;
    else if (outcome === 'stale') this.counters.refusedStale++;
    else this.counters.refusedFull++;
  }
}
