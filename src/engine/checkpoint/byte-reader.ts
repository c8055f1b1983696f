import { RecordFormatError } from './record-format-error';

const EMPTY = new Uint8Array(0);

/**
 * Decodes what a ByteWriter wrote. Every read is bounds-checked and every malformed value is
 * refused with a RecordFormatError naming the offset and what was expected: recovery reads
 * bytes that survived a crash (and maybe a fault), so nothing in them is trusted. Each read
 * takes an optional label ("tcp state") so the message says which field was bad. A read that
 * throws leaves the reader where it was.
 */
export class ByteReader {
  // No DataView: recovery decodes millions of records, and a DataView per reader was a second
  // allocation for each. Words are assembled from bytes instead.
  private source: Uint8Array = EMPTY;
  private start = 0;
  private end = 0;
  private position = 0;

  /**
   * Reads `source` from `start` to `end` (its end by default). Offsets (and those in errors)
   * count from `start`, so recovery can decode a payload where it lies among other records
   * without making a view of it.
   */
  constructor(source: Uint8Array = EMPTY, start = 0, end = source.length) {
    this.over(source, start, end);
  }

  /**
   * Starts reading other bytes, as a new reader would. The record decoders keep one reader
   * each and point it at every record: a reader per record was over a quarter of what a
   * reassembly allocated (300k connections: 495 MB, 352 MB without), all of it garbage a
   * moment later.
   */
  over(source: Uint8Array, start = 0, end = source.length): this {
    if (!(start >= 0 && start <= end && end <= source.length))
      throw new RangeError(`a reader of bytes ${start}..${end} of ${source.length}`);
    this.source = source;
    this.start = start;
    this.end = end;
    this.position = start;
    return this;
  }

  get offset(): number {
    return this.position - this.start;
  }

  get remaining(): number {
    return this.end - this.position;
  }

  u8(what = 'a u8'): number {
    this.need(1, what);
    return this.source[this.position++];
  }

  u16(what = 'a u16'): number {
    this.need(2, what);
    const b = this.source;
    const at = this.position;
    this.position += 2;
    return b[at] | (b[at + 1] << 8);
  }

  u32(what = 'a u32'): number {
    this.need(4, what);
    const value = word(this.source, this.position) >>> 0;
    this.position += 4;
    return value;
  }

  i32(what = 'an i32'): number {
    this.need(4, what);
    const value = word(this.source, this.position);
    this.position += 4;
    return value;
  }

  f64(what = 'an f64'): number {
    this.need(8, what);
    for (let i = 0; i < 8; i++) f64Bytes[i] = this.source[this.position + i];
    this.position += 8;
    return f64Scratch[0];
  }

  /** Two u32, low word first; the high word must be below 2^21 (the value below 2^53). */
  u53(what = 'a u53'): number {
    this.need(8, what);
    const low = word(this.source, this.position) >>> 0;
    const high = word(this.source, this.position + 4) >>> 0;
    if (high >= 0x20_0000) {
      throw new RecordFormatError(
        this.offset,
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
      throw new RecordFormatError(this.offset, `expected ${what} (0 or 1), found ${value}`);
    }
    this.position++;
    return value === 1;
  }

  /** A u8 that must be below `count` — an enumeration such as a connection state. */
  u8Below(count: number, what = 'a u8'): number {
    this.need(1, what);
    const value = this.source[this.position];
    if (value >= count) {
      throw new RecordFormatError(this.offset, `expected ${what} below ${count}, found ${value}`);
    }
    this.position++;
    return value;
  }

  /**
   * A u16 length, then that many bytes, each 0..127. Short texts met before (helper and state
   * names, in every record) come back as the same string rather than a new one each time.
   */
  ascii(what = 'ascii text'): string {
    const start = this.position;
    if (this.remaining < 2) this.need(2, `${what} length`);
    const length = this.u16();
    if (length > this.remaining) {
      const at = this.position;
      this.position = start;
      throw new RecordFormatError(
        at - this.start,
        `expected ${what} of ${length} bytes, but only ${this.end - at} remain`,
      );
    }
    for (let i = 0; i < length; i++) {
      const code = this.source[this.position + i];
      if (code > 0x7f) {
        const at = this.position + i;
        this.position = start;
        throw new RecordFormatError(
          at - this.start,
          `expected ${what}, found non-ASCII byte 0x${hex2(code)}`,
        );
      }
    }
    const text = internedAscii(this.source, this.position, length);
    this.position += length;
    return text;
  }

  /** Passes over `length` bytes (a record inside a snapshot, read in place later). */
  skip(length: number, what = 'bytes'): void {
    if (!(Number.isInteger(length) && length >= 0)) {
      throw new RangeError(`byte count must be a non-negative integer, got ${length}`);
    }
    this.need(length, what);
    this.position += length;
  }

  /**
   * Refuses trailing bytes: a payload longer than its decoder expects is not the same format.
   * At the end, lets go of the bytes (release).
   */
  expectEnd(what = 'the end of the payload'): void {
    if (this.position !== this.end) {
      throw new RecordFormatError(
        this.offset,
        `expected ${what}, but ${this.remaining} bytes remain`,
      );
    }
    this.release();
  }

  /**
   * Reads nothing any more, and holds no bytes: a codec's reader lives as long as the page,
   * and the buffer it last read (a checkpoint area's, tens of MB) must not live as long.
   */
  release(): void {
    // Its offset stays where it was, for the error of a read past the end.
    this.start -= this.position;
    this.position = 0;
    this.end = 0;
    this.source = EMPTY;
  }

  private need(count: number, what: string): void {
    const left = this.end - this.position;
    if (count > left) {
      throw new RecordFormatError(
        this.offset,
        `expected ${what} (${count} ${count === 1 ? 'byte' : 'bytes'}), but only ${left} remain`,
      );
    }
  }
}

function word(b: Uint8Array, at: number): number {
  return b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24);
}

// f64s are read through a typed array in the platform's byte order, and records are
// little-endian (ByteWriter's DataView writes them so): refuse to run anywhere else.
const f64Scratch = new Float64Array(1);
const f64Bytes = new Uint8Array(f64Scratch.buffer);
if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
  throw new Error('checkpoint records need a little-endian platform');
}

const INTERNED_MAX = 32;
const INTERNED_MAX_LENGTH = 24;
const interned: string[] = [];

/** The text of ASCII bytes, the same string each time for short texts seen before. */
function internedAscii(source: Uint8Array, at: number, length: number): string {
  if (length <= INTERNED_MAX_LENGTH) {
    for (const known of interned) if (sameText(known, source, at, length)) return known;
  }
  let text = '';
  for (let i = 0; i < length; i++) text += String.fromCharCode(source[at + i]);
  if (length <= INTERNED_MAX_LENGTH && interned.length < INTERNED_MAX) interned.push(text);
  return text;
}

function sameText(text: string, source: Uint8Array, at: number, length: number): boolean {
  if (text.length !== length) return false;
  for (let i = 0; i < length; i++) if (text.charCodeAt(i) !== source[at + i]) return false;
  return true;
}

function hex2(code: number): string {
  return code.toString(16).padStart(2, '0');
}
