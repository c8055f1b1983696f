import { InputError } from '../errors';

/**
 * A capture file the reader refuses: its structure is broken (a header cut short, a length that
 * does not fit, a block that names an interface never described) or it asks for more than the
 * reader's limits. `offset` is the byte in the file where the problem was found and `detail`
 * says what was expected there, so the message reads "byte 24: a pcap record header needs 16
 * bytes, but the file ends after 7". A malformed packet inside a sound file is not an error:
 * the reader skips it and counts the reason.
 */
export class CaptureError extends InputError {
  constructor(
    readonly offset: number,
    readonly detail: string,
  ) {
    super(detail, `byte ${offset}`);
    this.name = 'CaptureError';
  }
}

/** "1 byte" / "7 bytes" — the way messages count. */
export function byteCount(count: number): string {
  return count === 1 ? '1 byte' : `${count} bytes`;
}

/** 0x0a0d0d0a — how messages show magic numbers and block types. */
export function hex32(value: number): string {
  return `0x${(value >>> 0).toString(16).padStart(8, '0')}`;
}
