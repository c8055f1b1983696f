import { describe, expect, it } from 'vitest';
import type { PacketSummary, Simulation, TraceEvent } from '../../engine';
import { Trace } from '../../engine/sim/trace';
import { Recorder } from '../record/recorder';
import fc from 'fast-check';
import { ConnectionIndex, MAX_KEY_ADDRESSES, MAX_TUPLES, TupleKeys } from './connection-index';

function packet(n: number, reply = false): PacketSummary {
  const client = { addr: '192.0.2.10', port: 1_000 + n };
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
  } as PacketSummary;
}

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
    expect(index.connectionOf(packet(1, true))).toBe('#1');
    trace.emit(verdict(1, '#1 again')); // the port reused by a newer connection
    expect(index.connectionOf(packet(1))).toBe('#1 again');

    // Far more connections than it remembers: the latest are known, the earliest forgotten,
    // and one that keeps sending is learnt again from its next verdict.
    const n = MAX_TUPLES * 2;
    for (let i = 2; i < n; i++) {
      trace.emit(verdict(i));
      if (i % 1000 === 0) trace.emit(verdict(2));
    }
    expect(index.connectionOf(packet(n - 1, true))).toBe(`#${n - 1}`);
    expect(index.connectionOf(packet(n - MAX_TUPLES / 4))).toBe(`#${n - MAX_TUPLES / 4}`);
    expect(index.connectionOf(packet(2))).toBe('#2');
    expect(index.connectionOf(packet(3))).toBeNull();
  });

  it("keeps the verdict's own answer for the packet it named, past the router", () => {
    const trace = new Trace<TraceEvent>(1);
    const index = new ConnectionIndex(new Recorder({ trace } as unknown as Simulation, 10));
    const withId = (id: number, n: number): PacketSummary => ({ ...packet(n), id });
    trace.emit(verdict(7, '#A', withId(500, 7)));
    trace.emit(verdict(7, '#B', withId(501, 7))); // the tuple's newer owner
    expect(index.connectionOf(withId(500, 7))).toBe('#A'); // named by its own verdict
    expect(index.connectionOf(withId(502, 7))).toBe('#B'); // not yet judged: by its tuple
  });

  it("answers a packet not yet judged by its tuple's latest owner, frame after frame", () => {
    const trace = new Trace<TraceEvent>(1);
    const index = new ConnectionIndex(new Recorder({ trace } as unknown as Simulation, 10));
    const withId = (id: number, n: number): PacketSummary => ({ ...packet(n), id });
    trace.emit(verdict(7, '#A', withId(500, 7)));
    expect(index.connectionOf(withId(600, 7))).toBe('#A'); // on its way to the router
    trace.emit(verdict(8, '#B', withId(501, 7))); // the tuple's newer owner
    expect(index.connectionOf(withId(600, 7))).toBe('#B');
    trace.emit(verdict(9, '#C', withId(600, 7))); // its own verdict
    expect(index.connectionOf(withId(600, 7))).toBe('#C');
  });
});

describe('TupleKeys', () => {
  const summary = (
    proto: PacketSummary['proto'],
    src: string,
    sport: number,
    dst: string,
    dport: number,
  ) => ({ ...packet(1), proto, src, sport, dst, dport }) as PacketSummary;
  const address = fc.integer({ min: 1, max: 20 }).map((n) => `10.0.0.${n}`);
  const port = fc.integer({ min: 0, max: 65_535 });
  const proto = fc.constantFrom('tcp' as const, 'udp' as const, 'other' as const);

  it('gives a flow one key each way, distinct flows distinct keys, all exact integers', () => {
    fc.assert(
      fc.property(
        fc.tuple(proto, address, port, address, port),
        fc.tuple(proto, address, port, address, port),
        (a, b) => {
          const keys = new TupleKeys(() => {});
          const ka = keys.forward(summary(...a));
          expect(Number.isSafeInteger(ka)).toBe(true);
          const [p, src, sport, dst, dport] = a;
          expect(keys.reverse(summary(p, dst, dport, src, sport))).toBe(ka);
          const same = a.every((v, i) => v === b[i]);
          expect(keys.forward(summary(...b)) === ka).toBe(same);
        },
      ),
    );
  });

  it('keys an ICMP echo by its id alone, both ways', () => {
    const keys = new TupleKeys(() => {});
    const request = summary('icmp', '10.0.0.1', 7, '10.0.0.2', 1);
    const reply = summary('icmp', '10.0.0.2', 7, '10.0.0.1', 2);
    expect(keys.reverse(reply)).toBe(keys.forward(request));
    expect(keys.forward(summary('icmp', '10.0.0.1', 7, '10.0.0.2', 9))).toBe(keys.forward(request));
    expect(keys.forward(summary('icmp', '10.0.0.1', 8, '10.0.0.2', 1))).not.toBe(
      keys.forward(request),
    );
  });

  it('numbers addresses afresh past its bound, and says so', () => {
    let restarts = 0;
    const keys = new TupleKeys(() => restarts++);
    const flow = (n: number) => summary('tcp', `10.0.${n >> 8}.${n & 255}`, 1, '192.0.2.1', 80);
    for (let n = 0; n < MAX_KEY_ADDRESSES - 1; n++) keys.forward(flow(n));
    expect(restarts).toBe(0);
    const before = keys.forward(flow(MAX_KEY_ADDRESSES)); // the source is the 513th address
    expect(restarts).toBe(1);
    expect(keys.forward(flow(MAX_KEY_ADDRESSES))).toBe(before);
    expect(keys.reverse(summary('tcp', '192.0.2.1', 80, `10.0.2.0`, 1))).toBe(before);
  });
});

describe('ConnectionIndex past the addresses it numbers', () => {
  it('forgets what it learnt and learns again from the next verdicts', () => {
    const trace = new Trace<TraceEvent>(1);
    const index = new ConnectionIndex(new Recorder({ trace } as unknown as Simulation, 10));
    const from = (n: number, id: number): PacketSummary => ({
      ...packet(1),
      id,
      src: `10.${n >> 16}.${(n >> 8) & 255}.${n & 255}`,
    });
    // 511 clients and the server: every address it numbers.
    for (let n = 0; n < MAX_KEY_ADDRESSES - 1; n++) trace.emit(verdict(n, `#${n}`, from(n, n)));
    expect(index.connectionOf(from(3, 100_000))).toBe('#3'); // by its tuple
    trace.emit(verdict(9_999, '#new', from(MAX_KEY_ADDRESSES, 9_999))); // one address too many
    expect(index.connectionOf(from(3, 100_001))).toBeNull(); // forgotten
    expect(index.connectionOf(from(MAX_KEY_ADDRESSES, 100_002))).toBe('#new');
    expect(index.connectionOf(from(3, 3))).toBe('#3'); // its own verdict's answer stays
  });
});
