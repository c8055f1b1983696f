import { baseMasterOf, decodeBase, type SavedBase } from '../firewall/base-codec';
import { formatConnectionId, type ConnectionId } from '../firewall/connection-id';
import { connectionNumber } from '../firewall/memory-view';
import type { CheckpointServer } from './checkpoint-server';
import { BASE_AREA, RECORD_HEADER_BYTES, readRecordHeader, type RecordHeader } from './record';

/**
 * The checkpoint server's memory space as a person looks at it (FIG. 5A): each area's totals
 * and a few of its records, each tagged with the connection id, record version and size its
 * own header bytes give — read from the bytes the server holds, never from the firewall, so
 * the view is the same while the firewall is down. A connection's readable id also needs its
 * 5-tuple, which only its base record carries: the listed records' base records are decoded.
 *
 * Bounded: the server may hold 300k records and the page lists a handful per area, ten times
 * a second. A look reads the listed records where they lie; only a selection makes it scan
 * the base area (for the connections whose master is the selected one). Reading changes
 * nothing (the header scratch object is this module's own).
 */
export interface CheckpointMemoryRequest {
  /** The selected connection: its records and its related connections' are listed first. */
  readonly selected: ConnectionId | null;
  /** Records to list per area, by area name; RECORDS_LISTED for an area not named. */
  readonly limits?: Readonly<Record<string, number>>;
}

export const RECORDS_LISTED = 6;
/** Records an area lists at most, and related connections a selection pins at most. */
export const MAX_RECORDS_LISTED = 2_000;
export const MAX_RELATED_LISTED = 64;

export interface CheckpointRecordEntry {
  readonly id: ConnectionId;
  /** The connection's readable id as its base record names it, or "#7" without a readable one. */
  readonly connection: string;
  /** Record version from its header; 0 when the header is not well formed. */
  readonly version: number;
  /** Record size in bytes, header included. */
  readonly size: number;
  readonly selected: boolean;
  /** The selected connection's master, or a connection whose master is the selected one. */
  readonly related: boolean;
}

export interface CheckpointAreaMemory {
  readonly name: string;
  readonly count: number;
  readonly bytes: number;
  /** The selected and related connections' records first, then others in the server's order. */
  readonly listed: readonly CheckpointRecordEntry[];
}

export interface CheckpointTotals {
  readonly records: number;
  readonly bytes: number;
  /** Whole-table snapshots (the snapshot strategy keeps the table as one blob, not records). */
  readonly blobs: number;
  readonly blobBytes: number;
}

export interface CheckpointMemory extends CheckpointTotals {
  readonly areas: readonly CheckpointAreaMemory[];
}

const header: RecordHeader = { area: 0, connectionId: 0, version: 0 };

export function checkpointTotals(server: CheckpointServer): CheckpointTotals {
  const space = server.space;
  return {
    records: space.recordCount,
    bytes: space.recordBytes,
    blobs: space.blobCount,
    blobBytes: space.blobBytes,
  };
}

export function readCheckpointMemory(
  server: CheckpointServer,
  request: CheckpointMemoryRequest = { selected: null },
): CheckpointMemory {
  const space = server.space;
  const related = relatedTo(server, request.selected);
  const pinned = request.selected === null ? [] : [request.selected, ...related];
  const areas: CheckpointAreaMemory[] = [];
  for (let area = 0; area < space.areaCount; area++) {
    const name = space.areaNames[area];
    const limit = Math.min(request.limits?.[name] ?? RECORDS_LISTED, MAX_RECORDS_LISTED);
    const listed: CheckpointRecordEntry[] = [];
    const entry = (id: ConnectionId) => {
      const record = recordEntry(server, area, id);
      return { ...record, selected: id === request.selected, related: related.has(id) };
    };
    for (const id of pinned) if (space.has(area, id)) listed.push(entry(id));
    let others = 0;
    // Enough ids for `limit` others, even when the pinned ones are among the first.
    for (const id of space.ids(area, limit + pinned.length)) {
      if (others >= limit) break;
      if (id === request.selected || related.has(id)) continue;
      listed.push(entry(id));
      others++;
    }
    areas.push({ name, count: space.recordsIn(area), bytes: space.bytesIn(area), listed });
  }
  return { areas, ...checkpointTotals(server) };
}

function recordEntry(server: CheckpointServer, area: number, id: ConnectionId) {
  const record = server.space.get(area, id) ?? new Uint8Array(0);
  const read = readRecordHeader(record, header, 0, record.length);
  return {
    id,
    connection: connectionLabel(id, baseOf(server, id)),
    version: read?.version ?? 0,
    size: record.length,
  };
}

/**
 * The connections related to the selected one as the base records on the server tell them:
 * its master, and those whose master it is (at most MAX_RELATED_LISTED of these).
 */
function relatedTo(server: CheckpointServer, selected: ConnectionId | null): Set<ConnectionId> {
  const related = new Set<ConnectionId>();
  if (selected === null) return related;
  const own = baseOf(server, selected);
  if (own !== null && own.masterId >= 0) related.add(own.masterId);
  let dependents = 0;
  server.space.forEachRecord(BASE_AREA, (id, buffer, at, length) => {
    if (dependents >= MAX_RELATED_LISTED) return;
    if (masterOf(buffer, at, length) !== selected) return;
    related.add(id);
    dependents++;
  });
  return related;
}

/** The master id a base record names, -1 for none or when the record does not read. */
function masterOf(buffer: Uint8Array, at: number, length: number): number {
  if (readRecordHeader(buffer, header, at, length) === null) return -1;
  try {
    return baseMasterOf(buffer, at + RECORD_HEADER_BYTES, at + length);
  } catch {
    return -1;
  }
}

function baseOf(server: CheckpointServer, id: ConnectionId): SavedBase | null {
  const record = server.space.get(BASE_AREA, id);
  return record === undefined ? null : decodeInPlace(record, 0, record.length);
}

function decodeInPlace(buffer: Uint8Array, at: number, length: number): SavedBase | null {
  if (readRecordHeader(buffer, header, at, length) === null) return null;
  try {
    return decodeBase(buffer, at + RECORD_HEADER_BYTES, at + length);
  } catch {
    return null; // a damaged payload: its connection is named by number only
  }
}

/** The readable id a base record gives, or the number alone without a readable one. */
function connectionLabel(id: ConnectionId, base: SavedBase | null): string {
  if (base === null) return connectionNumber(id);
  return formatConnectionId(id, base.proto, base.src, base.sport, base.dst, base.dport);
}
