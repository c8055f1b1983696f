import type { Pcg32 } from '../sim/prng';
import type { LinkConfig } from '../scenarios/schema';
import { DropReason } from './drop-reason';
import type { NetworkContext } from './network-context';
import { summarizePacket, type Packet } from './packet';

/** Where a channel delivers: a host, or a router input port (`port` says which). */
export interface PacketSink {
  receive(packet: Packet, port: number): void;
}

/**
 * One direction of a link: a transmitter with a bounded FIFO queue, a serialisation rate and
 * a propagation delay, plus optional seeded loss, duplication and reordering.
 *
 * The queue is kept analytically: a packet's transmission start is known when it is queued
 * (the link is FIFO), so only its arrival is an event. Transmission times are kept in
 * nanoseconds so that small packets on fast links do not each round up to a whole microsecond.
 */
export class Channel {
  private busyUntilNs = 0;
  /** Transmission start times (ns) of accepted packets, oldest first; a ring. */
  private readonly starts: Float64Array;
  private head = 0;
  private length = 0;
  /** Extra loss while link-loss faults are active: the highest of their rates. */
  faultLossRate = 0;
  private readonly faultRates: number[] = [];
  sink: PacketSink | null = null;
  sinkPort = 0;

  // Counters
  packetsSent = 0;
  bytesSent = 0;
  packetsLost = 0;
  packetsDuplicated = 0;
  packetsReordered = 0;

  constructor(
    private readonly ctx: NetworkContext,
    private readonly registry: ChannelRegistry,
    readonly index: number,
    readonly name: string,
    readonly config: LinkConfig,
    readonly queueLimit: number,
    private readonly rng: Pcg32,
  ) {
    this.starts = new Float64Array(queueLimit + 1);
  }

  /** Packets waiting to start transmission now (not counting the one on the wire). */
  queueLength(): number {
    const nowNs = this.ctx.nowUs * 1000;
    while (this.length > 0 && this.starts[this.head] <= nowNs) {
      this.head = this.head + 1 === this.starts.length ? 0 : this.head + 1;
      this.length--;
    }
    return this.length;
  }

  /** A link-loss fault starts (on) or ends (off); overlapping faults keep the worst rate. */
  setFault(rate: number, on: boolean): void {
    if (on) this.faultRates.push(rate);
    else this.faultRates.splice(this.faultRates.indexOf(rate), 1);
    this.faultLossRate = this.faultRates.length === 0 ? 0 : Math.max(...this.faultRates);
  }

  hasRoom(): boolean {
    return this.queueLength() < this.queueLimit;
  }

  /**
   * Queues the packet for transmission. Returns false without taking the packet when the
   * queue is full: the caller drops it with its own reason (host queue vs output queue).
   */
  send(p: Packet): boolean {
    if (!this.hasRoom()) return false;
    const nowUs = this.ctx.nowUs;
    const startNs = Math.max(nowUs * 1000, this.busyUntilNs);
    const bytes = p.ipBytes;
    const endNs = startNs + Math.ceil((bytes * 8e9) / this.config.bandwidthBps);
    this.busyUntilNs = endNs;
    if (startNs > nowUs * 1000) {
      let tail = this.head + this.length;
      if (tail >= this.starts.length) tail -= this.starts.length;
      this.starts[tail] = startNs;
      this.length++;
    }
    this.packetsSent++;
    this.bytesSent += bytes;

    let arriveUs = Math.ceil(endNs / 1000) + this.config.delayUs;
    const rng = this.rng;
    const lost = rng.chance(this.config.lossRate) || rng.chance(this.faultLossRate);
    const duplicated = !lost && rng.chance(this.config.duplicateRate);
    if (!lost && rng.chance(this.config.reorderRate)) {
      arriveUs += this.config.reorderDelayUs;
      this.packetsReordered++;
    }
    if (this.ctx.trace.enabled) this.traceTransmit(p, endNs, arriveUs, lost, duplicated);
    const kind = lost ? this.registry.lostKind : this.registry.arriveKind;
    this.ctx.scheduler.at(arriveUs, kind, this.index, p.slot);
    if (duplicated) {
      this.packetsDuplicated++;
      this.ctx.scheduler.at(
        arriveUs,
        this.registry.arriveKind,
        this.index,
        this.ctx.packets.clone(p).slot,
      );
    }
    return true;
  }

  private traceTransmit(
    p: Packet,
    endNs: number,
    arriveUs: number,
    lost: boolean,
    duplicated: boolean,
  ) {
    this.ctx.trace.emit({
      kind: 'link.transmit',
      atUs: this.ctx.nowUs,
      link: this.name,
      txEndUs: Math.ceil(endNs / 1000),
      arriveUs,
      lost,
      duplicated,
      packet: summarizePacket(p),
    });
  }

  arrive(p: Packet): void {
    const sink = this.sink;
    if (sink === null) throw new Error(`channel ${this.name} has no receiver`);
    sink.receive(p, this.sinkPort);
  }

  lose(p: Packet): void {
    this.packetsLost++;
    this.ctx.drop(p, DropReason.linkLoss, this.name);
  }
}

/** Owns every channel and the two event kinds they use (arrival and loss on the wire). */
export class ChannelRegistry {
  readonly channels: Channel[] = [];
  readonly arriveKind: number;
  readonly lostKind: number;

  constructor(private readonly ctx: NetworkContext) {
    this.arriveKind = ctx.scheduler.register('link.arrive', (channel, slot) =>
      this.channels[channel].arrive(ctx.packets.get(slot)),
    );
    this.lostKind = ctx.scheduler.register('link.lost', (channel, slot) =>
      this.channels[channel].lose(ctx.packets.get(slot)),
    );
  }

  create(name: string, config: LinkConfig, queueLimit: number): Channel {
    const index = this.channels.length;
    const channel = new Channel(
      this.ctx,
      this,
      index,
      name,
      config,
      queueLimit,
      this.ctx.rng.fork(index + 1),
    );
    this.channels.push(channel);
    return channel;
  }
}
