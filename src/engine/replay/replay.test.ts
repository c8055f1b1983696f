import { describe, expect, it } from 'vitest';
import { createSimulation } from '../simulation';
import { parseScenario } from '../scenarios/validate';
import {
  arp,
  ethernet,
  icmp,
  ipv4,
  ipv6,
  pcapFile,
  tcpFrame,
  udp,
} from '../testing/capture/test-captures';
import { asReplayScenario, replayScenario } from './replay-scenario';
import { bytesSource } from './replay-source';
import { runReplay } from './run-replay';
import { sourcePort } from './source-port';
import { parsePrefix } from '../net/ipv4';
import { HELD_AT_END, NOT_INSPECTED } from './replay-outcomes';
import { REPLAY_TAIL_US } from './replay-injector';

const LAN = '192.0.2.10';
const WAN = '198.51.100.20';
const ports = () =>
  replayScenario([
    { name: 'lan', prefix: '192.0.2.0/24' },
    { name: 'wan', prefix: '198.51.100.0/24' },
  ]);
const SYN = 0x02;
const SYN_ACK = 0x12;
const ACK = 0x10;

/** A capture of records at the given microsecond offsets from 1,700,000,000 s. */
function capture(records: Array<{ us: number; data: Uint8Array }>): Uint8Array {
  return pcapFile({
    littleEndian: true,
    records: records.map((r) => ({ seconds: 1_700_000_000, fraction: r.us, data: r.data })),
  });
}

const handshake = [
  {
    us: 100,
    data: tcpFrame({ srcPort: 40000, dstPort: 80, flags: SYN, seq: 1 }, { src: LAN, dst: WAN }),
  },
  {
    us: 300,
    data: tcpFrame(
      { srcPort: 80, dstPort: 40000, flags: SYN_ACK, seq: 9, ack: 2 },
      { src: WAN, dst: LAN },
    ),
  },
  {
    us: 400,
    data: tcpFrame(
      { srcPort: 40000, dstPort: 80, flags: ACK, seq: 2, ack: 10 },
      { src: LAN, dst: WAN },
    ),
  },
];

function run(bytes: Uint8Array, extra: object = {}, chunkBytes?: number) {
  return runReplay({ ...ports(), ...extra }, () => bytesSource(bytes, chunkBytes), {
    keepVerdicts: true,
  });
}

describe('runReplay', () => {
  it('injects each packet at the port facing its source, at its time since the first packet', () => {
    const times: Array<[number, number, string]> = [];
    runReplay(ports(), () => bytesSource(capture(handshake)), {
      onSimulation: (sim) =>
        sim.trace.subscribe((e) => {
          if (e.kind === 'replay.inject') times.push([e.frame, e.atUs, e.port]);
        }),
    });
    expect(times).toEqual([
      [1, 0, 'lan'],
      [2, 200, 'wan'],
      [3, 300, 'lan'],
    ]);
  });

  it('gives each frame its fate under the default ruleset: new from inside accepted, from outside dropped', () => {
    const stray = tcpFrame({ srcPort: 1234, dstPort: 22, flags: SYN }, { src: WAN, dst: LAN });
    const report = run(capture([...handshake, { us: 500, data: stray }]));
    expect(report.verdicts).toEqual([
      {
        frame: 1,
        verdict: 'accept',
        reason: 'rule 4',
        connection: expect.stringMatching(/^tcp 192\.0\.2\.10:40000 → 198\.51\.100\.20:80 #/),
      },
      {
        frame: 2,
        verdict: 'accept',
        reason: 'rule 3',
        connection: report.verdicts?.[0].connection,
      },
      {
        frame: 3,
        verdict: 'accept',
        reason: 'rule 3',
        connection: report.verdicts?.[0].connection,
      },
      { frame: 4, verdict: 'drop', reason: 'policy (forward)', connection: null },
    ]);
    expect(report.replay).toMatchObject({ replayed: 4, accepted: 3, dropped: 1 });
    expect(report.firewall.connections[0].states).toEqual(['SYN_SENT', 'SYN_RECV', 'ESTABLISHED']);
    expect(report.routerPorts).toEqual([
      { name: 'lan', received: 2, forwarded: 1 },
      { name: 'wan', received: 2, forwarded: 2 },
    ]);
  });

  it('counts what it cannot replay by reason and numbers frames as the file does', () => {
    const frames = [
      { us: 0, data: ethernet(0x0806, arp()) },
      { us: 1, data: ethernet(0x86dd, ipv6({ nextHeader: 17, payload: udp({}) })) },
      {
        us: 2,
        data: ethernet(
          0x0800,
          ipv4({ protocol: 17, payload: udp({}), moreFragments: true, src: LAN }),
        ),
      },
      { us: 3, data: tcpFrame({ flags: SYN }, { src: '203.0.113.5', dst: WAN }) },
      {
        us: 4,
        data: ethernet(
          0x0800,
          ipv4({ protocol: 1, payload: icmp({ type: 8, id: 7, seq: 1 }), src: LAN, dst: WAN }),
        ),
      },
    ];
    const report = run(capture(frames));
    expect(report.replay.skipped).toEqual({ ipv6: 1, fragment: 1, 'source-outside-ports': 1 });
    expect(report.replay.capture.skipped).toEqual({ arp: 1 });
    expect(report.verdicts).toEqual([
      expect.objectContaining({ frame: 5, verdict: 'accept', reason: 'rule 4' }),
    ]);
  });

  it('lists verdicts in file order and compares a crash frame by frame, though held packets finish last', () => {
    const syn = (sport: number, src: string, dst: string) =>
      tcpFrame({ srcPort: sport, dstPort: 80, flags: SYN }, { src, dst });
    const frames = [
      { us: 0, data: syn(40001, LAN, WAN) }, // held 33 µs by its synchronous write
      { us: 6, data: syn(40002, LAN, WAN) }, // held too; the crash comes while both wait
      { us: 7, data: syn(40003, WAN, LAN) }, // from outside: dropped at once
      { us: 30, data: syn(40004, LAN, WAN) }, // while the firewall is down
    ];
    const report = run(capture(frames), { faults: [{ kind: 'firewall-crash', atUs: 20 }] });
    // Their writes were made: the held packets go on after the crash, and finish after frame 3.
    expect(report.verdicts?.map((v) => [v.frame, v.verdict, v.reason])).toEqual([
      [1, 'accept', 'rule 4'],
      [2, 'accept', 'rule 4'],
      [3, 'drop', 'policy (forward)'],
      [4, 'drop', 'firewall-down'],
    ]);
    expect(report.replay.crashComparison).toMatchObject({
      differing: 1,
      differences: [
        {
          frame: 4,
          withCrash: { verdict: 'drop', reason: 'firewall-down' },
          withoutCrash: { verdict: 'accept', reason: 'rule 4' },
        },
      ],
    });
  });

  it('replays a packet stamped before its predecessor at once, in file order', () => {
    const [a, b, c] = handshake;
    const report = run(capture([a, { ...b, us: 50 }, c]));
    expect(report.replay.outOfOrder).toBe(1);
    expect(report.verdicts?.map((v) => v.frame)).toEqual([1, 2, 3]);
  });

  it('gives the same verdicts however the file arrives in chunks', () => {
    const bytes = capture(handshake);
    const whole = run(bytes).verdicts;
    for (const chunk of [1, 7, 4096]) expect(run(bytes, {}, chunk).verdicts).toEqual(whole);
  });

  it('reads the file no further than one chunk past the packet it replays', () => {
    const frame = handshake[0].data;
    const count = 2_000;
    const bytes = capture(Array.from({ length: count }, (_, i) => ({ us: i, data: frame })));
    const recordBytes = 16 + frame.length;
    const chunkBytes = 4_096;
    const source = bytesSource(bytes, chunkBytes);
    let worstAheadBytes = 0;
    runReplay(ports(), () => source, {
      onSimulation: (sim) =>
        sim.trace.subscribe((e) => {
          if (e.kind !== 'replay.inject') return;
          const endOfFrame = 24 + e.frame * recordBytes;
          worstAheadBytes = Math.max(worstAheadBytes, source.bytesRead - endOfFrame);
        }),
    });
    expect(source.bytesRead).toBe(bytes.length);
    // One packet ahead is read when this one is scheduled; never a chunk more.
    expect(worstAheadBytes).toBeLessThanOrEqual(recordBytes);
  });

  it('forwards everything uninspected without a firewall, and says so', () => {
    const report = run(capture(handshake), { firewall: { enabled: false } });
    expect(report.verdicts?.map((v) => [v.verdict, v.reason])).toEqual(
      Array(3).fill(['accept', NOT_INSPECTED]),
    );
  });

  it('ends the run on its own after the last packet, with nothing left in the network', () => {
    const sim = createSimulation(ports(), { replay: bytesSource(capture(handshake)) });
    sim.run();
    expect(sim.trafficEnded).toBe(true);
    expect(sim.replay?.outcomes.settled).toBe(true);
    // It waits until the last forwarded packet has crossed the 1 ms link to its capture side.
    expect(sim.nowUs).toBe(300 + 2 * REPLAY_TAIL_US);
    expect(sim.ctx.packets.liveCount).toBe(0);
    expect(sim.ctx.counters).toMatchObject({ sent: 3, forwarded: 3, delivered: 3 });
  });

  it('says which packets were still inside the router when the replay was stopped', () => {
    const s = ports();
    const slow = { ...s, router: { ...s.router, processingUs: 250 } };
    const sim = createSimulation(slow, {
      replay: bytesSource(capture(handshake)),
      keepVerdicts: true,
    });
    sim.run(400);
    sim.replay?.outcomes.finish();
    const log = sim.replay?.outcomes.log?.toArray() ?? [];
    expect(log.map((v) => [v.frame, v.verdict, v.reason])).toEqual([
      [1, 'accept', 'rule 4'],
      [2, 'drop', HELD_AT_END],
      [3, 'drop', HELD_AT_END],
    ]);
  });
});

describe('replay scenarios', () => {
  it('puts a capture side behind every port, the first port inside', () => {
    const s = parseScenario(ports());
    expect(s.hosts.map((h) => [h.name, h.address, h.port, h.role])).toEqual([
      ['lan-side', '192.0.2.0', 'lan', 'capture'],
      ['wan-side', '198.51.100.0', 'wan', 'capture'],
    ]);
    expect(s.router.ports.map((p) => p.zone)).toEqual(['inside', 'outside']);
  });

  it('turns a scenario into a replay of its router: hosts absorb, traffic and link faults go', () => {
    const s = parseScenario({
      ...ports(),
      hosts: [
        { name: 'client', address: LAN, port: 'lan' },
        { name: 'wan-host', address: WAN, port: 'wan' },
      ],
      traffic: [],
      faults: [
        { kind: 'link-loss', host: 'client', fromUs: 0, toUs: 5 },
        { kind: 'firewall-crash', atUs: 7 },
      ],
    });
    const replay = parseScenario(asReplayScenario(s));
    expect(replay.hosts.map((h) => [h.name, h.role])).toEqual([
      ['client', 'capture'],
      ['wan-host', 'capture'],
    ]);
    expect(replay.faults).toEqual([{ kind: 'firewall-crash', atUs: 7 }]);
  });

  it('refuses traffic or link faults on a capture side', () => {
    const traffic = [{ kind: 'ftp', client: 'lan-side', server: 'wan-side', bytes: 1 }];
    expect(() => parseScenario({ ...ports(), traffic })).toThrow(
      /capture side: it runs no applications/,
    );
    const faults = [{ kind: 'link-loss', host: 'lan-side', fromUs: 0, toUs: 1 }];
    expect(() => parseScenario({ ...ports(), faults })).toThrow(/capture side: it has no link/);
  });
});

describe('sourcePort', () => {
  it('takes the longest prefix holding the source; -1 when none does', () => {
    const prefixes = ['0.0.0.0/0', '10.0.0.0/8', '10.1.0.0/16'].map((p) => parsePrefix(p));
    expect(sourcePort(prefixes, 0x0a010203)).toBe(2);
    expect(sourcePort(prefixes, 0x0a020304)).toBe(1);
    expect(sourcePort(prefixes, 0xc0000201)).toBe(0);
    expect(sourcePort(prefixes.slice(1), 0xc0000201)).toBe(-1);
  });
});
