/** The checkpoint server, its memory space and the record format the firewall writes to it. */
export {
  BASE_AREA,
  MAX_AREA_ID,
  MAX_RECORD_VERSION,
  RECORD_FORMAT_VERSION,
  RECORD_HEADER_BYTES,
  decodeRecord,
  encodeRecord,
  readRecordHeader,
  recordVersionOf,
  type RecordDecoding,
  type RecordHeader,
} from './record';
export { ByteWriter } from './byte-writer';
export { ByteReader } from './byte-reader';
export { RecordFormatError } from './record-format-error';
export { MemorySpace, type AreaUsage, type MemoryLimits, type WriteOutcome } from './memory-space';
export {
  CheckpointServer,
  SNAPSHOT_BLOB,
  type CheckpointCounters,
  type CheckpointServerConfig,
  type DeleteResult,
  type FetchResult,
  type PutOutcome,
  type PutResult,
  type SnapshotRead,
} from './checkpoint-server';
