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
 * Column-wise, like the firewall's memory view: it is taken about ten times a second.
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
    // Keys and records side by side (entries() would build a pair per record).
    const keys = space.ids(area);
    let i = 0;
    for (const record of space.records(area)) {
      const key = keys.next().value as number;
      const read = readRecordHeader(record, header);
      ids[i] = read?.connectionId ?? key; // an unreadable header: the key it was filed under
      versions[i] = read?.version ?? 0;
      sizes[i] = record.length;
      i++;
    }
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
  for (const record of server.space.records(BASE_AREA)) {
    const base = decodeBasePayload(record);
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
  }
  return bases;
}

/**
 * What a base record says, decoded once per record: a filed record is never changed (a new
 * version is a new record), so its decoding can be kept as long as the record lives. Decoding
 * every base record afresh cost ~8 ms per look at 12,000 connections; this makes a look
 * a lookup. Only fault injection (MemorySpace.corrupt) changes bytes in place, and it is
 * done to records before anything reads them.
 */
const decodedBases = new WeakMap<Uint8Array, SavedBase | null>();

function decodeBasePayload(record: Uint8Array): SavedBase | null {
  let base = decodedBases.get(record);
  if (base === undefined) {
    base = decodeUncached(record);
    decodedBases.set(record, base);
  }
  return base;
}

function decodeUncached(record: Uint8Array): SavedBase | null {
  if (readRecordHeader(record, header) === null) return null;
  try {
    return decodeBase(record.subarray(RECORD_HEADER_BYTES));
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
