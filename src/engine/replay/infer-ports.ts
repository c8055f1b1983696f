import type { CapturePacket } from '../capture/capture-packet';
import { formatIpv4, parseIpv4 } from '../net/ipv4';
import type { ReplayPortSpec } from './replay-scenario';

/** A router has at most 16 ports (the scenario limit): 15 networks and a catch-all. */
const MAX_NETWORKS = 15;
/** Distinct networks counted; more are lumped together (a scan, a busy uplink). */
const MAX_COUNTED_NETWORKS = 4_096;
const NETWORK_MASK = 0xffffff00;
const SYN = 0x02;
const ACK = 0x10;

/**
 * Guesses the router a capture went through when none is given (a file dropped on the page):
 * one port per /24 network that sends packets, the busiest first, and a catch-all 0.0.0.0/0
 * port for the rest — added when some source or destination lies outside them, so nothing
 * the capture holds goes unrouted. The network of the first connection's opener (the first SYN; else the
 * first packet's source) is the inside port, so the default ruleset lets its clients out.
 * Fed packet by packet while the file is read once; holds one counter per network.
 */
export class PortInference {
  private readonly counts = new Map<number, number>();
  /** Destination networks (bounded as the sources are): a catch-all is needed beyond them. */
  private readonly destinations = new Set<number>();
  private opener: number | null = null;
  private first: number | null = null;
  private lumped = 0;

  observe(p: CapturePacket): void {
    if (p.network !== 'ipv4') return;
    const net = (parseIpv4(p.src) & NETWORK_MASK) >>> 0;
    const to = (parseIpv4(p.dst) & NETWORK_MASK) >>> 0;
    if (this.destinations.size < MAX_COUNTED_NETWORKS) this.destinations.add(to);
    else if (!this.destinations.has(to)) this.lumped++;
    this.first ??= net;
    if (this.opener === null && p.tcp !== null && (p.tcp.flags & (SYN | ACK)) === SYN) {
      this.opener = net;
    }
    const count = this.counts.get(net);
    if (count !== undefined) this.counts.set(net, count + 1);
    else if (this.counts.size < MAX_COUNTED_NETWORKS) this.counts.set(net, 1);
    else this.lumped++;
  }

  /** Whether any IPv4 packet was seen: without one there is nothing to replay. */
  get empty(): boolean {
    return this.first === null;
  }

  /** The ports: at least two when any IPv4 packet was seen (a catch-all completes them). */
  ports(): ReplayPortSpec[] {
    const inside = this.opener ?? this.first;
    const busiest = [...this.counts.entries()]
      .filter(([net]) => net !== inside)
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .map(([net]) => net);
    const nets = inside === null ? busiest : [inside, ...busiest];
    const kept = nets.slice(0, MAX_NETWORKS);
    const ports: ReplayPortSpec[] = kept.map((net, i) => ({
      name: i === 0 ? 'lan' : i === 1 ? 'wan' : `wan${i}`,
      prefix: `${formatIpv4(net)}/24`,
      zone: i === 0 ? 'inside' : 'outside',
    }));
    const covered = new Set(kept);
    const uncovered = [...this.destinations].some((net) => !covered.has(net));
    if (ports.length < 2 || kept.length < nets.length || this.lumped > 0 || uncovered) {
      ports.push({ name: 'other', prefix: '0.0.0.0/0', zone: 'outside' });
    }
    return ports;
  }
}
