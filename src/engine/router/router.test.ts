import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../net/ipv4';
import { IPPROTO_UDP } from '../net/packet';
import type { RouterConfig } from '../scenarios/schema';
import { createSimulation, type Simulation } from '../simulation';

const A = parseIpv4('192.0.2.10');
const B = parseIpv4('198.51.100.20');
const C = parseIpv4('203.0.113.30');

function threePorts(router: Partial<RouterConfig> = {}): Simulation {
  const sim = createSimulation(
    {
      name: 'three-ports',
      router: {
        ports: [
          { name: 'eth0', prefix: '192.0.2.0/24' },
          { name: 'eth1', prefix: '198.51.100.0/24' },
          { name: 'eth2', prefix: '203.0.113.0/24' },
        ],
        ...router,
      },
      hosts: [
        { name: 'a', address: '192.0.2.10', port: 'eth0' },
        { name: 'b', address: '198.51.100.20', port: 'eth1' },
        { name: 'c', address: '203.0.113.30', port: 'eth2' },
      ],
      // These tests are about the router itself: no firewall in its inspection hook.
      firewall: { enabled: false },
    },
    { traceCapacity: 10_000 },
  );
  // Receivers listen on the test port, so no ICMP port-unreachable replies cross the router.
  for (const host of sim.hosts.values()) host.udp.bind(6000, () => {});
  return sim;
}

/** Hands the router a 1000-byte UDP packet at input port `inPort`, as if it had just arrived. */
function inject(sim: Simulation, inPort: number, src: number, dst: number, ttl = 64): void {
  const p = sim.ctx.packets.alloc(sim.nowUs);
  p.proto = IPPROTO_UDP;
  p.srcAddr = src;
  p.dstAddr = dst;
  p.srcPort = 5000;
  p.dstPort = 6000;
  p.ttl = ttl;
  p.setPayload(new Uint8Array(972), 0, 972);
  sim.router.receive(p, inPort);
}

const dropped = (sim: Simulation) =>
  Object.entries(sim.ctx.counters.droppedByReason()).filter(([, n]) => n > 0);

describe('Router', () => {
  it('forwards by longest prefix and decrements the TTL', () => {
    const sim = threePorts();
    inject(sim, 0, A, B);
    inject(sim, 0, A, C);
    sim.runUntil(10_000);
    expect(sim.hosts.get('b')?.received).toBe(1);
    expect(sim.hosts.get('c')?.received).toBe(1);
    const forwards = sim.trace.events().filter((e) => e.kind === 'router.forward');
    expect(forwards.map((e) => (e.kind === 'router.forward' ? e.outPort : ''))).toEqual([
      'eth1',
      'eth2',
    ]);
  });

  it('drops what has no route and what has run out of TTL, naming the reason', () => {
    const sim = threePorts();
    inject(sim, 0, A, parseIpv4('100.64.0.1'));
    inject(sim, 0, A, B, 1);
    sim.runUntil(10_000);
    expect(dropped(sim)).toEqual([
      ['no-route', 1],
      ['ttl-expired', 1],
    ]);
    expect(sim.ctx.packets.liveCount).toBe(0);
  });

  it('drops at a full input buffer while the routing processor is busy (drop-tail)', () => {
    const sim = threePorts({ processingUs: 50, inputQueuePackets: 4 });
    for (let i = 0; i < 10; i++) inject(sim, 0, A, B);
    sim.runUntil(100_000);
    expect(dropped(sim)).toEqual([['input-queue-full', 6]]);
    expect(sim.hosts.get('b')?.received).toBe(4);
  });

  it('drops at a full output queue: one on the wire, the queue full, the rest refused', () => {
    const sim = threePorts({ outputQueuePackets: 2 });
    for (let i = 0; i < 10; i++) inject(sim, 0, A, B);
    sim.runUntil(100_000);
    expect(dropped(sim)).toEqual([['output-queue-full', 7]]);
    expect(sim.hosts.get('b')?.received).toBe(3);
    expect(sim.ctx.counters.forwarded).toBe(3);
  });

  it('shares an output fairly between inputs (iSLIP round robin), one packet per slot', () => {
    const sim = threePorts({ fabricSlotUs: 5 });
    for (let i = 0; i < 4; i++) {
      inject(sim, 0, A, B);
      inject(sim, 2, C, B);
    }
    sim.runUntil(100_000);
    const forwards = sim.trace.events().flatMap((e) => (e.kind === 'router.forward' ? [e] : []));
    expect(forwards.map((e) => e.inPort)).toEqual([
      'eth0',
      'eth2',
      'eth0',
      'eth2',
      'eth0',
      'eth2',
      'eth0',
      'eth2',
    ]);
    expect(forwards.map((e) => e.atUs)).toEqual([5, 10, 15, 20, 25, 30, 35, 40]);
  });

  it('moves packets to different outputs in the same slot', () => {
    const sim = threePorts({ fabricSlotUs: 5 });
    inject(sim, 0, A, B);
    inject(sim, 2, C, A);
    inject(sim, 1, B, C);
    sim.runUntil(100_000);
    const forwards = sim.trace
      .events()
      .flatMap((e) => (e.kind === 'router.forward' ? [e.atUs] : []));
    expect(forwards).toEqual([5, 5, 5]);
  });
});
