/** Longest line accepted; a peer sending more without CRLF is cut off, not buffered forever. */
export const MAX_LINE_BYTES = 4_096;

/**
 * Splits a TCP byte stream into CRLF-terminated text lines (RFC 959 Telnet lines), however
 * the lines were cut into segments.
 */
export class LineReader {
  private pending = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(bytes: Uint8Array, offset: number, length: number): void {
    for (let i = offset; i < offset + length; i++) {
      const c = bytes[i];
      if (c === 0x0a) {
        const line = this.pending.endsWith('\r') ? this.pending.slice(0, -1) : this.pending;
        this.pending = '';
        this.onLine(line);
      } else if (this.pending.length < MAX_LINE_BYTES) {
        this.pending += String.fromCharCode(c);
      }
    }
  }
}

/** The line plus CRLF as bytes. Control-channel text is ASCII (RFC 959 NVT-ASCII). */
export function encodeLine(line: string): Uint8Array {
  const bytes = new Uint8Array(line.length + 2);
  for (let i = 0; i < line.length; i++) bytes[i] = line.charCodeAt(i) & 0x7f;
  bytes[line.length] = 0x0d;
  bytes[line.length + 1] = 0x0a;
  return bytes;
}
