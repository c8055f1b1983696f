import type { Pcg32 } from '../sim/prng';
import type { HostConfig, TcpConfig } from '../scenarios/schema';
import type { Channel, PacketSink } from './channel';
import { DropReason } from './drop-reason';
import type { NetworkContext } from './network-context';
import {
  ICMP_ECHO_REPLY,
  ICMP_ECHO_REQUEST,
  IPPROTO_ICMP,
  IPPROTO_TCP,
  IPPROTO_UDP,
  type Packet,
} from './packet';
import { TcpStack, type TcpHost } from './tcp/stack';
import type { TcpTimers } from './tcp/timers';
import { UdpStack } from './udp';

export const ICMP_DEST_UNREACHABLE = 3;
export const ICMP_PORT_UNREACHABLE = 3;

/**
 * An end host with one network interface: a TCP stack, a UDP stack, and answers to ICMP echo.
 * Its link to the router is `uplink`; the router's link back delivers to receive().
 */
export class Host implements PacketSink, TcpHost {
  readonly tcp: TcpStack;
  readonly udp: UdpStack;
  uplink: Channel | null = null;
  received = 0;
  private nextIpId = 0;

  constructor(
    private readonly ctx: NetworkContext,
    readonly index: number,
    readonly config: HostConfig,
    readonly address: number,
    tcpConfig: TcpConfig,
    timers: TcpTimers,
    rng: Pcg32,
  ) {
    this.tcp = new TcpStack(this, ctx, tcpConfig, rng, timers);
    this.udp = new UdpStack(ctx, address, (p) => this.send(p));
  }

  get name(): string {
    return this.config.name;
  }

  /** Puts a packet on the host's link; a full transmit queue drops it. */
  send(p: Packet): void {
    p.ipId = this.nextIpId;
    this.nextIpId = (this.nextIpId + 1) & 0xffff;
    if ((this.uplink as Channel).send(p)) {
      this.ctx.counters.sent++;
    } else {
      this.ctx.drop(p, DropReason.hostQueueFull, this.name);
    }
  }

  receive(p: Packet): void {
    if (p.dstAddr !== this.address) {
      this.ctx.drop(p, DropReason.notForHost, this.name);
      return;
    }
    this.received++;
    this.ctx.delivered(p, this.name);
    switch (p.proto) {
      case IPPROTO_TCP:
        this.tcp.receive(p);
        break;
      case IPPROTO_UDP:
        if (!this.udp.receive(p)) this.icmpReply(p, ICMP_DEST_UNREACHABLE, ICMP_PORT_UNREACHABLE);
        break;
      case IPPROTO_ICMP:
        if (p.icmpType === ICMP_ECHO_REQUEST) this.icmpReply(p, ICMP_ECHO_REPLY, 0);
        break;
    }
    this.ctx.packets.release(p);
  }

  /** Echo reply (same id, sequence and data) or a destination-unreachable report. */
  private icmpReply(to: Packet, type: number, code: number): void {
    const p = this.ctx.packets.alloc(this.ctx.nowUs);
    p.proto = IPPROTO_ICMP;
    p.srcAddr = this.address;
    p.dstAddr = to.srcAddr;
    p.icmpType = type;
    p.icmpCode = code;
    if (type === ICMP_ECHO_REPLY) {
      p.icmpId = to.icmpId;
      p.icmpSeq = to.icmpSeq;
      p.setPayload(to.payload, 0, to.payloadLen);
    }
    this.send(p);
  }
}
