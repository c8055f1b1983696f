import { RecordFormatError } from './record-format-error';

/**
 * Decodes what a ByteWriter wrote. Every read is bounds-checked and every malformed value is
 * refused with a RecordFormatError naming the offset and what was expected: recovery reads
 * bytes that survived a crash (and maybe a fault), so nothing in them is trusted. Each read
 * takes an optional label ("tcp state") so the message says which field was bad. A read that
 * throws leaves the reader where it was.
 */
export class ByteReader {
  private readonly data: DataView;
  private position = 0;

  constructor(private readonly source: Uint8Array) {
    this.data = new DataView(source.buffer, source.byteOffset, source.byteLength);
  }

  get offset(): number {
    return this.position;
  }

  get remaining(): number {
    return this.source.length - this.position;
  }

  u8(what = 'a u8'): number {
    this.need(1, what);
    return this.source[this.position++];
  }

  u16(what = 'a u16'): number {
    this.need(2, what);
    const value = this.data.getUint16(this.position, true);
    this.position += 2;
    return value;
  }

  u32(what = 'a u32'): number {
    this.need(4, what);
    const value = this.data.getUint32(this.position, true);
    this.position += 4;
    return value;
  }

  i32(what = 'an i32'): number {
    this.need(4, what);
    const value = this.data.getInt32(this.position, true);
    this.position += 4;
    return value;
  }

  f64(what = 'an f64'): number {
    this.need(8, what);
    const value = this.data.getFloat64(this.position, true);
    this.position += 8;
    return value;
  }

  /** Two u32, low word first; the high word must be below 2^21 (the value below 2^53). */
  u53(what = 'a u53'): number {
    this.need(8, what);
    const low = this.data.getUint32(this.position, true);
    const high = this.data.getUint32(this.position + 4, true);
    if (high >= 0x20_0000) {
      throw new RecordFormatError(
        this.position,
        `expected ${what} below 2^53, found high word 0x${high.toString(16)}`,
      );
    }
    this.position += 8;
    return high * 0x1_0000_0000 + low;
  }

  /** A byte that must be 0 or 1. */
  bool(what = 'a boolean'): boolean {
    this.need(1, what);
    const value = this.source[this.position];
    if (value > 1) {
      throw new RecordFormatError(this.position, `expected ${what} (0 or 1), found ${value}`);
    }
    this.position++;
    return value === 1;
  }

  /** A u8 that must be below `count` — an enumeration such as a connection state. */
  u8Below(count: number, what = 'a u8'): number {
    this.need(1, what);
    const value = this.source[this.position];
    if (value >= count) {
      throw new RecordFormatError(this.position, `expected ${what} below ${count}, found ${value}`);
    }
    this.position++;
    return value;
  }

  /** A u16 length, then that many bytes, each 0..127. */
  ascii(what = 'ascii text'): string {
    const start = this.position;
    const length = this.u16(`${what} length`);
    if (length > this.remaining) {
      const at = this.position;
      this.position = start;
      throw new RecordFormatError(
        at,
        `expected ${what} of ${length} bytes, but only ${this.source.length - at} remain`,
      );
    }
    let text = '';
    for (let i = 0; i < length; i++) {
      const code = this.source[this.position + i];
      if (code > 0x7f) {
        const at = this.position + i;
        this.position = start;
        throw new RecordFormatError(at, `expected ${what}, found non-ASCII byte 0x${hex2(code)}`);
      }
      text += String.fromCharCode(code);
    }
    this.position += length;
    return text;
  }

  /** `length` raw bytes, as a view into the source (no copy). */
  bytes(length: number, what = 'bytes'): Uint8Array {
    if (!(Number.isInteger(length) && length >= 0)) {
      throw new RangeError(`byte count must be a non-negative integer, got ${length}`);
    }
    this.need(length, what);
    const view = this.source.subarray(this.position, this.position + length);
    this.position += length;
    return view;
  }

  /** Refuses trailing bytes: a payload longer than its decoder expects is not the same format. */
  expectEnd(what = 'the end of the payload'): void {
    if (this.position !== this.source.length) {
      throw new RecordFormatError(
        this.position,
        `expected ${what}, but ${this.remaining} bytes remain`,
      );
    }
  }

  private need(count: number, what: string): void {
    const left = this.source.length - this.position;
    if (count > left) {
      throw new RecordFormatError(
        this.position,
        `expected ${what} (${count} ${count === 1 ? 'byte' : 'bytes'}), but only ${left} remain`,
      );
    }
  }
}

function hex2(code: number): string {
  return code.toString(16).padStart(2, '0');
}
