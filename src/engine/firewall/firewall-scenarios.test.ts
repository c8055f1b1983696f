import { describe, expect, it } from 'vitest';
import { buildReport } from '../report';
import { builtinScenarios } from '../scenarios/builtins';
import type { FtpTraffic, ScenarioInput } from '../scenarios/schema';
import { createSimulation } from '../simulation';
import { twoHosts } from '../testing/scenarios';

/** Inside client a on eth0, server b outside on eth1; the router runs the given rules (or the default). */
function ftpThroughFirewall(
  ftp: Partial<FtpTraffic>,
  rules?: string,
  firewall: Record<string, unknown> = {},
) {
  const scenario: ScenarioInput = twoHosts({
    router: {
      ports: [
        { name: 'eth0', prefix: '192.0.2.0/24', zone: 'inside' },
        { name: 'eth1', prefix: '198.51.100.0/24', zone: 'outside' },
      ],
    },
    tcp: { synRetries: 2 },
    firewall: { rules, ...firewall },
    traffic: [{ kind: 'ftp', name: 'x', client: 'a', server: 'b', bytes: 500_000, ...ftp }],
  });
  const sim = createSimulation(scenario, { traceCapacity: 50_000 });
  sim.run();
  const report = buildReport(sim);
  return {
    sim,
    report,
    data: report.flows.find((f) => f.kind === 'ftp-data'),
    control: report.flows.find((f) => f.kind === 'ftp-control'),
  };
}

/** Only FTP control connections may be opened from inside: data connections need the helper. */
const strictRules = (withHelper: boolean) => `
ct helper ftp-21 {
  type "ftp" protocol tcp;
}
${withHelper ? 'tcp dport 21 ct helper set "ftp-21"' : ''}
ct state established,related accept
iifname "eth0" tcp dport 21 ct state new accept
`;

describe('FTP through the firewall', () => {
  it.each([
    ['passive', false],
    ['passive', true],
    ['active', false],
    ['active', true],
  ] as const)(
    '%s mode (extended %s) completes with the helper, the data connection related to the control one',
    (mode, extended) => {
      const { data, report } = ftpThroughFirewall({ mode, extended }, strictRules(true));
      expect(data).toMatchObject({ completed: true, bytesDelivered: 500_000 });
      const [control, dataConn] = report.firewall.connections;
      expect(control.helper).toBe('ftp-21');
      expect(dataConn.related).toBe(control.id);
      expect(dataConn.admittedBy).toBe('expectation (ftp)');
      expect(report.firewall.expectations).toMatchObject({ created: 1, matched: 1, pending: 0 });
    },
  );

  it.each(['passive', 'active'] as const)(
    '%s mode: the data connection is refused without the helper',
    (mode) => {
      const { data, control, report } = ftpThroughFirewall({ mode }, strictRules(false));
      expect(data).toMatchObject({ completed: false, bytesDelivered: 0 });
      expect(control?.completed).toBe(false);
      expect(report.firewall.expectations.created).toBe(0);
      // Every SYN of the data connection (first try and retries) fell to the chain policy.
      const policyDrops = report.firewall.verdicts.find(
        (v) => v.reason === 'policy' && v.verdict === 'drop',
      );
      expect(policyDrops?.packets).toBe(3);
      expect(report.packets.dropped['firewall-policy']).toBe(3);
    },
  );
});

describe('blocked-address', () => {
  it('refuses the blocked host by rule 3 while the others complete', () => {
    const sim = createSimulation(builtinScenarios['blocked-address'], { traceCapacity: 100_000 });
    sim.run();
    const report = buildReport(sim);
    const byId = (id: string) => report.flows.find((f) => f.id === id);
    for (const client of ['client-a', 'client-c'])
      expect(byId(`${client}-download/data`)?.completed).toBe(true);
    expect(byId('blocked-download/control')).toMatchObject({
      completed: false,
      aborted: true,
      error: 'connection timed out',
    });
    expect(report.firewall.verdicts).toContainEqual({
      verdict: 'drop',
      reason: 'rule',
      rule: 3,
      chain: 'forward',
      packets: 4,
    });
    expect(report.packets.dropped['firewall-rule']).toBe(4);
    const reasons = sim.trace
      .events()
      .flatMap((e) =>
        e.kind === 'firewall.verdict' && e.verdict === 'drop'
          ? [`${e.packet.src} ${e.reason}`]
          : [],
      );
    expect(new Set(reasons)).toEqual(new Set(['192.0.2.66 rule 3']));
    const logs = sim.trace.events().filter((e) => e.kind === 'firewall.log');
    expect(logs.map((e) => (e.kind === 'firewall.log' ? e.prefix : ''))).toEqual(
      Array(4).fill('blocked host: '),
    );
  });
});

describe('video-call', () => {
  it('lets the RTP media in from outside because the SIP helper read the SDP', () => {
    const report = buildReport(runToEnd(builtinScenarios['video-call']));
    expect(report.flows.map((f) => [f.id, f.completed])).toEqual([
      ['call/signalling', true],
      ['call/audio-out', true],
      ['call/video-out', true],
      ['call/audio-in', true],
      ['call/video-in', true],
    ]);
    expect(report.flows.every((f) => f.kind !== 'udp-stream' || f.datagramsLost === 0)).toBe(true);
    // RTP and RTCP for audio and video, announced in the INVITE and in the 200 OK.
    expect(report.firewall.expectations.created).toBe(8);
    const media = report.firewall.connections.filter((c) => c.related !== null);
    expect(media.map((c) => c.orig.dport).sort()).toEqual([40_000, 40_002, 50_000, 50_002]);
    expect(media.every((c) => c.related === report.firewall.connections[0].id)).toBe(true);
  });

  it('keeps every media expectation when a lost ACK makes the callee repeat its 200 OK', () => {
    const s = structuredClone(builtinScenarios['video-call']);
    // The caller's ACK (sent about 504.03 ms in) is lost; the callee retransmits the 200 OK.
    s.faults = [
      { kind: 'link-loss', host: 'caller', direction: 'to-router', fromUs: 504_000, toUs: 506_000 },
    ];
    const report = buildReport(runToEnd(s));
    expect(report.flows.every((f) => f.completed)).toBe(true);
    // The media from outside all got in (the fault also cost the caller's first datagrams).
    const inbound = report.flows.filter((f) => f.id.endsWith('-in'));
    expect(inbound.map((f) => f.datagramsLost)).toEqual([0, 0]);
    expect(report.packets.dropped['firewall-policy']).toBe(0);
    expect(report.firewall.expectations).toMatchObject({ renewed: 2, evicted: 0 });
  });

  it('drops the media coming in from outside without the helper', () => {
    const s = structuredClone(builtinScenarios['video-call']);
    s.firewall = {
      rules: 'ct state established,related accept\niifname "eth0" ct state new accept\n',
    };
    const report = buildReport(runToEnd(s));
    const flow = (id: string) => report.flows.find((f) => f.id === id);
    expect(flow('call/signalling')?.completed).toBe(true);
    expect(flow('call/audio-out')?.completed).toBe(true);
    expect(flow('call/audio-in')).toMatchObject({
      bytesDelivered: 0,
      completed: false,
      error: 'no datagram received',
    });
    expect(flow('call/video-in')?.bytesDelivered).toBe(0);
  });
});

function runToEnd(input: ScenarioInput) {
  const sim = createSimulation(input);
  sim.run();
  return sim;
}

describe('the cost of inspection', () => {
  it('makes a busy firewall the bottleneck: queues build at the input ports and the transfer slows', () => {
    const run = (inspectUs: number) => {
      const sim = createSimulation(
        twoHosts({
          firewall: { inspectUs },
          traffic: [{ kind: 'ftp', client: 'a', server: 'b', bytes: 5_000_000 }],
        }),
      );
      let deepest = 0;
      for (let t = 0; !sim.trafficEnded; t += 1_000) {
        sim.runUntil(t);
        for (const q of sim.portQueues()) deepest = Math.max(deepest, q.inputPackets);
      }
      return { doneUs: buildReport(sim).flows[1].completedAtUs ?? Infinity, deepest };
    };
    const free = run(0);
    const busy = run(150); // 150 µs per packet: slower than a 1500-byte packet at 100 Mbit/s (120 µs)
    expect(free.deepest).toBeLessThanOrEqual(2);
    expect(busy.deepest).toBeGreaterThan(50);
    expect(busy.doneUs).toBeGreaterThan(1.5 * free.doneUs);
  });
});
