import { invariant } from '../../errors';

/**
 * A bounded ring of bytes: a TCP send buffer (bytes written by the application and not yet
 * acknowledged). Reads address bytes by their distance from the oldest byte.
 */
export class ByteRing {
  private readonly buffer: Uint8Array;
  private head = 0;
  length = 0;

  constructor(readonly capacity: number) {
    this.buffer = new Uint8Array(capacity);
  }

  get free(): number {
    return this.capacity - this.length;
  }

  /** Appends up to `length` bytes; returns how many fitted. */
  write(source: Uint8Array, offset: number, length: number): number {
    const n = Math.min(length, this.free);
    let tail = this.head + this.length;
    if (tail >= this.capacity) tail -= this.capacity;
    const first = Math.min(n, this.capacity - tail);
    this.buffer.set(source.subarray(offset, offset + first), tail);
    if (n > first) this.buffer.set(source.subarray(offset + first, offset + n), 0);
    this.length += n;
    return n;
  }

  /** Copies `length` bytes starting `from` bytes after the oldest into `target`. */
  copyOut(from: number, length: number, target: Uint8Array, targetOffset: number): void {
    invariant(from >= 0 && from + length <= this.length, 'read outside the buffered bytes');
    let start = this.head + from;
    if (start >= this.capacity) start -= this.capacity;
    const first = Math.min(length, this.capacity - start);
    target.set(this.buffer.subarray(start, start + first), targetOffset);
    if (length > first) target.set(this.buffer.subarray(0, length - first), targetOffset + first);
  }

  /** Forgets the oldest `n` bytes (they were acknowledged). */
  consume(n: number): void {
    invariant(n >= 0 && n <= this.length, `cannot consume ${n} of ${this.length} bytes`);
    this.head += n;
    if (this.head >= this.capacity) this.head -= this.capacity;
    this.length -= n;
  }
}
