import { violated } from '../errors';
import type { NetworkContext } from './network-context';
import { IPPROTO_UDP, type Packet } from './packet';

/** Receives datagrams for a bound port; the packet is recycled after the call. */
export type DatagramHandler = (packet: Packet) => void;

/** A host's UDP: ports bound to handlers. */
export class UdpStack {
  private readonly bound = new Map<number, DatagramHandler>();

  constructor(
    private readonly ctx: NetworkContext,
    private readonly address: number,
    private readonly send: (p: Packet) => void,
  ) {}

  bind(port: number, handler: DatagramHandler): void {
    if (this.bound.has(port)) violated(`UDP port ${port} is already bound`);
    this.bound.set(port, handler);
  }

  /** Returns false when no one listens on the destination port. */
  receive(p: Packet): boolean {
    const handler = this.bound.get(p.dstPort);
    if (handler === undefined) return false;
    handler(p);
    return true;
  }

  sendTo(
    dstAddr: number,
    srcPort: number,
    dstPort: number,
    payload: Uint8Array,
    length: number,
  ): void {
    const p = this.ctx.packets.alloc(this.ctx.nowUs);
    p.proto = IPPROTO_UDP;
    p.srcAddr = this.address;
    p.dstAddr = dstAddr;
    p.srcPort = srcPort;
    p.dstPort = dstPort;
    p.setPayload(payload, 0, length);
    this.send(p);
  }
}
