import { CaptureError } from './capture-error';
import { MAX_BLOCK_BYTES, MAX_SKIPPED_BLOCK_BYTES } from './limits';
import { isReadBlock, minimumBlockBytes } from './pcapng-format';

/** A block's length: a multiple of 4, at least its type's minimum, at most what the reader holds or skips. */
export function checkLength(type: number, totalBytes: number, offset: number, what: string): void {
  if (totalBytes % 4 !== 0) {
    throw new CaptureError(
      offset + 4,
      `a pcapng block's length must be a multiple of 4, found ${totalBytes}`,
    );
  }
  const minimum = minimumBlockBytes(type);
  if (totalBytes < minimum) {
    throw new CaptureError(
      offset + 4,
      `${what} needs at least ${minimum} bytes, its length says ${totalBytes}`,
    );
  }
  const maximum = isReadBlock(type) ? MAX_BLOCK_BYTES : MAX_SKIPPED_BLOCK_BYTES;
  if (totalBytes > maximum) {
    throw new CaptureError(
      offset + 4,
      `${what} of ${totalBytes} bytes is bigger than the maximum of ${maximum}`,
    );
  }
}

/** The length repeated at the block's end: a mismatch means the file is out of step. */
export function checkTrailer(found: number, totalBytes: number, offset: number): void {
  if (found !== totalBytes) {
    throw new CaptureError(
      offset + totalBytes - 4,
      `expected the block's length ${totalBytes} repeated at its end, found ${found}`,
    );
  }
}
