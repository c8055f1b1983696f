import type { CapturePacket } from '../capture/capture-packet';
import { CaptureReader } from '../capture/capture-reader';
import type { CaptureSummary } from '../capture/capture-summary';

/**
 * Where a replay's packets come from, one at a time and in file order. A replay holds one
 * packet of it at a time, so a capture of any size replays in bounded memory.
 */
export interface ReplaySource {
  /** The next packet, or null at the end of the file; throws CaptureError for a broken one. */
  next(): CapturePacket | null;
  /** Bytes of the file read so far (for progress). */
  readonly bytesRead: number;
  /** What the reader has counted so far (skipped frames by reason, interfaces, times). */
  summary(): CaptureSummary;
}

/** Chunks fed to the reader at a time: small enough to stay bounded, big enough to be cheap. */
export const REPLAY_CHUNK_BYTES = 64 * 1024;

/**
 * A source that pulls the file's bytes as it needs them: `readChunk` returns the next bytes
 * (a fresh array the reader may keep until consumed) or null at the end of the file.
 */
export function chunkedSource(readChunk: () => Uint8Array | null): ReplaySource {
  const reader = new CaptureReader();
  let ended = false;
  return {
    next() {
      for (;;) {
        const packet = reader.next();
        if (packet !== null || ended) return packet;
        const chunk = readChunk();
        if (chunk === null) {
          reader.end();
          ended = true;
        } else {
          reader.push(chunk);
        }
      }
    },
    get bytesRead() {
      return reader.bytesRead;
    },
    summary: () => reader.summary(),
  };
}

/** A source over a capture held in memory, read in chunks (views, not copies). */
export function bytesSource(bytes: Uint8Array, chunkBytes = REPLAY_CHUNK_BYTES): ReplaySource {
  let offset = 0;
  return chunkedSource(() => {
    if (offset >= bytes.length) return null;
    const chunk = bytes.subarray(offset, offset + chunkBytes);
    offset += chunk.length;
    return chunk;
  });
}
