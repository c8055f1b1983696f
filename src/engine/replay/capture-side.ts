import type { PacketSink } from '../net/channel';
import type { NetworkContext } from '../net/network-context';
import { summarizePacket, type Packet } from '../net/packet';

/**
 * The network behind a router port in a capture replay (a host with role "capture"): it takes
 * what the router forwards to it and never answers — in a replay the capture already holds
 * every packet the other side sent.
 */
export class CaptureSide implements PacketSink {
  received = 0;

  constructor(
    private readonly ctx: NetworkContext,
    readonly name: string,
  ) {}

  receive(p: Packet): void {
    this.received++;
    this.ctx.counters.delivered++;
    if (this.ctx.trace.enabled) {
      this.ctx.trace.emit({
        kind: 'packet.deliver',
        atUs: this.ctx.nowUs,
        host: this.name,
        packet: summarizePacket(p),
      });
    }
    this.ctx.packets.release(p);
  }
}
