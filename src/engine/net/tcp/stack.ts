import { violated } from '../../errors';
import type { Pcg32 } from '../../sim/prng';
import type { TcpConfig } from '../../scenarios/schema';
import type { NetworkContext } from '../network-context';
import { IPPROTO_TCP, TCP_ACK, TCP_RST, TCP_SYN, type Packet } from '../packet';
import { fillResetFor } from './reset';
import { RingBufferPool } from './byte-ring';
import { TcpSocket, type TcpHandler } from './socket';
import { TcpState } from './tcp-state';
import type { TcpTimers } from './timers';

/** The host as the TCP stack sees it: its address, its name and its way out. */
export interface TcpHost {
  readonly name: string;
  readonly address: number;
  send(p: Packet): void;
}

/** Called when a connection to a listening port is established; returns its handler. */
export type AcceptCallback = (socket: TcpSocket) => TcpHandler;

/** Linux's default ephemeral port range (net.ipv4.ip_local_port_range). */
const EPHEMERAL_LOW = 32_768;
const EPHEMERAL_HIGH = 60_999;

/**
 * A host's TCP: demultiplexes arriving segments to sockets by (remote address, local port,
 * remote port) with numeric keys — a map per remote address, keyed by the two ports packed
 * into one integer — answers unknown segments with RST, and accepts on listening ports.
 */
export class TcpStack {
  private readonly listeners = new Map<number, AcceptCallback>();
  private readonly byRemote = new Map<number, Map<number, TcpSocket>>();
  private readonly portUse = new Map<number, number>();
  private nextEphemeral: number;
  private lastSocket: TcpSocket | null = null;
  /** Connections currently open (any state but CLOSED and LISTEN). */
  openSockets = 0;
  /** Send buffers of this host's closed sockets, for its next ones. */
  readonly ringPool = new RingBufferPool();

  constructor(
    readonly host: TcpHost,
    readonly ctx: NetworkContext,
    readonly config: TcpConfig,
    readonly rng: Pcg32,
    readonly timers: TcpTimers,
  ) {
    this.nextEphemeral = rng.nextInRange(EPHEMERAL_LOW, EPHEMERAL_HIGH);
  }

  listen(port: number, accept: AcceptCallback): void {
    if (this.listeners.has(port)) violated(`${this.host.name} already listens on TCP port ${port}`);
    this.listeners.set(port, accept);
    this.usePort(port);
  }

  unlisten(port: number): void {
    if (this.listeners.delete(port)) this.releasePort(port);
  }

  /** Active open to remote:port from an ephemeral (or the given) local port. */
  connect(remoteAddr: number, remotePort: number, handler: TcpHandler, localPort = -1): TcpSocket {
    const port = localPort >= 0 ? localPort : this.ephemeralPort();
    const socket = this.register(port, remoteAddr, remotePort);
    socket.handler = handler;
    socket.openActive();
    return socket;
  }

  /** A free port from the ephemeral range, searched sequentially from a seeded start. */
  ephemeralPort(): number {
    const span = EPHEMERAL_HIGH - EPHEMERAL_LOW + 1;
    for (let k = 0; k < span; k++) {
      const port = this.nextEphemeral;
      this.nextEphemeral = port === EPHEMERAL_HIGH ? EPHEMERAL_LOW : port + 1;
      if (!this.portUse.has(port)) return port;
    }
    throw new Error(`${this.host.name}: no free ephemeral port`);
  }

  receive(p: Packet): void {
    const socket = this.lookup(p.srcAddr, p.dstPort, p.srcPort);
    if (socket !== null) {
      socket.receive(p);
      return;
    }
    const accept = this.listeners.get(p.dstPort);
    if (accept !== undefined && (p.flags & (TCP_SYN | TCP_ACK | TCP_RST)) === TCP_SYN) {
      const child = this.register(p.dstPort, p.srcAddr, p.srcPort);
      child.openPassive(p);
      return;
    }
    if (!(p.flags & TCP_RST)) this.refuse(p);
  }

  /** A passive connection completed its handshake: hand it to its listener. */
  accepted(socket: TcpSocket): void {
    const accept = this.listeners.get(socket.localPort);
    if (accept === undefined) {
      socket.abort('listener closed');
      return;
    }
    socket.handler = accept(socket);
  }

  remove(socket: TcpSocket): void {
    const forRemote = this.byRemote.get(socket.remoteAddr);
    const key = portsKey(socket.localPort, socket.remotePort);
    if (forRemote?.get(key) !== socket) return;
    forRemote.delete(key);
    if (forRemote.size === 0) this.byRemote.delete(socket.remoteAddr);
    if (this.lastSocket === socket) this.lastSocket = null;
    this.releasePort(socket.localPort);
    this.timers.detach(socket);
    socket.sendBuffer.release();
    this.openSockets--;
  }

  /** A packet from this host to `remoteAddr`, with the TCP ports filled in. */
  newPacket(remoteAddr: number, localPort: number, remotePort: number): Packet {
    const p = this.ctx.packets.alloc(this.ctx.nowUs);
    p.proto = IPPROTO_TCP;
    p.srcAddr = this.host.address;
    p.dstAddr = remoteAddr;
    p.srcPort = localPort;
    p.dstPort = remotePort;
    return p;
  }

  transmit(p: Packet): void {
    this.host.send(p);
  }

  private register(localPort: number, remoteAddr: number, remotePort: number): TcpSocket {
    let forRemote = this.byRemote.get(remoteAddr);
    if (forRemote === undefined) {
      forRemote = new Map();
      this.byRemote.set(remoteAddr, forRemote);
    }
    const key = portsKey(localPort, remotePort);
    if (forRemote.has(key))
      violated(`${this.host.name}: connection already exists on port ${localPort}`);
    const socket = new TcpSocket(this, localPort, remoteAddr, remotePort);
    forRemote.set(key, socket);
    this.usePort(localPort);
    this.timers.attach(socket);
    this.openSockets++;
    return socket;
  }

  private lookup(remoteAddr: number, localPort: number, remotePort: number): TcpSocket | null {
    const last = this.lastSocket;
    if (
      last !== null &&
      last.remoteAddr === remoteAddr &&
      last.localPort === localPort &&
      last.remotePort === remotePort
    ) {
      return last;
    }
    const socket = this.byRemote.get(remoteAddr)?.get(portsKey(localPort, remotePort)) ?? null;
    if (socket !== null && socket.state !== TcpState.closed) this.lastSocket = socket;
    return socket;
  }

  /** RST for a segment no socket wants (RFC 9293 §3.10.7.1). */
  private refuse(p: Packet): void {
    const rst = this.newPacket(p.srcAddr, p.dstPort, p.srcPort);
    fillResetFor(p, rst);
    this.transmit(rst);
  }

  private usePort(port: number): void {
    this.portUse.set(port, (this.portUse.get(port) ?? 0) + 1);
  }

  private releasePort(port: number): void {
    const n = (this.portUse.get(port) ?? 0) - 1;
    if (n <= 0) this.portUse.delete(port);
    else this.portUse.set(port, n);
  }
}

function portsKey(localPort: number, remotePort: number): number {
  return localPort * 65_536 + remotePort;
}
