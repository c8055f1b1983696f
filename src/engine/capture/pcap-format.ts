import { u16, u32 } from './bytes';
import { CaptureError, hex32 } from './capture-error';
import { MAX_PACKET_BYTES } from './limits';

/**
 * The classic libpcap format: a 24-byte file header, then records of a 16-byte header and the
 * frame. The magic number's byte order is the file's; 0xa1b2c3d4 gives microsecond and
 * 0xa1b23c4d nanosecond timestamps.
 */
export const PCAP_FILE_HEADER_BYTES = 24;
export const PCAP_RECORD_HEADER_BYTES = 16;

const MAGIC_MICROSECONDS = 0xa1b2c3d4;
const MAGIC_NANOSECONDS = 0xa1b23c4d;
/** libpcap's LT_LINKTYPE: the upper bits of the field carry FCS information, not the type. */
const LINKTYPE_MASK = 0x03ff_ffff;

export interface PcapFileHeader {
  readonly littleEndian: boolean;
  readonly nanoseconds: boolean;
  readonly linkType: number;
  readonly snapLengthBytes: number;
}

export interface PcapRecordHeader {
  readonly seconds: number;
  /** Microseconds or nanoseconds, as the file's magic says. */
  readonly fraction: number;
  readonly capturedBytes: number;
  readonly originalBytes: number;
}

/** Whether the first 4 bytes of a file are a pcap magic number, in either byte order. */
export function isPcapMagic(bytes: Uint8Array): boolean {
  const big = u32(bytes, 0);
  const little = u32(bytes, 0, true);
  return [big, little].some((m) => m === MAGIC_MICROSECONDS || m === MAGIC_NANOSECONDS);
}

export function readPcapFileHeader(bytes: Uint8Array): PcapFileHeader {
  const littleEndian = u32(bytes, 0) !== MAGIC_MICROSECONDS && u32(bytes, 0) !== MAGIC_NANOSECONDS;
  const magic = u32(bytes, 0, littleEndian);
  const major = u16(bytes, 4, littleEndian);
  if (major !== 2) {
    const minor = u16(bytes, 6, littleEndian);
    throw new CaptureError(4, `expected pcap format version 2, found ${major}.${minor}`);
  }
  return {
    littleEndian,
    nanoseconds: magic === MAGIC_NANOSECONDS,
    snapLengthBytes: u32(bytes, 16, littleEndian),
    linkType: u32(bytes, 20, littleEndian) & LINKTYPE_MASK,
  };
}

/** Reads the record header at file offset `offset`; refuses a frame over MAX_PACKET_BYTES. */
export function readPcapRecordHeader(
  bytes: Uint8Array,
  file: PcapFileHeader,
  offset: number,
): PcapRecordHeader {
  const capturedBytes = u32(bytes, 8, file.littleEndian);
  if (capturedBytes > MAX_PACKET_BYTES) {
    throw new CaptureError(
      offset + 8,
      `a pcap record of ${capturedBytes} captured bytes is bigger than the maximum of ${MAX_PACKET_BYTES}`,
    );
  }
  return {
    seconds: u32(bytes, 0, file.littleEndian),
    fraction: u32(bytes, 4, file.littleEndian),
    capturedBytes,
    originalBytes: u32(bytes, 12, file.littleEndian),
  };
}

/**
 * The record's time in microseconds, nanoseconds floored; null when the fraction is not below
 * one second. Seconds are unsigned 32-bit, so the result stays below 2^53 and exact.
 */
export function pcapTimeUs(file: PcapFileHeader, record: PcapRecordHeader): number | null {
  const perSecond = file.nanoseconds ? 1_000_000_000 : 1_000_000;
  if (record.fraction >= perSecond) return null;
  const fractionUs = file.nanoseconds ? Math.floor(record.fraction / 1000) : record.fraction;
  return record.seconds * 1_000_000 + fractionUs;
}

/** "0xa1b2c3d4" — for messages about an unknown magic number. */
export function describeMagic(bytes: Uint8Array): string {
  return hex32(u32(bytes, 0));
}
