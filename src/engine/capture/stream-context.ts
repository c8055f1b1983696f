import { byteCount, CaptureError } from './capture-error';
import type { CapturePacket } from './capture-packet';
import { SummaryBuilder } from './capture-summary';
import { ChunkQueue } from './chunk-queue';
import { decodeFrame } from './decode-frame';

/** What one step of a format reader did, when it did not produce a packet. */
export const NEED_MORE = 'need-more';
export const CONTINUE = 'continue';
export const DONE = 'done';
export type Step = CapturePacket | typeof NEED_MORE | typeof CONTINUE | typeof DONE;

/** A format reader (pcap or pcapng): each step consumes a record or block, or waits for bytes. */
export interface FormatStream {
  step(): Step;
}

/** A frame as a format reader found it, before decoding. */
export interface FoundFrame {
  readonly interfaceIndex: number;
  readonly linkType: number;
  /** Null without a timestamp (a simple packet block); 'bad' when it could not be converted. */
  readonly timeUs: number | null | 'bad';
  readonly originalBytes: number;
  /** The captured bytes (a view into the file; copied from only as far as needed). */
  readonly data: Uint8Array;
}

/** State the format readers share: the buffered bytes, the summary, whether the file has ended. */
export class StreamContext {
  readonly queue = new ChunkQueue();
  readonly summary = new SummaryBuilder();
  ended = false;

  /**
   * `count` bytes from the read position (not consumed), or null until they have arrived. At
   * the end of the file, a CaptureError at `offset` (the start of what is read) saying that
   * `what` needs them.
   */
  need(count: number, what: string, offset = this.queue.offset): Uint8Array | null {
    const bytes = this.queue.peek(count);
    if (bytes === null && this.ended) {
      const left = this.queue.offset + this.queue.available - offset;
      throw endsEarly(offset, what, count, left);
    }
    return bytes;
  }

  /** True when the file has ended exactly here: at a record or block boundary. */
  atCleanEnd(): boolean {
    return this.ended && this.queue.available === 0;
  }

  /** Counts a frame and decodes it: the packet, or CONTINUE when it was skipped (and counted). */
  frame(found: FoundFrame): CapturePacket | typeof CONTINUE {
    const timeUs = found.timeUs === 'bad' ? null : found.timeUs;
    const frame = this.summary.addFrame(found.interfaceIndex, timeUs);
    const capturedBytes = found.data.length;
    const record = {
      frame,
      interfaceIndex: found.interfaceIndex,
      timeUs,
      linkType: found.linkType,
      capturedBytes,
      originalBytes: found.originalBytes,
    };
    const result =
      found.timeUs === 'bad'
        ? 'bad-timestamp'
        : capturedBytes > found.originalBytes
          ? 'captured-exceeds-original'
          : decodeFrame(record, found.data);
    if (typeof result === 'string') {
      this.summary.addSkipped(result);
      return CONTINUE;
    }
    this.summary.addPacket(result);
    return result;
  }
}

export function endsEarly(offset: number, what: string, count: number, left: number): CaptureError {
  return new CaptureError(
    offset,
    `${what} needs ${byteCount(count)}, but the file ends after ${byteCount(left)}`,
  );
}
