import type { PacketSink } from '../net/channel';
import type { NetworkContext } from '../net/network-context';
import type { Packet } from '../net/packet';

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
    this.ctx.delivered(p, this.name);
    this.ctx.packets.release(p);
  }
}
