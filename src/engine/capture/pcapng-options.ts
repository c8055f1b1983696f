import { padded4, u16 } from './bytes';
import { byteCount, CaptureError } from './capture-error';

export const OPT_ENDOFOPT = 0;

/**
 * Walks the options of a pcapng block between `from` and `to` (offsets in `block`): each is a
 * 2-byte code, a 2-byte length and the value padded to 32 bits, until opt_endofopt or `to`.
 * Unknown codes are the visitor's to ignore. `fileOffset` is the block's offset in the file,
 * for messages. An option running past its block is a broken block.
 */
export function forEachOption(
  block: Uint8Array,
  from: number,
  to: number,
  littleEndian: boolean,
  fileOffset: number,
  visit: (code: number, valueAt: number, length: number) => void,
): void {
  let at = from;
  while (at < to) {
    if (to - at < 4) {
      throw new CaptureError(
        fileOffset + at,
        `an option header needs 4 bytes, but its block has ${byteCount(to - at)} left`,
      );
    }
    const code = u16(block, at, littleEndian);
    const length = u16(block, at + 2, littleEndian);
    if (code === OPT_ENDOFOPT) return;
    if (padded4(length) > to - at - 4) {
      throw new CaptureError(
        fileOffset + at,
        `option ${code} of ${byteCount(length)} runs past the end of its block`,
      );
    }
    visit(code, at + 4, length);
    at += 4 + padded4(length);
  }
}
