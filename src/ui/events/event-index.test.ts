import { describe, expect, it } from 'vitest';
import { builtinScenarios, createSimulation, type TraceEvent } from '../../engine';
import { Recorder } from '../record/recorder';
import { ArraySource, CONTROL, summary, synJourney } from './event-fixture';
import { EventIndex } from './event-index';

function indexed(events: readonly TraceEvent[]): { index: EventIndex; source: ArraySource } {
  const source = new ArraySource(events);
  const index = new EventIndex(source);
  index.sync();
  return { index, source };
}

const reply = summary({
  id: 2,
  src: '198.51.100.20',
  sport: 21,
  dst: '192.0.2.10',
  dport: 50047,
  flags: 'S.',
});

describe('EventIndex', () => {
  it("finds a packet's connection through the verdict on it, even before the connection existed", () => {
    const events = synJourney();
    const { index } = indexed(events);
    events.forEach((e, seq) => expect(index.connectionOf(e, seq)).toBe(CONTROL));
    expect(index.packetEvents(1).map((n) => n.event.kind)).toEqual([
      'link.transmit',
      'firewall.verdict',
      'router.forward',
      'packet.deliver',
    ]);
  });

  it('finds the connection of a reply and of a socket by the 5-tuple, either direction', () => {
    const transmit: TraceEvent = {
      ...(synJourney()[0] as Extract<TraceEvent, { kind: 'link.transmit' }>),
      packet: reply,
    };
    const state: TraceEvent = {
      kind: 'tcp.state',
      atUs: 3000,
      host: 'server',
      socket: '198.51.100.20:21 → 192.0.2.10:50047',
      from: 'LISTEN',
      to: 'SYN-RECEIVED',
    };
    const { index } = indexed([...synJourney(), transmit, state]);
    expect(index.connectionOf(transmit, 5)).toBe(CONTROL);
    expect(index.connectionOf(state, 6)).toBe(CONTROL);
  });

  it('tells apart connections that reuse a 5-tuple by when they were created', () => {
    const again = CONTROL.replace('#1', '#7');
    const first = synJourney();
    const second = synJourney(summary({ id: 9 })).map((e) =>
      e.kind === 'firewall.connection' ? { ...e, connection: again } : e,
    );
    const { index } = indexed([...first, ...second]);
    expect(index.connectionOf(first[3], 3)).toBe(CONTROL);
    expect(index.connectionOf(second[0], 5)).toBe(again); // its verdict says so
    expect(index.connectionOf(second[4], 9)).toBe(again);
  });

  it('puts a packet the firewall refused in no connection', () => {
    const packet = summary({ id: 5, src: '192.0.2.66' });
    const refused: TraceEvent = {
      kind: 'firewall.verdict',
      atUs: 1,
      verdict: 'drop',
      reason: 'rule 3',
      ctState: 'new',
      connection: null,
      packet,
    };
    const { index } = indexed([refused]);
    expect(index.connectionOf(refused, 0)).toBeNull();
  });

  it('forgets packets whose events left the ring, and reads on from where it was', () => {
    const { index, source } = indexed(synJourney());
    source.events.push(...synJourney(summary({ id: 2 })));
    source.dropped = 5;
    index.sync();
    expect(index.packetEvents(1)).toEqual([]);
    expect(index.packetEvents(2).map((n) => n.seq)).toEqual([5, 7, 8, 9]);
  });

  it('takes in a bounded slice of events a call, the oldest first, until it has them all', () => {
    const sim = createSimulation(builtinScenarios['ftp-crash']);
    const recorder = new Recorder(sim);
    sim.runUntil(40_000);
    const whole = new EventIndex(recorder);
    whole.sync();
    const sliced = new EventIndex(recorder);
    const calls: boolean[] = [];
    const slice = Math.ceil(recorder.total / 3);
    while (calls.length < 10 && (calls.length === 0 || !calls[calls.length - 1]))
      calls.push(sliced.sync(slice));
    expect(calls).toEqual([false, false, true]);
    expect(sliced.synced).toBe(recorder.total);
    for (let seq = recorder.firstSeq; seq < recorder.total; seq++) {
      const e = recorder.get(seq)!;
      expect(sliced.connectionOf(e, seq)).toBe(whole.connectionOf(e, seq));
    }
  });

  it('finds the connections of a real run', () => {
    const sim = createSimulation(builtinScenarios['ftp-crash']);
    const recorder = new Recorder(sim);
    sim.runUntil(40_000);
    const index = new EventIndex(recorder);
    index.sync();
    const control = new Set<string | null>();
    for (let seq = recorder.firstSeq; seq < recorder.total; seq++) {
      const e = recorder.get(seq)!;
      if ('packet' in e && (e.packet.sport === 21 || e.packet.dport === 21))
        control.add(index.connectionOf(e, seq));
    }
    expect([...control]).toEqual([CONTROL]);
  });

  it('forgets the oldest flows past its bound, in the order they were first seen', () => {
    // One more connection than flows remembered (100,000), each its own 5-tuple.
    const n = 100_001;
    const idOf = (i: number) =>
      `tcp 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}:40000 → 198.51.100.20:80 #${i + 1}`;
    const events: TraceEvent[] = Array.from({ length: n }, (_, i) => ({
      kind: 'firewall.connection',
      atUs: i,
      event: 'new',
      connection: idOf(i),
      detail: 'rule 1',
    }));
    const { index } = indexed(events);
    const socketOf = (i: number): TraceEvent => ({
      kind: 'tcp.state',
      atUs: n,
      host: 'server',
      socket: `198.51.100.20:80 → 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}:40000`,
      from: 'LISTEN',
      to: 'SYN-RECEIVED',
    });
    expect(index.connectionOf(socketOf(0), n)).toBeNull(); // the first, forgotten
    expect(index.connectionOf(socketOf(1), n)).toBe(idOf(1));
    expect(index.connectionOf(socketOf(n - 1), n)).toBe(idOf(n - 1));
  });
});
