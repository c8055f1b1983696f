import { invariant } from '../../errors';
import type { RetransmissionCounter, TcpHandler, TcpSocket } from '../../net/tcp/socket';

/**
 * A data connection whose role (send or receive a file) may be known before or after the
 * connection is up — in passive mode clients usually connect first, then send RETR. Once both
 * the socket and the role are there, the role's handler takes over the socket.
 */
export class DataChannel implements TcpHandler {
  socket: TcpSocket | null = null;
  private role: TcpHandler | null = null;

  constructor(
    private readonly counter: RetransmissionCounter,
    private readonly onUp: () => void,
  ) {}

  connected(s: TcpSocket): void {
    this.socket = s;
    s.counter = this.counter;
    this.startIfReady();
  }

  data(): void {
    // The protocol assigns the role (RETR/STOR, 150) before any byte can flow.
    invariant(false, 'data arrived on an FTP data connection before its role was known');
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
    if (s === null || this.role === null) return;
    s.handler = this.role;
    this.onUp();
    this.role.connected?.(s);
  }
}
