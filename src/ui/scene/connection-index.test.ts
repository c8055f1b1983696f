import { describe, expect, it } from 'vitest';
import type { PacketSummary, Simulation, TraceEvent } from '../../engine';
import { Trace } from '../../engine/sim/trace';
import { Recorder } from '../record/recorder';
import { ConnectionIndex, MAX_TUPLES } from './connection-index';

/** Flow n: a client of its own (ports are 16-bit fields) to one web server. */
function packet(n: number, reply = false): PacketSummary {
  const client = { addr: `10.${n >> 16}.${(n >> 8) & 255}.${n & 255}`, port: 1_000 + (n % 50_000) };
  const server = { addr: '198.51.100.80', port: 80 };
  const [from, to] = reply ? [server, client] : [client, server];
  return {
    id: n,
    proto: 'tcp',
    src: from.addr,
    dst: to.addr,
    sport: from.port,
    dport: to.port,
    flags: 'ACK',
    seq: 0,
    ack: 0,
    len: 0,
    bytes: 40,
    ttl: 64,
    ipId: 0,
    window: 0,
    icmpType: null,
    icmpCode: null,
    text: null,
  };
}

/** The index asked as the scene asks it: by packet id, the summary at hand. */
const lookup = (index: ConnectionIndex, p: PacketSummary) => index.connectionOf(p.id, () => p);

const verdict = (n: number, connection = `#${n}`, judged = packet(n)): TraceEvent => ({
  kind: 'firewall.verdict',
  atUs: n,
  verdict: 'accept',
  reason: 'rule 1',
  ctState: 'new',
  connection,
  packet: judged,
});

describe('ConnectionIndex', () => {
  it('names both directions, prefers the newest owner of a tuple, and stays bounded', () => {
    const trace = new Trace<TraceEvent>(1);
    const index = new ConnectionIndex(new Recorder({ trace } as unknown as Simulation, 10));
    trace.emit(verdict(1));
    expect(lookup(index, packet(1, true))).toBe('#1');
    trace.emit(verdict(1, '#1 again')); // the port reused by a newer connection
    expect(lookup(index, packet(1))).toBe('#1 again');

    // Far more connections than it remembers: the latest are known, the earliest forgotten,
    // and one that keeps sending is learnt again from its next verdict.
    const n = MAX_TUPLES * 2;
    for (let i = 2; i < n; i++) {
      trace.emit(verdict(i));
      if (i % 1000 === 0) trace.emit(verdict(2));
    }
    expect(lookup(index, packet(n - 1, true))).toBe(`#${n - 1}`);
    expect(lookup(index, packet(n - MAX_TUPLES / 4))).toBe(`#${n - MAX_TUPLES / 4}`);
    expect(lookup(index, packet(2))).toBe('#2');
    expect(lookup(index, packet(3))).toBeNull();
  });

  it("keeps the verdict's own answer for the packet it named, past the router", () => {
    const trace = new Trace<TraceEvent>(1);
    const index = new ConnectionIndex(new Recorder({ trace } as unknown as Simulation, 10));
    const withId = (id: number, n: number): PacketSummary => ({ ...packet(n), id });
    trace.emit(verdict(7, '#A', withId(500, 7)));
    trace.emit(verdict(7, '#B', withId(501, 7))); // the tuple's newer owner
    expect(lookup(index, withId(500, 7))).toBe('#A'); // named by its own verdict
    expect(lookup(index, withId(502, 7))).toBe('#B'); // not yet judged: by its tuple
  });

  it("answers a packet not yet judged by its tuple's latest owner, frame after frame", () => {
    const trace = new Trace<TraceEvent>(1);
    const index = new ConnectionIndex(new Recorder({ trace } as unknown as Simulation, 10));
    const withId = (id: number, n: number): PacketSummary => ({ ...packet(n), id });
    trace.emit(verdict(7, '#A', withId(500, 7)));
    expect(lookup(index, withId(600, 7))).toBe('#A'); // on its way to the router
    trace.emit(verdict(8, '#B', withId(501, 7))); // the tuple's newer owner
    expect(lookup(index, withId(600, 7))).toBe('#B');
    trace.emit(verdict(9, '#C', withId(600, 7))); // its own verdict
    expect(lookup(index, withId(600, 7))).toBe('#C');
  });
});

describe('ConnectionIndex, looking up packets', () => {
  it('numbers nothing for a packet no verdict paired, and answers it once one does', () => {
    const trace = new Trace<TraceEvent>(1);
    const index = new ConnectionIndex(new Recorder({ trace } as unknown as Simulation, 10));
    // Far more strangers looked up than there are pairs to number, frame after frame.
    for (let n = 0; n < 100_000; n++) expect(lookup(index, packet(n))).toBeNull();
    trace.emit(verdict(5, '#5', { ...packet(5), id: 900_000 }));
    expect(lookup(index, packet(5))).toBe('#5');
    expect(lookup(index, packet(5, true))).toBe('#5');
  });
});
