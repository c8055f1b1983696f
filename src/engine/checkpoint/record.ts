import type { ConnectionId } from '../firewall/connection-id';
import { crc32 } from '../util/crc32';

/**
 * The checkpoint record: the unit the firewall writes to the checkpoint server and the only
 * thing recovery may read back. A 16-byte header, then the module's own payload bytes.
 *
 *   [0]      u8   format version (2) in the high four bits, area id in the low four:
 *                 0 = base layer, 1.. = modules (at most 15)
 *   [1..7]   u56  connection id (an integer below 2^53, so byte 7 is below 0x20)
 *   [8..11]  u32  record version, monotonic per (connection, area), from 1
 *   [12..15] u32  CRC-32 over bytes 0..11, then the payload
 *
 * All little-endian. The payload is the rest of the record: the server keeps each record's
 * length beside it. The CRC covers the header too, so a flipped bit in the id or the version
 * is caught, not just one in the payload, and so is a record cut short or run on: recovery
 * must never attach a part to the wrong connection or take an old part for a new one.
 *
 * Format 1 had a 24-byte header (a byte each for format and area, two reserved, the id in two
 * words, a payload length): 24 bytes a connection more in the server, three records a
 * connection, for what the CRC checks already.
 */
export const RECORD_FORMAT_VERSION = 2;
export const RECORD_HEADER_BYTES = 16;
/** Bytes the CRC covers before the payload: the header up to the CRC itself. */
const CRC_AT = 12;
export const BASE_AREA = 0;
export const MAX_AREA_ID = 15;
export const MAX_RECORD_VERSION = 0xffff_ffff;

const WORD = 0x1_0000_0000;
/** The bits of an id above its low word: below 2^21 for an id below 2^53. */
const MAX_ID_HIGH_BITS = 2 ** 21 - 1;

export interface RecordHeader {
  area: number;
  connectionId: ConnectionId;
  version: number;
}

export type RecordDecoding =
  | {
      ok: true;
      area: number;
      connectionId: ConnectionId;
      version: number;
      /** A view into the record's own bytes, not a copy. */
      payload: Uint8Array;
    }
  | { ok: false; error: string };

/** Builds a record. Throws RangeError on arguments no record could hold (a caller's bug). */
export function encodeRecord(
  area: number,
  connectionId: ConnectionId,
  version: number,
  payload: Uint8Array,
): Uint8Array {
  const out = new Uint8Array(RECORD_HEADER_BYTES + payload.length);
  out.set(payload, RECORD_HEADER_BYTES);
  sealRecord(out, area, connectionId, version);
  return out;
}

/**
 * Makes `bytes` a record: the payload already sits after RECORD_HEADER_BYTES bytes left for
 * the header, which this writes, checksum included. The firewall encodes each part this way
 * in one reused buffer: a new array per write, and the payload copied into it, were a fifth
 * of opening a connection with unique-id. Throws RangeError as encodeRecord does.
 */
export function sealRecord(
  bytes: Uint8Array,
  area: number,
  connectionId: ConnectionId,
  version: number,
): void {
  if (!(Number.isInteger(area) && area >= 0 && area <= MAX_AREA_ID)) {
    throw new RangeError(`record area must be an integer from 0 to ${MAX_AREA_ID}, got ${area}`);
  }
  if (!(Number.isSafeInteger(connectionId) && connectionId >= 0)) {
    throw new RangeError(
      `connection id must be an integer from 0 to 2^53-1, got ${String(connectionId)}`,
    );
  }
  if (!(Number.isInteger(version) && version >= 1 && version <= MAX_RECORD_VERSION)) {
    throw new RangeError(`record version must be an integer from 1 to 2^32-1, got ${version}`);
  }
  if (bytes.length < RECORD_HEADER_BYTES) {
    throw new RangeError(`a record needs ${RECORD_HEADER_BYTES} bytes, got ${bytes.length}`);
  }
  // Header fields are stored byte by byte rather than through a DataView, which would be an
  // object per write.
  bytes[0] = (RECORD_FORMAT_VERSION << 4) | area;
  putU32(bytes, 1, connectionId >>> 0); // ToUint32 is exact modulo 2^32 for any safe integer
  const high = Math.floor(connectionId / WORD);
  bytes[5] = high;
  bytes[6] = high >>> 8;
  bytes[7] = high >>> 16;
  putU32(bytes, 8, version);
  putU32(bytes, CRC_AT, recordCrc(bytes, 0, bytes.length - RECORD_HEADER_BYTES));
}

/** Checks and splits a record. Never throws; the payload is a view, never a copy. */
export function decodeRecord(bytes: Uint8Array): RecordDecoding {
  const problem = recordProblem(bytes);
  if (problem !== undefined) return { ok: false, error: problem };
  return {
    ok: true,
    area: bytes[0] & 0x0f,
    connectionId: idOf(bytes),
    version: getU32(bytes, 8),
    payload: bytes.subarray(RECORD_HEADER_BYTES),
  };
}

/**
 * What is wrong with the record (its header, or its CRC), or undefined when it is sound.
 * decodeRecord without the object it returns: recovery checks millions of records where they
 * lie (`length` bytes from `at` in `bytes`) and then reads their fields in place
 * (recordAreaOf, recordIdOf, recordVersionOf; the payload starts RECORD_HEADER_BYTES in).
 */
export function recordProblem(
  bytes: Uint8Array,
  at = 0,
  length = bytes.length - at,
): string | undefined {
  const problem = headerProblem(bytes, at, length);
  if (problem !== undefined) return problem;
  const stored = getU32(bytes, at + CRC_AT);
  const computed = recordCrc(bytes, at, length - RECORD_HEADER_BYTES);
  if (stored === computed) return undefined;
  return `CRC mismatch (stored 0x${hex(stored)}, computed 0x${hex(computed)})`;
}

/** The area of a record known to be sound, starting at `at` in `bytes`. */
export function recordAreaOf(bytes: Uint8Array, at = 0): number {
  return bytes[at] & 0x0f;
}

/** The connection id of a record known to be sound, starting at `at` in `bytes`. */
export function recordIdOf(bytes: Uint8Array, at = 0): ConnectionId {
  return idOf(bytes, at);
}

/**
 * The header fields for the checkpoint server's bookkeeping, or null when the header is not
 * well formed (same checks as decodeRecord, except the CRC: the server files bytes, it does not
 * vouch for them — recovery verifies each record when it decodes it). Pass `into` to reuse one
 * object across calls and keep the write path free of allocations; `at` and `length` to read a
 * record in place inside a larger buffer.
 */
export function readRecordHeader(
  bytes: Uint8Array,
  into: RecordHeader = { area: 0, connectionId: 0, version: 0 },
  at = 0,
  length = bytes.length - at,
): RecordHeader | null {
  if (headerProblem(bytes, at, length) !== undefined) return null;
  into.area = bytes[at] & 0x0f;
  into.connectionId = idOf(bytes, at);
  into.version = getU32(bytes, at + 8);
  return into;
}

/**
 * The record version of a record already known to be well formed (the stale-write check),
 * starting at `at` in `bytes`.
 */
export function recordVersionOf(bytes: Uint8Array, at = 0): number {
  return getU32(bytes, at + 8);
}

/** What is wrong with the header, or undefined. The message is built only on failure. */
function headerProblem(bytes: Uint8Array, at = 0, length = bytes.length): string | undefined {
  if (length < RECORD_HEADER_BYTES) {
    return `record of ${length} bytes is shorter than its ${RECORD_HEADER_BYTES}-byte header`;
  }
  const format = bytes[at] >>> 4;
  if (format !== RECORD_FORMAT_VERSION) return `unknown record format version ${format}`;
  const high = highBitsOf(bytes, at);
  if (high > MAX_ID_HIGH_BITS) {
    return `connection id bits above 2^32, 0x${hex(high)}, are too many (ids are below 2^53)`;
  }
  if (getU32(bytes, at + 8) === 0) return 'record version 0 is invalid (versions start at 1)';
  return undefined;
}

function recordCrc(bytes: Uint8Array, at: number, payloadLength: number): number {
  const header = crc32(bytes, at, CRC_AT);
  return crc32(bytes, at + RECORD_HEADER_BYTES, payloadLength, header);
}

function idOf(bytes: Uint8Array, at = 0): ConnectionId {
  return highBitsOf(bytes, at) * WORD + getU32(bytes, at + 1);
}

function highBitsOf(bytes: Uint8Array, at: number): number {
  return bytes[at + 5] | (bytes[at + 6] << 8) | (bytes[at + 7] << 16);
}

function putU32(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value;
  bytes[at + 1] = value >>> 8;
  bytes[at + 2] = value >>> 16;
  bytes[at + 3] = value >>> 24;
}

function getU32(bytes: Uint8Array, at: number): number {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
}

function hex(value: number): string {
  return value.toString(16).padStart(8, '0');
}
