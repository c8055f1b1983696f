import { invariant } from '../errors';
import { u32 } from './bytes';
import { CaptureError } from './capture-error';
import type { CapturePacket } from './capture-packet';
import type { CaptureSummary } from './capture-summary';
import { describeMagic, isPcapMagic } from './pcap-format';
import { PcapStream } from './pcap-stream';
import { BLOCK_SECTION_HEADER } from './pcapng-format';
import { PcapngStream } from './pcapng-stream';
import { CONTINUE, DONE, NEED_MORE, StreamContext, type FormatStream } from './stream-context';

/**
 * Reads a pcap or pcapng capture as it streams in, one packet at a time:
 *
 *     const reader = new CaptureReader();
 *     for (const chunk of chunks) {
 *       reader.push(chunk);
 *       for (let p = reader.next(); p !== null; p = reader.next()) use(p);
 *     }
 *     reader.end();
 *     for (let p = reader.next(); p !== null; p = reader.next()) use(p);
 *
 * Memory stays bounded whatever the file's size or claims: the reader holds the bytes pushed
 * and not yet consumed (drain `next()` after each push and that is at most one record or block
 * plus a chunk), assembles at most MAX_BLOCK_BYTES when a record spans chunks, and never
 * allocates from a length it has not checked against the limits. Skipped blocks stream past.
 *
 * `next()` throws a CaptureError, and keeps throwing it, once the file's structure is found
 * broken; packets returned before it came from the sound part before that point, so a caller
 * that must not act on a partly bad file collects them until `done` (as `readCapture` does).
 */
export class CaptureReader {
  private readonly context = new StreamContext();
  private format: FormatStream | null = null;
  private failure: CaptureError | null = null;
  private finished = false;

  /**
   * Appends the file's next bytes. The reader may keep a reference to `chunk` until its bytes
   * are consumed, so the caller must not reuse or modify it after pushing.
   */
  push(chunk: Uint8Array): void {
    invariant(!this.context.ended, 'push after end() of a CaptureReader');
    this.context.queue.push(chunk);
  }

  /** Says that every byte has been pushed. */
  end(): void {
    this.context.ended = true;
  }

  /** True once the whole file has been read without error. */
  get done(): boolean {
    return this.finished;
  }

  /** Bytes pushed and not consumed yet: what the reader holds of the file. */
  get bufferedBytes(): number {
    return this.context.queue.available;
  }

  /** Bytes of the file consumed so far (for progress). */
  get bytesRead(): number {
    return this.context.queue.offset;
  }

  /**
   * The next packet, or null when more bytes are needed (before `end()`) or the file is read
   * (after). Skipped frames and blocks are counted in the summary, not returned.
   */
  next(): CapturePacket | null {
    if (this.failure !== null) throw this.failure;
    if (this.finished) return null;
    try {
      for (;;) {
        const step = (this.format ??= this.detectFormat())?.step() ?? NEED_MORE;
        if (step === NEED_MORE) return null;
        if (step === DONE) {
          this.finished = true;
          return null;
        }
        if (step !== CONTINUE) return step;
      }
    } catch (error) {
      if (error instanceof CaptureError) this.failure = error;
      throw error;
    }
  }

  /** What has been read so far: counts, skip reasons, interfaces, time span. */
  summary(): CaptureSummary {
    return this.context.summary.snapshot(this.bytesRead);
  }

  /** The format reader for the file's magic number; null until 4 bytes have arrived. */
  private detectFormat(): FormatStream | null {
    const { context } = this;
    if (context.atCleanEnd() && context.queue.offset === 0) {
      throw new CaptureError(0, 'the file is empty: expected a pcap or pcapng capture');
    }
    const magic = context.need(4, 'a capture file magic number');
    if (magic === null) return null;
    if (u32(magic, 0) === BLOCK_SECTION_HEADER) return new PcapngStream(context);
    if (isPcapMagic(magic)) return new PcapStream(context);
    throw new CaptureError(
      0,
      `expected a pcap magic number (0xa1b2c3d4 or 0xa1b23c4d, in either byte order) or a pcapng section header (0x0a0d0d0a), found ${describeMagic(magic)}`,
    );
  }
}
