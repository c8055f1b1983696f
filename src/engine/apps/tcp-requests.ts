import type { Host } from '../net/host';
import type { TcpHandler, TcpSocket } from '../net/tcp/socket';
import type { Pcg32 } from '../sim/prng';
import type { TcpRequestsTraffic } from '../scenarios/schema';
import type { AppTimers, TimedApp } from './app-timers';
import type { FileContent } from './file-content';
import type { Flow } from './flow';
import { pumpContent } from './ftp/file-transfer';
import type { SessionDirectory } from './session-directory';

/** One request/response exchange as both ends see it. */
export interface Exchange {
  readonly flow: Flow;
  readonly request: FileContent;
  readonly response: FileContent;
}

/**
 * Many short TCP connections, like HTTP/1.0 fetches: each connects at a seeded random time,
 * sends its request, reads the response until the server closes, then closes.
 */
export class RequestClient implements TimedApp {
  private readonly handle: number;

  constructor(
    private readonly host: Host,
    private readonly serverAddr: number,
    private readonly config: TcpRequestsTraffic,
    private readonly exchanges: readonly Exchange[],
    private readonly sessions: SessionDirectory<Exchange>,
    timers: AppTimers,
    private readonly nowUs: () => number,
    rng: Pcg32,
  ) {
    this.handle = timers.add(this);
    exchanges.forEach((_, k) =>
      timers.at(this.handle, config.startUs + rng.nextBelow(config.spreadUs + 1), k),
    );
  }

  onTimer(k: number): void {
    const exchange = this.exchanges[k];
    exchange.flow.start(this.nowUs());
    const socket = this.host.tcp.connect(
      this.serverAddr,
      this.config.port,
      new ClientConnection(exchange, this.nowUs),
    );
    socket.counter = exchange.flow;
    this.sessions.set(this.host.address, socket.localPort, exchange);
  }
}

class ClientConnection implements TcpHandler {
  private sent = 0;
  private received = 0;

  constructor(
    private readonly exchange: Exchange,
    private readonly nowUs: () => number,
  ) {}

  connected(s: TcpSocket): void {
    this.sent = pumpContent(s, this.exchange.request, this.sent);
  }

  writable(s: TcpSocket): void {
    this.sent = pumpContent(s, this.exchange.request, this.sent);
  }

  data(_s: TcpSocket, _b: Uint8Array, _o: number, length: number): void {
    this.received += length;
    this.exchange.flow.progress(length, this.nowUs());
  }

  peerClosed(s: TcpSocket): void {
    s.close();
    const { flow, response } = this.exchange;
    if (this.received === response.size) flow.complete(this.nowUs());
    else flow.fail(this.nowUs(), `response cut after ${this.received} of ${response.size} bytes`);
  }

  aborted(_s: TcpSocket, reason: string): void {
    this.exchange.flow.abort(this.nowUs(), reason);
  }
}

/** The server side: reads the whole request, answers, closes. One per (host, port). */
export class RequestServer {
  constructor(
    host: Host,
    port: number,
    private readonly sessions: SessionDirectory<Exchange>,
    private readonly nowUs: () => number,
  ) {
    host.tcp.listen(port, (s) => this.accept(s));
  }

  private accept(s: TcpSocket): TcpHandler {
    const exchange = this.sessions.get(s.remoteAddr, s.remotePort);
    if (exchange === undefined) {
      s.abort('no such exchange');
      return {};
    }
    s.counter = exchange.flow;
    return new ServerConnection(exchange, this.nowUs);
  }
}

class ServerConnection implements TcpHandler {
  private received = 0;
  private sent = -1; // -1: still reading the request

  constructor(
    private readonly exchange: Exchange,
    private readonly nowUs: () => number,
  ) {}

  data(s: TcpSocket, _b: Uint8Array, _o: number, length: number): void {
    this.received += length;
    this.exchange.flow.progress(length, this.nowUs());
    if (this.sent < 0 && this.received >= this.exchange.request.size) {
      this.sent = 0;
      this.writable(s);
    }
  }

  writable(s: TcpSocket): void {
    if (this.sent < 0) return;
    this.sent = pumpContent(s, this.exchange.response, this.sent);
    if (this.sent === this.exchange.response.size) s.close();
  }

  peerClosed(s: TcpSocket): void {
    s.close();
  }

  aborted(_s: TcpSocket, reason: string): void {
    this.exchange.flow.abort(this.nowUs(), reason);
  }
}
