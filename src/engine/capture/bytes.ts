import { violated } from '../errors';

/**
 * Fixed-width reads at an absolute position, in either byte order. Capture files come in both
 * orders (the writer's own); packet headers are always big-endian (network order). Callers
 * check lengths first and turn a short input into a CaptureError or a skip reason; the
 * invariant here only guards against a bug in that check.
 */
export function u16(bytes: Uint8Array, at: number, littleEndian = false): number {
  if (!(at >= 0 && at + 2 <= bytes.length)) violated(`u16 read at ${at} of ${bytes.length} bytes`);
  return littleEndian ? bytes[at] | (bytes[at + 1] << 8) : (bytes[at] << 8) | bytes[at + 1];
}

export function u32(bytes: Uint8Array, at: number, littleEndian = false): number {
  if (!(at >= 0 && at + 4 <= bytes.length)) violated(`u32 read at ${at} of ${bytes.length} bytes`);
  // Multiplying the top byte (not shifting it) keeps the result unsigned without `>>> 0` tricks.
  return littleEndian
    ? bytes[at + 3] * 0x100_0000 + ((bytes[at + 2] << 16) | (bytes[at + 1] << 8) | bytes[at])
    : bytes[at] * 0x100_0000 + ((bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]);
}

/** Two u32 as one unsigned 64-bit value, high word first (pcapng timestamps, if_tsoffset). */
export function u64Parts(high: number, low: number): bigint {
  return (BigInt(high) << 32n) | BigInt(low);
}

/** `value` rounded up to a multiple of 4: pcapng pads packet data and options to 32 bits. */
export function padded4(value: number): number {
  return value + ((4 - (value % 4)) % 4);
}
