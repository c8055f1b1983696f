import { invariant, violated } from '../../errors';

/**
 * A bounded ring of bytes: a TCP send buffer (bytes written by the application and not yet
 * acknowledged). Reads address bytes by their distance from the oldest byte.
 *
 * The buffer starts small and doubles up to `capacity` as bytes wait in it, as a kernel's
 * socket buffer fills on demand: with a 256 KiB buffer allocated (and zeroed) up front for
 * every socket, 2,000 short connections spent a quarter of a run's time creating buffers that
 * never held more than a few kilobytes.
 */
const INITIAL_BUFFER_BYTES = 4096;
const EMPTY = new Uint8Array(0);

/**
 * Buffers of closed sockets' rings, and those a growing ring left behind, kept for the next
 * rings of the same stack: an ArrayBuffer costs microseconds to create (and zero) however
 * small, and a run of 2,000 connections each sending 50 kB grew every ring 4 → 64 KiB, a
 * tenth of its time. Kept by size (powers of two from the first size up), bounded in bytes.
 * A buffer handed out again may hold old bytes, which a ring never reads (it reads only what
 * it was written).
 */
export class RingBufferPool {
  /** Free buffers per size class: class k holds buffers of INITIAL_BUFFER_BYTES · 2^k. */
  private readonly free: Uint8Array[][] = [];
  private pooledBytes = 0;

  constructor(readonly maxBytes = 4 * 1024 * 1024) {}

  /** A free buffer of exactly `bytes`, or undefined. */
  take(bytes: number): Uint8Array | undefined {
    const list = this.free[sizeClass(bytes)];
    const buffer = list?.pop();
    if (buffer !== undefined) this.pooledBytes -= buffer.length;
    return buffer;
  }

  /** Keeps a buffer no ring uses any more, if its size is pooled and the bound allows. */
  give(buffer: Uint8Array): void {
    const k = sizeClass(buffer.length);
    if (k < 0 || this.pooledBytes + buffer.length > this.maxBytes) return;
    (this.free[k] ??= []).push(buffer);
    this.pooledBytes += buffer.length;
  }

  /** Bytes held for reuse (at most maxBytes). */
  get bytes(): number {
    return this.pooledBytes;
  }
}

/** The class of a pooled size (INITIAL_BUFFER_BYTES times a power of two), else -1. */
function sizeClass(bytes: number): number {
  if (bytes < INITIAL_BUFFER_BYTES || bytes % INITIAL_BUFFER_BYTES !== 0) return -1;
  const ratio = bytes / INITIAL_BUFFER_BYTES;
  return (ratio & (ratio - 1)) === 0 ? 31 - Math.clz32(ratio) : -1;
}

export class ByteRing {
  private buffer: Uint8Array;
  private head = 0;
  length = 0;

  constructor(
    readonly capacity: number,
    private readonly pool: RingBufferPool | null = null,
  ) {
    if (!(Number.isInteger(capacity) && capacity > 0)) violated(`ring capacity ${capacity}`);
    const size = Math.min(capacity, INITIAL_BUFFER_BYTES);
    this.buffer = this.newBuffer(size);
  }

  /**
   * Its socket is gone: the bytes are forgotten and the buffer goes back to the pool. A later
   * write (there should be none) would start a new buffer.
   */
  release(): void {
    if (this.buffer !== EMPTY) this.pool?.give(this.buffer);
    this.buffer = EMPTY;
    this.head = 0;
    this.length = 0;
  }

  get free(): number {
    return this.capacity - this.length;
  }

  /** Appends up to `length` bytes; returns how many fitted. */
  write(source: Uint8Array, offset: number, length: number): number {
    const n = Math.min(length, this.free);
    if (this.length + n > this.buffer.length) this.grow(this.length + n);
    const size = this.buffer.length;
    let tail = this.head + this.length;
    if (tail >= size) tail -= size;
    const first = Math.min(n, size - tail);
    this.buffer.set(source.subarray(offset, offset + first), tail);
    if (n > first) this.buffer.set(source.subarray(offset + first, offset + n), 0);
    this.length += n;
    return n;
  }

  /** Copies `length` bytes starting `from` bytes after the oldest into `target`. */
  copyOut(from: number, length: number, target: Uint8Array, targetOffset: number): void {
    invariant(from >= 0 && from + length <= this.length, 'read outside the buffered bytes');
    const size = this.buffer.length;
    let start = this.head + from;
    if (start >= size) start -= size;
    const first = Math.min(length, size - start);
    target.set(this.buffer.subarray(start, start + first), targetOffset);
    if (length > first) target.set(this.buffer.subarray(0, length - first), targetOffset + first);
  }

  /** Forgets the oldest `n` bytes (they were acknowledged). */
  consume(n: number): void {
    if (!(n >= 0 && n <= this.length)) violated(`cannot consume ${n} of ${this.length} bytes`);
    this.head += n;
    if (this.head >= this.buffer.length) this.head -= this.buffer.length;
    this.length -= n;
  }

  /** A buffer of at least `bytes` (at most the capacity), the waiting bytes moved to its start. */
  private grow(bytes: number): void {
    let size = Math.max(this.buffer.length * 2, INITIAL_BUFFER_BYTES);
    while (size < bytes) size *= 2;
    const next = this.newBuffer(Math.min(size, this.capacity));
    this.copyOut(0, this.length, next, 0);
    if (this.buffer !== EMPTY) this.pool?.give(this.buffer);
    this.buffer = next;
    this.head = 0;
  }

  private newBuffer(bytes: number): Uint8Array {
    return this.pool?.take(bytes) ?? new Uint8Array(bytes);
  }
}
