import { u16 } from './bytes';

const END = 0;
const NOP = 1;
const MSS = 2;
const WINDOW_SCALE = 3;
/** RFC 7323 §2.3: a shift above 14 is used as 14. */
const MAX_WINDOW_SHIFT = 14;

/** The TCP options a firewall's window tracking needs (both are only sent on SYNs). */
export interface TcpOptions {
  /** Maximum segment size option, or null when absent. */
  readonly mss: number | null;
  /** Window-scale shift (0–14), or null when absent. */
  readonly windowScale: number | null;
}

/**
 * Reads MSS and window scale from the option bytes `from`..`to` of a frame. Like the kernel's
 * tcp_parse_options, it stops at the end-of-list option or at the first option whose length
 * is impossible, keeping what it found before; wrong-length MSS or scale options are ignored.
 */
export function readTcpOptions(frame: Uint8Array, from: number, to: number): TcpOptions {
  let mss: number | null = null;
  let windowScale: number | null = null;
  let at = from;
  while (at < to) {
    const kind = frame[at];
    if (kind === END) break;
    if (kind === NOP) {
      at++;
      continue;
    }
    if (at + 1 >= to) break;
    const length = frame[at + 1];
    if (length < 2 || at + length > to) break;
    if (kind === MSS && length === 4) mss = u16(frame, at + 2);
    if (kind === WINDOW_SCALE && length === 3) {
      windowScale = Math.min(frame[at + 2], MAX_WINDOW_SHIFT);
    }
    at += length;
  }
  return { mss, windowScale };
}
