/**
 * Encodes a module's part of a connection into bytes, little-endian, for a checkpoint record's
 * payload. Growable, so a module need not know its encoded size in advance; reusable, so a
 * firewall can keep one writer and encode every part into it without allocating:
 *
 *   writer.reset().skip(RECORD_HEADER_BYTES).u8(state).u32(seq)…;
 *   sealRecord(writer.view(), area, id, version)
 *
 * The record is then made in the writer's own buffer: the view is the only allocation per
 * write (encodeRecord, which copies a payload into a new record, is for the rest).
 * Values out of range for their field throw RangeError instead of being truncated: a silently
 * wrapped value would be checkpointed and then "recovered" wrong. A write that throws leaves
 * the writer as it was.
 */
export class ByteWriter {
  private buffer: Uint8Array;
  private data: DataView;
  private position = 0;

  constructor(initialCapacity = 64) {
    this.buffer = new Uint8Array(Math.max(8, initialCapacity));
    this.data = new DataView(this.buffer.buffer);
  }

  /** Bytes written so far. */
  get length(): number {
    return this.position;
  }

  /** Forgets what was written, keeping the capacity. */
  reset(): this {
    this.position = 0;
    return this;
  }

  /** Leaves `n` bytes for something written into the view later (a record's header). */
  skip(n: number): this {
    this.ensure(n);
    this.position += n;
    return this;
  }

  u8(value: number): this {
    if (value !== (value & 0xff)) throw outOfRange('u8', value);
    this.ensure(1);
    this.buffer[this.position++] = value;
    return this;
  }

  u16(value: number): this {
    if (value !== (value & 0xffff)) throw outOfRange('u16', value);
    this.ensure(2);
    this.data.setUint16(this.position, value, true);
    this.position += 2;
    return this;
  }

  u32(value: number): this {
    if (value !== value >>> 0) throw outOfRange('u32', value);
    this.ensure(4);
    this.data.setUint32(this.position, value, true);
    this.position += 4;
    return this;
  }

  i32(value: number): this {
    if (value !== (value | 0)) throw outOfRange('i32', value);
    this.ensure(4);
    this.data.setInt32(this.position, value, true);
    this.position += 4;
    return this;
  }

  f64(value: number): this {
    this.ensure(8);
    this.data.setFloat64(this.position, value, true);
    this.position += 8;
    return this;
  }

  /**
   * An integer below 2^53 as two u32, low word first — the record header's layout for a
   * connection id, so a part can name another connection (an FTP data connection's master).
   */
  u53(value: number): this {
    if (!(Number.isSafeInteger(value) && value >= 0)) throw outOfRange('u53', value);
    this.ensure(8);
    this.data.setUint32(this.position, value >>> 0, true);
    this.data.setUint32(this.position + 4, Math.floor(value / 0x1_0000_0000), true);
    this.position += 8;
    return this;
  }

  /** One byte, 0 or 1. */
  bool(value: boolean): this {
    return this.u8(value ? 1 : 0);
  }

  /** A u16 length, then one byte per character; only characters 0..127 are allowed. */
  ascii(text: string): this {
    const length = text.length;
    if (length > 0xffff) {
      throw new RangeError(`ascii text of ${length} characters is longer than 65535`);
    }
    const start = this.position;
    this.u16(length);
    this.ensure(length);
    const buffer = this.buffer;
    let at = this.position;
    for (let i = 0; i < length; i++) {
      const code = text.charCodeAt(i);
      if (code > 0x7f) {
        this.position = start;
        throw new RangeError(`ascii text has a non-ASCII character U+${hex4(code)} at index ${i}`);
      }
      buffer[at++] = code;
    }
    this.position = at;
    return this;
  }

  /** Raw bytes, no length prefix (write one with u16/u32 first if the reader needs it). */
  bytes(data: Uint8Array): this {
    this.ensure(data.length);
    this.buffer.set(data, this.position);
    this.position += data.length;
    return this;
  }

  /** A copy of the bytes written, exactly sized; the writer may be reused afterwards. */
  finish(): Uint8Array {
    return this.buffer.slice(0, this.position);
  }

  /** The bytes written, as a view: valid only until the next write or reset. */
  view(): Uint8Array {
    return this.buffer.subarray(0, this.position);
  }

  private ensure(extra: number): void {
    const needed = this.position + extra;
    if (needed <= this.buffer.length) return;
    let capacity = this.buffer.length * 2;
    while (capacity < needed) capacity *= 2;
    const grown = new Uint8Array(capacity);
    grown.set(this.buffer.subarray(0, this.position));
    this.buffer = grown;
    this.data = new DataView(grown.buffer);
  }
}

function outOfRange(kind: string, value: number): RangeError {
  return new RangeError(`${String(value)} does not fit a ${kind}`);
}

function hex4(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0');
}
