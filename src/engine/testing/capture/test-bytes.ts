/** Test helper (not part of the API): writes fixed-width fields in one byte order. */
/** Appends fixed-width fields in one byte order. */
export class Bytes {
  private readonly out: number[] = [];

  constructor(readonly littleEndian = false) {}

  get length(): number {
    return this.out.length;
  }

  u8(value: number): this {
    this.out.push(value & 0xff);
    return this;
  }

  u16(value: number): this {
    const bytes = [(value >>> 8) & 0xff, value & 0xff];
    this.out.push(...(this.littleEndian ? bytes.reverse() : bytes));
    return this;
  }

  u32(value: number): this {
    const bytes = [value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
    this.out.push(...(this.littleEndian ? bytes.reverse() : bytes));
    return this;
  }

  /** A 64-bit value as the file's byte order writes it whole (if_tsoffset). */
  u64(value: bigint): this {
    const high = Number(BigInt.asUintN(64, value) >> 32n);
    const low = Number(BigInt.asUintN(32, value));
    return this.littleEndian ? this.u32(low).u32(high) : this.u32(high).u32(low);
  }

  bytes(data: ArrayLike<number>): this {
    for (let i = 0; i < data.length; i++) this.out.push(data[i]);
    return this;
  }

  pad4(): this {
    while (this.out.length % 4 !== 0) this.out.push(0);
    return this;
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.out);
  }
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function text(value: string): Uint8Array {
  return Uint8Array.from(value, (c) => c.charCodeAt(0));
}
