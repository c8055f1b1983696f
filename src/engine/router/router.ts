import type { Channel, PacketSink } from '../net/channel';
import { DropReason } from '../net/drop-reason';
import type { Ipv4Prefix } from '../net/ipv4';
import type { NetworkContext } from '../net/network-context';
import { summarizePacket, type Packet } from '../net/packet';
import type { RouterConfig } from '../scenarios/schema';
import { CrossbarFabric } from './fabric';
import { ACCEPT, HELD, passThrough, type InspectionHook } from './inspection';
import { PacketFifo } from './packet-fifo';
import { RoutingTable } from './routing-table';

/** Sees every packet crossing a router port (an export to a capture file); null when none. */
export interface PortTap {
  crossed(p: Packet, portIndex: number, direction: 'inbound' | 'outbound'): void;
}

/** One router port: an input side with its buffer and an output side feeding a link. */
export class RouterPort {
  /** Packets waiting for the routing processor (only when processing takes time). */
  readonly awaiting: PacketFifo;
  /** Packets held by this input: awaiting processing plus in its virtual output queues. */
  occupancy = 0;
  /** The link towards the attached host, or null when nothing is plugged in. */
  out: Channel | null = null;
  received = 0;
  forwarded = 0;
  readonly inWhere: string;
  readonly outWhere: string;

  constructor(
    readonly index: number,
    readonly name: string,
    readonly prefix: Ipv4Prefix,
    capacity: number,
    routerName: string,
  ) {
    this.awaiting = new PacketFifo(capacity);
    this.inWhere = `${routerName} ${name} in`;
    this.outWhere = `${routerName} ${name} out`;
  }
}

/**
 * The router of FIG. 3: input ports with bounded buffers, a routing processor that runs the
 * inspection hook and a longest-prefix lookup, a crossbar switching fabric, and output ports
 * whose bounded transmit queues feed the links.
 */
export class Router implements PacketSink {
  readonly ports: RouterPort[];
  readonly routing = new RoutingTable();
  readonly fabric: CrossbarFabric;
  inspection: InspectionHook = passThrough;
  tap: PortTap | null = null;
  /** Simulated time packets spent held by inspection (synchronous checkpoint writes), summed. */
  heldUs = 0;
  /** Packets that were held at all. */
  heldPackets = 0;
  private readonly processedKind: number;
  private readonly releasedKind: number;
  private inService: Packet | null = null;
  private inServicePort = 0;
  private nextInput = 0;

  constructor(
    private readonly ctx: NetworkContext,
    readonly config: RouterConfig,
    ports: ReadonlyArray<{ name: string; prefix: Ipv4Prefix }>,
  ) {
    this.ports = ports.map(
      (p, i) => new RouterPort(i, p.name, p.prefix, config.inputQueuePackets, config.name),
    );
    this.ports.forEach((p) => this.routing.add(p.prefix, p.index));
    this.fabric = new CrossbarFabric(
      ctx,
      this.ports.length,
      config.fabricSlotUs,
      config.inputQueuePackets,
      (i, o, p) => this.toOutput(i, o, p),
    );
    this.processedKind = ctx.scheduler.register('router.processed', () => this.finishService());
    this.releasedKind = ctx.scheduler.register('router.released', (slot, inPort) =>
      this.release(slot, inPort),
    );
  }

  get name(): string {
    return this.config.name;
  }

  /** Routing-processor time per packet: the router's own plus what inspection adds. */
  get serviceUs(): number {
    return this.config.processingUs + this.inspection.costUs;
  }

  /** A packet arrives at an input port from its link. */
  receive(p: Packet, portIndex: number): void {
    const port = this.ports[portIndex];
    port.received++;
    this.tap?.crossed(p, portIndex, 'inbound');
    if (port.occupancy >= this.config.inputQueuePackets) {
      this.ctx.drop(p, DropReason.inputQueueFull, port.inWhere);
      return;
    }
    port.occupancy++;
    if (this.serviceUs === 0) {
      this.process(p, port);
      return;
    }
    port.awaiting.push(p);
    if (this.inService === null) this.startService();
  }

  /** Starts processing the next waiting packet, taking input ports in round-robin order. */
  private startService(): void {
    const n = this.ports.length;
    for (let k = 0; k < n; k++) {
      const port = this.ports[(this.nextInput + k) % n];
      if (port.awaiting.length === 0) continue;
      this.nextInput = (port.index + 1) % n;
      this.inService = port.awaiting.shift();
      this.inServicePort = port.index;
      this.ctx.scheduler.after(this.serviceUs, this.processedKind);
      return;
    }
  }

  private finishService(): void {
    const p = this.inService as Packet;
    this.inService = null;
    this.process(p, this.ports[this.inServicePort]);
    this.startService();
  }

  /** Routing, then inspection; an accepted packet joins the fabric's virtual output queue. */
  private process(p: Packet, port: RouterPort): void {
    if (p.ttl <= 1) return this.refuse(p, port, DropReason.ttlExpired);
    let out = this.routing.lookup(p.dstAddr);
    if (out >= 0 && this.ports[out].out === null) out = -1;
    // Inspection sees unroutable packets too (the broadcast-storm guard counts them), then
    // the router drops them.
    const verdict = this.inspection.inspect(p, port.index, out, this.ctx.nowUs);
    if (verdict === HELD) return; // still in this input's buffer; the hook gives it back
    if (verdict !== ACCEPT) return this.refuse(p, port, verdict);
    if (out < 0) return this.refuse(p, port, DropReason.noRoute);
    p.ttl--;
    const hold = this.inspection.holdUs;
    if (hold > 0) {
      this.heldUs += hold;
      this.heldPackets++;
      this.ctx.scheduler.after(hold, this.releasedKind, p.slot, port.index);
      return;
    }
    this.fabric.enqueue(port.index, out, p);
  }

  /** A held packet is dropped after all (the firewall crashed again while holding it). */
  refuseHeld(p: Packet, inPort: number, reason: number): void {
    this.refuse(p, this.ports[inPort], reason);
  }

  /** A packet the inspection hook held comes back: it goes through processing again. */
  reprocess(p: Packet, inPort: number): void {
    this.process(p, this.ports[inPort]);
  }

  /** A held packet may go on: the write it waited for is done. */
  private release(slot: number, inPort: number): void {
    const p = this.ctx.packets.get(slot);
    const out = this.routing.lookup(p.dstAddr);
    this.fabric.enqueue(inPort, out, p);
  }

  /**
   * Sends a packet the router itself originates (a firewall reject: TCP reset or ICMP
   * unreachable) out of a port, bypassing inspection and the fabric.
   */
  originate(p: Packet, portIndex: number): void {
    const port = this.ports[portIndex];
    const link = port.out;
    if (link === null) return this.ctx.drop(p, DropReason.noRoute, port.outWhere);
    if (!link.hasRoom()) return this.ctx.drop(p, DropReason.outputQueueFull, port.outWhere);
    this.tap?.crossed(p, portIndex, 'outbound');
    link.send(p);
    port.forwarded++;
    this.ctx.counters.originated++;
  }

  private refuse(p: Packet, port: RouterPort, reason: number): void {
    port.occupancy--;
    this.ctx.drop(p, reason as (typeof DropReason)[keyof typeof DropReason], port.inWhere);
  }

  private toOutput(inIndex: number, outIndex: number, p: Packet): void {
    const inPort = this.ports[inIndex];
    const outPort = this.ports[outIndex];
    inPort.occupancy--;
    const link = outPort.out as Channel;
    if (!link.hasRoom()) {
      this.ctx.drop(p, DropReason.outputQueueFull, outPort.outWhere);
      return;
    }
    outPort.forwarded++;
    this.ctx.counters.forwarded++;
    this.tap?.crossed(p, outIndex, 'outbound');
    if (this.ctx.trace.enabled) {
      this.ctx.trace.emit({
        kind: 'router.forward',
        atUs: this.ctx.nowUs,
        router: this.name,
        inPort: inPort.name,
        outPort: outPort.name,
        packet: summarizePacket(p),
      });
    }
    link.send(p);
  }
}
