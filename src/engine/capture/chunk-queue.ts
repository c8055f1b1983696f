import { violated } from '../errors';
import { MAX_BLOCK_BYTES } from './limits';

const EMPTY = new Uint8Array(0);
/** Chunks shorter than this are copied into a staging buffer instead of being kept by reference. */
const SMALL_CHUNK_BYTES = 1024;
const STAGING_BYTES = 65_536;

/**
 * The bytes pushed into a streaming reader and not consumed yet, with the file offset of the
 * first of them. Large chunks are kept by reference (no copy); small ones are copied into a
 * staging buffer, so a stream fed byte by byte does not hold one object per byte. A read that
 * spans chunks is assembled into a fresh array of at most MAX_BLOCK_BYTES — the only bytes the
 * reader ever allocates from what a file says.
 */
export class ChunkQueue {
  private chunks: Uint8Array[] = [];
  /** Index in `chunks` of the first chunk with unconsumed bytes. */
  private first = 0;
  /** Bytes of `chunks[first]` already consumed. */
  private head = 0;
  private buffered = 0;
  private consumed = 0;
  private staging = EMPTY;
  /** The view of `staging` that sits in `chunks`, while more bytes may still be appended to it. */
  private stagingView = EMPTY;

  /** File offset of the next unconsumed byte. */
  get offset(): number {
    return this.consumed;
  }

  /** Bytes pushed and not consumed yet. */
  get available(): number {
    return this.buffered;
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.buffered += chunk.length;
    if (chunk.length >= SMALL_CHUNK_BYTES) {
      this.chunks.push(chunk);
      return;
    }
    const last = this.chunks.length - 1;
    const open = last >= this.first && this.chunks[last] === this.stagingView;
    const filled = this.stagingView.length;
    if (open && filled + chunk.length <= this.staging.length) {
      this.staging.set(chunk, filled);
      this.stagingView = this.staging.subarray(0, filled + chunk.length);
      this.chunks[last] = this.stagingView;
      return;
    }
    this.staging = new Uint8Array(STAGING_BYTES);
    this.staging.set(chunk, 0);
    this.stagingView = this.staging.subarray(0, chunk.length);
    this.chunks.push(this.stagingView);
  }

  /**
   * `count` contiguous bytes from the read position, without consuming them; null while fewer
   * are buffered. The result is a view that stays valid until those bytes are consumed.
   */
  peek(count: number): Uint8Array | null {
    if (!(Number.isInteger(count) && count >= 0 && count <= MAX_BLOCK_BYTES))
      violated(`peek of ${count} bytes`);
    if (count > this.buffered) return null;
    if (count === 0) return EMPTY;
    const front = this.chunks[this.first];
    if (front.length - this.head >= count) return front.subarray(this.head, this.head + count);
    const out = new Uint8Array(count);
    let filled = 0;
    let index = this.first;
    let from = this.head;
    while (filled < count) {
      const chunk = this.chunks[index];
      const take = Math.min(chunk.length - from, count - filled);
      out.set(chunk.subarray(from, from + take), filled);
      filled += take;
      from += take;
      if (from === chunk.length) {
        index++;
        from = 0;
      }
    }
    // The assembled bytes replace the chunks they came from, so peeking them again is free.
    if (from > 0) this.chunks[index] = this.chunks[index].subarray(from);
    for (let i = this.first; i < index - 1; i++) this.chunks[i] = EMPTY;
    this.chunks[index - 1] = out;
    this.first = index - 1;
    this.head = 0;
    return out;
  }

  /** Consumes `count` buffered bytes. */
  skip(count: number): void {
    if (!(Number.isInteger(count) && count >= 0 && count <= this.buffered))
      violated(`skip ${count}`);
    this.buffered -= count;
    this.consumed += count;
    let left = count;
    while (left > 0) {
      const chunk = this.chunks[this.first];
      const take = Math.min(chunk.length - this.head, left);
      this.head += take;
      left -= take;
      if (this.head === chunk.length) this.dropFront();
    }
    this.compact();
  }

  private dropFront(): void {
    this.chunks[this.first] = EMPTY;
    this.first++;
    this.head = 0;
  }

  /** Keeps the chunk list from growing with consumed entries. */
  private compact(): void {
    if (this.first === this.chunks.length) {
      this.chunks = [];
      this.first = 0;
    } else if (this.first > 64 && this.first * 2 > this.chunks.length) {
      this.chunks = this.chunks.slice(this.first);
      this.first = 0;
    }
  }
}
