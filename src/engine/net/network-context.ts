import type { Pcg32 } from '../sim/prng';
import type { Scheduler } from '../sim/scheduler';
import { Trace } from '../sim/trace';
import type { TraceEvent } from '../trace-event';
import { DropReason, dropReasonNames, type DropReasonCode } from './drop-reason';
import { summarizePacket, type Packet } from './packet';
import { PacketPool } from './packet-pool';

/** Packet counts of a whole run. */
export class PacketCounters {
  /** Packets hosts put on their links (first transmissions and retransmissions). */
  sent = 0;
  /** Packets the router handed to an output port on their way through. */
  forwarded = 0;
  /** Packets the router sent itself (a firewall reject's TCP reset or ICMP unreachable). */
  originated = 0;
  /** Packets that reached the host they were addressed to. */
  delivered = 0;
  readonly dropped = new Float64Array(dropReasonNames.length);

  droppedTotal(): number {
    let total = 0;
    for (const n of this.dropped) total += n;
    return total;
  }

  droppedByReason(): Record<string, number> {
    const out: Record<string, number> = {};
    dropReasonNames.forEach((name, code) => (out[name] = this.dropped[code]));
    return out;
  }
}

/** What every network element shares: the clock, the packet pool, the trace and the counters. */
export class NetworkContext {
  readonly packets: PacketPool;
  readonly counters = new PacketCounters();

  constructor(
    readonly scheduler: Scheduler,
    readonly trace: Trace<TraceEvent>,
    readonly rng: Pcg32,
  ) {
    this.packets = new PacketPool();
  }

  get nowUs(): number {
    return this.scheduler.nowUs;
  }

  /** Counts and traces a packet reaching the host (or capture side) `host`; the caller keeps it. */
  delivered(packet: Packet, host: string): void {
    this.counters.delivered++;
    if (this.trace.enabled) {
      this.trace.emit({
        kind: 'packet.deliver',
        atUs: this.scheduler.nowUs,
        host,
        packet: summarizePacket(packet),
      });
    }
  }

  /** Counts, traces and recycles a dropped packet. */
  drop(packet: Packet, reason: DropReasonCode, where: string): void {
    this.counters.dropped[reason]++;
    if (this.trace.enabled) {
      this.trace.emit({
        kind: 'packet.drop',
        atUs: this.scheduler.nowUs,
        where,
        reason: dropReasonNames[reason],
        packet: summarizePacket(packet),
      });
    }
    this.packets.release(packet);
  }
}

export { DropReason };
