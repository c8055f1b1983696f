import { parseIpv4 } from '../net/ipv4';
import { IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP, type Packet } from '../net/packet';
import type { ScenarioInput } from '../scenarios/schema';
import { createSimulation, type Simulation } from '../simulation';
import type { TraceEvent } from '../trace-event';
import { twoHosts } from './scenarios';

export const INSIDE = parseIpv4('192.0.2.10');
export const OUTSIDE = parseIpv4('198.51.100.20');

/**
 * Test helper: a router with its firewall (inside host on eth0, outside host on eth1), into
 * which tests hand crafted packets as if they had just arrived on a port, and read back the
 * firewall's verdicts from the trace.
 */
export class Injector {
  readonly sim: Simulation;
  private readonly verdicts: Array<Extract<TraceEvent, { kind: 'firewall.verdict' }>> = [];

  constructor(firewall: ScenarioInput['firewall'] = {}) {
    this.sim = createSimulation(
      twoHosts({
        router: {
          ports: [
            { name: 'eth0', prefix: '192.0.2.0/24', zone: 'inside' },
            { name: 'eth1', prefix: '198.51.100.0/24', zone: 'outside' },
          ],
        },
        firewall,
      }),
    );
    this.sim.trace.subscribe((e) => {
      if (e.kind === 'firewall.verdict') this.verdicts.push(e);
    });
    // Nothing answers: the hosts get the packets but these tests look only at the router.
    for (const h of this.sim.hosts.values())
      h.receive = (p: Packet) => this.sim.ctx.packets.release(p);
  }

  /** Moves the clock forward (µs). */
  wait(us: number): void {
    this.sim.runUntil(this.sim.nowUs + us);
  }

  /** A TCP segment from inside (port 0) or outside (port 1); returns the verdict text. */
  tcp(
    fromInside: boolean,
    sport: number,
    dport: number,
    flags: number,
    seq: number,
    ack: number,
    data = '',
  ): string {
    return this.send(fromInside, (p) => {
      p.proto = IPPROTO_TCP;
      p.srcPort = sport;
      p.dstPort = dport;
      p.flags = flags;
      p.seq = seq >>> 0;
      p.ack = ack >>> 0;
      p.window = 65_535;
      const bytes = Uint8Array.from(data, (c) => c.charCodeAt(0));
      p.setPayload(bytes, 0, bytes.length);
    });
  }

  udp(fromInside: boolean, sport: number, dport: number, dst?: number): string {
    return this.send(
      fromInside,
      (p) => {
        p.proto = IPPROTO_UDP;
        p.srcPort = sport;
        p.dstPort = dport;
        p.setPayload(new Uint8Array(100), 0, 100);
      },
      dst,
    );
  }

  icmp(fromInside: boolean, type: number, id: number): string {
    return this.send(fromInside, (p) => {
      p.proto = IPPROTO_ICMP;
      p.icmpType = type;
      p.icmpId = id;
    });
  }

  /** The readable ids of the connections in the table now. */
  live(): string[] {
    return [...(this.sim.firewall?.conntrack.table.live() ?? [])].map((c) => c.history.id);
  }

  private send(fromInside: boolean, fill: (p: Packet) => void, dst?: number): string {
    const p = this.sim.ctx.packets.alloc(this.sim.nowUs);
    p.srcAddr = fromInside ? INSIDE : OUTSIDE;
    p.dstAddr = dst ?? (fromInside ? OUTSIDE : INSIDE);
    fill(p);
    const before = this.verdicts.length;
    this.sim.router.receive(p, fromInside ? 0 : 1);
    const v = this.verdicts[before];
    return v === undefined ? 'no verdict' : `${v.verdict}: ${v.reason} [${v.ctState}]`;
  }
}
