import type { TcpHandler, TcpSocket } from '../../net/tcp/socket';
import { crc32 } from '../../util/crc32';
import type { FileContent } from '../file-content';
import type { Flow } from '../flow';

const CHUNK_BYTES = 64 * 1024;
const scratch = new Uint8Array(CHUNK_BYTES);

/**
 * Writes the content's bytes from `offset` into the socket while its send buffer has room;
 * returns the new offset. Applications call it again when the socket becomes writable.
 */
export function pumpContent(s: TcpSocket, content: FileContent, offset: number): number {
  while (offset < content.size && s.writableBytes > 0) {
    const n = Math.min(s.writableBytes, content.size - offset, CHUNK_BYTES);
    content.read(offset, scratch, 0, n);
    offset += s.write(scratch, 0, n);
  }
  return offset;
}

/**
 * Streams a file into a TCP connection as fast as its send buffer drains, then closes it.
 * `onEnd(ok)` fires when the connection has closed cleanly (every byte acknowledged) or failed.
 */
export class FileSender implements TcpHandler {
  private offset = 0;

  constructor(
    private readonly file: FileContent,
    private readonly flow: Flow,
    private readonly nowUs: () => number,
    private readonly onEnd: (ok: boolean, reason: string) => void,
  ) {}

  connected(s: TcpSocket): void {
    this.pump(s);
  }

  writable(s: TcpSocket): void {
    this.pump(s);
  }

  private pump(s: TcpSocket): void {
    this.offset = pumpContent(s, this.file, this.offset);
    if (this.offset === this.file.size) s.close();
  }

  closed(): void {
    this.onEnd(true, '');
  }

  aborted(_s: TcpSocket, reason: string): void {
    this.flow.abort(this.nowUs(), reason);
    this.onEnd(false, reason);
  }
}

/**
 * Receives a file from a TCP connection: counts and checksums the bytes in order, and when
 * the sender closes, completes the flow if every byte arrived.
 */
export class FileReceiver implements TcpHandler {
  received = 0;
  crc = 0;

  constructor(
    private readonly flow: Flow,
    private readonly nowUs: () => number,
    private readonly onEnd: (ok: boolean, reason: string) => void,
  ) {}

  data(_s: TcpSocket, bytes: Uint8Array, offset: number, length: number): void {
    this.crc = crc32(bytes, offset, length, this.crc);
    this.received += length;
    this.flow.progress(length, this.nowUs());
    this.flow.setExtra('contentCrc32', this.crc);
  }

  peerClosed(s: TcpSocket): void {
    s.close();
    const now = this.nowUs();
    if (this.received === this.flow.bytesGoal) {
      this.flow.complete(now);
      this.onEnd(true, '');
    } else {
      const reason = `connection closed after ${this.received} of ${this.flow.bytesGoal} bytes`;
      this.flow.fail(now, reason);
      this.onEnd(false, reason);
    }
  }

  aborted(_s: TcpSocket, reason: string): void {
    this.flow.abort(this.nowUs(), reason);
    this.onEnd(false, reason);
  }
}
