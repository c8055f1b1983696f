import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Pcg32 } from '../../sim/prng';
import { createSimulation, type Simulation } from '../../simulation';
import { twoHosts } from '../../testing/scenarios';
import type { Host } from '../host';
import type { TcpHandler, TcpSocket } from './socket';

interface Transfer {
  sim: Simulation;
  received: number[];
  lastByteUs: number;
  events: string[];
  client: TcpSocket;
}

function hosts(sim: Simulation): [Host, Host] {
  return [sim.hosts.get('a') as Host, sim.hosts.get('b') as Host];
}

/** a sends `data` to b's port 80 and closes; b collects every byte and closes when a does. */
function transfer(data: Uint8Array, link: Record<string, unknown>, seed = 7, tcp = {}): Transfer {
  const sim = createSimulation(twoHosts({ tcp }, link), { seed });
  const [a, b] = hosts(sim);
  const received: number[] = [];
  const events: string[] = [];
  let lastByteUs = -1;
  b.tcp.listen(80, () => ({
    data: (_s, bytes, offset, length) => {
      for (let i = offset; i < offset + length; i++) received.push(bytes[i]);
      lastByteUs = sim.nowUs;
    },
    peerClosed: (s) => {
      events.push('b:peerClosed');
      s.close();
    },
    closed: () => events.push('b:closed'),
    aborted: (_s, reason) => events.push(`b:aborted ${reason}`),
  }));
  let sent = 0;
  const pump = (s: TcpSocket) => {
    while (sent < data.length && s.writableBytes > 0)
      sent += s.write(data, sent, data.length - sent);
    if (sent === data.length) s.close();
  };
  const handler: TcpHandler = {
    connected: pump,
    writable: pump,
    peerClosed: () => events.push('a:peerClosed'),
    closed: () => events.push('a:closed'),
    aborted: (_s, reason) => events.push(`a:aborted ${reason}`),
  };
  const client = a.tcp.connect(b.address, 80, handler);
  sim.runUntil(120_000_000);
  return { sim, received, lastByteUs, events, client };
}

function randomBytes(n: number, seed: number): Uint8Array {
  const rng = new Pcg32(seed);
  return Uint8Array.from({ length: n }, () => rng.nextU32() & 255);
}

describe('TCP', () => {
  it('moves a byte stream exactly, then closes both ways through TIME-WAIT', () => {
    const data = randomBytes(300_000, 1);
    const { sim, received, events, client } = transfer(data, {});
    expect(received.length).toBe(data.length);
    expect(Buffer.from(received).equals(Buffer.from(data))).toBe(true);
    expect(events).toEqual(['b:peerClosed', 'a:peerClosed', 'a:closed', 'b:closed']);
    expect(client.stateName).toBe('CLOSED'); // TIME-WAIT (60 s) has ended within 120 s
    expect(sim.tcpTimers.attached).toBe(0);
    expect(sim.ctx.packets.liveCount).toBe(0);
  });

  it('moves a byte stream exactly over links that lose, duplicate and reorder', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 0xffff }),
        fc.constantFrom(0.01, 0.05),
        fc.integer({ min: 1, max: 120_000 }),
        (seed, rate, size) => {
          const data = randomBytes(size, seed);
          const link = {
            lossRate: rate,
            duplicateRate: rate,
            reorderRate: rate,
            reorderDelayUs: 3_000,
          };
          const { received, events } = transfer(data, link, seed);
          expect(events.filter((e) => e.includes('aborted'))).toEqual([]);
          expect(received.length).toBe(size);
          expect(Buffer.from(received).equals(Buffer.from(data))).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('is refused with RST by a port nobody listens on', () => {
    const sim = createSimulation(twoHosts());
    const [a, b] = hosts(sim);
    const events: string[] = [];
    a.tcp.connect(b.address, 9, { aborted: (_s, reason) => events.push(reason) });
    sim.runUntil(1_000_000);
    expect(events).toEqual(['connection refused']);
  });

  it('gives up connecting after the configured SYN retries, backing off each time', () => {
    const sim = createSimulation(
      twoHosts({
        tcp: { synRetries: 3, initialRtoUs: 1_000_000 },
        faults: [{ kind: 'link-loss', host: 'b', fromUs: 0, toUs: 1_000_000_000 }],
      }),
    );
    const [a, b] = hosts(sim);
    const retransmits: number[] = [];
    sim.trace.subscribe((e) => {
      if (e.kind === 'tcp.retransmit') retransmits.push(e.atUs);
    });
    let failedAt = -1;
    a.tcp.connect(b.address, 80, { aborted: () => (failedAt = sim.nowUs) });
    sim.runUntil(100_000_000);
    expect(retransmits).toEqual([1_000_000, 3_000_000, 7_000_000]); // 1 s, then 2 s, 4 s
    expect(failedAt).toBe(15_000_000); // the last wait is 8 s
  });

  it('answers a repeated SYN with its SYN-ACK again when the first was lost', () => {
    const sim = createSimulation(
      twoHosts({
        firewall: { enabled: false }, // TCP alone: no checkpoint writes shifting the timing
        faults: [
          { kind: 'link-loss', host: 'b', direction: 'to-router', fromUs: 1_500, toUs: 2_500 },
        ],
      }),
      { traceCapacity: 1000 },
    );
    const [a, b] = hosts(sim);
    b.tcp.listen(80, () => ({}));
    let connectedAt = -1;
    a.tcp.connect(b.address, 80, { connected: () => (connectedAt = sim.nowUs) });
    sim.runUntil(3_000_000);
    // b's answers to the repeated SYN: a SYN-ACK, not a bare ACK that the client would ignore.
    const fromB = sim.trace
      .events()
      .flatMap((e) =>
        e.kind === 'link.transmit' && e.link.startsWith('b →') && e.atUs > 500_000
          ? [e.packet.flags]
          : [],
      );
    expect(fromB.slice(0, 2)).toEqual(['S.', 'S.']); // the answer and b's own timer's copy
    expect(connectedAt).toBeLessThan(1_010_000); // one SYN timeout (1 s) plus a round trip
  });

  it('gives up FIN-WAIT-2 after finTimeoutUs when the peer never closes', () => {
    const sim = createSimulation(twoHosts({ tcp: { finTimeoutUs: 5_000_000 } }));
    const [a, b] = hosts(sim);
    b.tcp.listen(80, () => ({})); // never closes its side: stays in CLOSE-WAIT
    const client = a.tcp.connect(b.address, 80, { connected: (s) => s.close() });
    sim.runUntil(1_000_000);
    expect(client.stateName).toBe('FIN-WAIT-2');
    sim.runUntil(7_000_000);
    expect(client.stateName).toBe('CLOSED');
    expect(sim.tcpTimers.attached).toBe(1); // only the server's CLOSE-WAIT socket is left
  });

  it('passes through the RFC state sequence on both sides', () => {
    const sim = createSimulation(twoHosts(), { traceCapacity: 1000 });
    const [a, b] = hosts(sim);
    b.tcp.listen(80, () => ({ peerClosed: (s) => s.close() }));
    a.tcp.connect(b.address, 80, { connected: (s) => s.close() });
    sim.runUntil(100_000_000);
    const states = (host: string) =>
      sim.trace.events().flatMap((e) => (e.kind === 'tcp.state' && e.host === host ? [e.to] : []));
    expect(states('a')).toEqual([
      'SYN-SENT',
      'ESTABLISHED',
      'FIN-WAIT-1',
      'FIN-WAIT-2',
      'TIME-WAIT',
      'CLOSED',
    ]);
    expect(states('b')).toEqual([
      'SYN-RECEIVED',
      'ESTABLISHED',
      'CLOSE-WAIT',
      'LAST-ACK',
      'CLOSED',
    ]);
  });

  it('fills a 100 Mbit/s path once out of slow start', () => {
    const data = randomBytes(5_000_000, 3);
    const { received, lastByteUs } = transfer(data, {});
    expect(received.length).toBe(data.length);
    // 5 MB at 100 Mbit/s is 0.4 s of serialisation; headers and slow start add a little.
    const goodputBps = (data.length * 8 * 1e6) / lastByteUs;
    expect(goodputBps).toBeGreaterThan(90_000_000);
    expect(goodputBps).toBeLessThan(100_000_000);
  });
});
