import type { RetransmissionCounter, TcpHandler, TcpSocket } from '../../net/tcp/socket';

/** Bytes a data connection may bring before its role is known; more aborts it. */
const MAX_EARLY_BYTES = 1 << 20;

/**
 * A data connection whose role (send or receive a file) may be known before or after the
 * connection is up — in passive mode clients usually connect first, then send RETR. Once both
 * the socket and the role are there, the role's handler takes over the socket. Bytes that
 * arrive before then (a peer that did not wait for the 150 reply, or whose command was
 * delayed) are kept and handed to the role, as a socket's receive buffer would keep them.
 */
export class DataChannel implements TcpHandler {
  socket: TcpSocket | null = null;
  private role: TcpHandler | null = null;
  private early: Uint8Array[] = [];
  private earlyBytes = 0;
  private peerClosedEarly = false;

  constructor(
    private readonly counter: RetransmissionCounter,
    private readonly onUp: () => void,
  ) {}

  connected(s: TcpSocket): void {
    this.socket = s;
    s.counter = this.counter;
    this.startIfReady();
  }

  data(s: TcpSocket, bytes: Uint8Array, offset: number, length: number): void {
    this.earlyBytes += length;
    if (this.earlyBytes > MAX_EARLY_BYTES)
      return s.abort('too much data before the transfer command');
    this.early.push(bytes.slice(offset, offset + length));
  }

  peerClosed(): void {
    this.peerClosedEarly = true;
  }

  aborted(s: TcpSocket, reason: string): void {
    this.role?.aborted?.(s, reason);
  }

  assign(role: TcpHandler): void {
    this.role = role;
    this.startIfReady();
  }

  private startIfReady(): void {
    const s = this.socket;
    const role = this.role;
    if (s === null || role === null) return;
    s.handler = role;
    this.onUp();
    role.connected?.(s);
    for (const chunk of this.early) role.data?.(s, chunk, 0, chunk.length);
    this.early = [];
    if (this.peerClosedEarly) role.peerClosed?.(s);
  }
}
