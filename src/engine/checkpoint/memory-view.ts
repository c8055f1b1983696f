import { decodeBase, type SavedBase } from '../firewall/base-codec';
import { formatConnectionId } from '../firewall/connection-id';
import { connectionNumber } from '../firewall/memory-view';
import type { CheckpointServer } from './checkpoint-server';
import { BASE_AREA, RECORD_HEADER_BYTES, readRecordHeader, type RecordHeader } from './record';

/**
 * The checkpoint server's memory space as a person looks at it (FIG. 5A): each area's records,
 * each tagged with the connection id, record version and size its own header bytes give — read
 * from the bytes the server holds, never from the firewall, so the view is the same while the
 * firewall is down. A connection's readable id also needs its 5-tuple, which only its base
 * record carries: the base records' payloads are decoded for it (and for the master id).
 *
 * Column-wise, like the firewall's memory view: it is taken up to ten times a second.
 * Reading it changes nothing (the header scratch object is this module's own).
 */
export interface CheckpointAreaMemory {
  readonly name: string;
  readonly count: number;
  readonly bytes: number;
  /** Per record, in the server's order: the connection id from its header. */
  readonly ids: Float64Array;
  /** Record version from its header; 0 when the header is not well formed. */
  readonly versions: Uint32Array;
  /** Record size in bytes, header included. */
  readonly sizes: Uint32Array;
}

/** What the base records' payloads say, aligned with the base area's records. */
export interface BaseColumns {
  /** 1 when the payload decoded; the other columns are 0 otherwise. */
  readonly readable: Uint8Array;
  readonly proto: Uint8Array;
  readonly src: Uint32Array;
  readonly dst: Uint32Array;
  readonly sport: Uint16Array;
  readonly dport: Uint16Array;
  /** The master connection's id, -1 for none. */
  readonly masters: Float64Array;
}

export interface CheckpointMemory {
  readonly areas: readonly CheckpointAreaMemory[];
  readonly bases: BaseColumns;
  readonly records: number;
  readonly bytes: number;
  /** Whole-table snapshots (the snapshot strategy keeps the table as one blob, not records). */
  readonly blobs: number;
  readonly blobBytes: number;
}

const header: RecordHeader = { area: 0, connectionId: 0, version: 0 };

export function readCheckpointMemory(server: CheckpointServer): CheckpointMemory {
  const space = server.space;
  const areas: CheckpointAreaMemory[] = [];
  for (let area = 0; area < space.areaCount; area++) {
    const n = space.recordsIn(area);
    const ids = new Float64Array(n);
    const versions = new Uint32Array(n);
    const sizes = new Uint32Array(n);
    let i = 0;
    // In place: a view (or a pair) per record would be 300,000 objects a look at 100k.
    space.forEachRecord(area, (key, buffer, at, length) => {
      const read = readRecordHeader(buffer, header, at, length);
      ids[i] = read?.connectionId ?? key; // an unreadable header: the key it was filed under
      versions[i] = read?.version ?? 0;
      sizes[i] = length;
      i++;
    });
    areas.push({
      name: space.areaNames[area],
      count: n,
      bytes: space.bytesIn(area),
      ids,
      versions,
      sizes,
    });
  }
  return {
    areas,
    bases: readBases(server),
    records: space.recordCount,
    bytes: space.recordBytes,
    blobs: space.blobCount,
    blobBytes: space.blobBytes,
  };
}

/**
 * The base records' payloads, decoded where they lie. Records change in place (a new version
 * of the same size overwrites the old), so nothing decoded is kept from one look to the next.
 */
function readBases(server: CheckpointServer): BaseColumns {
  const n = server.space.recordsIn(BASE_AREA);
  const bases = {
    readable: new Uint8Array(n),
    proto: new Uint8Array(n),
    src: new Uint32Array(n),
    dst: new Uint32Array(n),
    sport: new Uint16Array(n),
    dport: new Uint16Array(n),
    masters: new Float64Array(n).fill(-1),
  };
  let i = 0;
  server.space.forEachRecord(BASE_AREA, (_, buffer, at, length) => {
    const base = decodeInPlace(buffer, at, length);
    if (base !== null) {
      bases.readable[i] = 1;
      bases.proto[i] = base.proto;
      bases.src[i] = base.src;
      bases.dst[i] = base.dst;
      bases.sport[i] = base.sport;
      bases.dport[i] = base.dport;
      bases.masters[i] = base.masterId;
    }
    i++;
  });
  return bases;
}

function decodeInPlace(buffer: Uint8Array, at: number, length: number): SavedBase | null {
  if (readRecordHeader(buffer, header, at, length) === null) return null;
  try {
    // The payload runs to the record's end, which is not the buffer's: a view bounds it.
    return decodeBase(buffer.subarray(at, at + length), RECORD_HEADER_BYTES);
  } catch {
    return null; // a damaged payload: its connection is named by number only
  }
}

/**
 * The connection's readable id as its base record tells it, or its number alone when the
 * server holds no readable base record for it. `index` is the base record's position (see
 * baseIndex), or -1.
 */
export function checkpointConnectionLabel(
  memory: CheckpointMemory,
  id: number,
  index: number,
): string {
  const b = memory.bases;
  if (index < 0 || b.readable[index] === 0) return connectionNumber(id);
  return formatConnectionId(
    id,
    b.proto[index],
    b.src[index],
    b.sport[index],
    b.dst[index],
    b.dport[index],
  );
}

/** Position of each connection's base record, by connection id. */
export function baseIndex(memory: CheckpointMemory): Map<number, number> {
  const ids = memory.areas[BASE_AREA]?.ids ?? new Float64Array(0);
  const index = new Map<number, number>();
  for (let i = 0; i < ids.length; i++) index.set(ids[i], i);
  return index;
}
