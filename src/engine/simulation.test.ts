import { describe, expect, it } from 'vitest';
import { FileContent } from './apps/file-content';
import { buildReport } from './report';
import { builtinScenarios } from './scenarios/builtins';
import { createSimulation } from './simulation';
import { twoHosts } from './testing/scenarios';
import { crc32 } from './util/crc32';

/** Runs a scenario to its end and returns the report without wall-clock fields. */
function runReport(input: unknown, seed?: number) {
  const sim = createSimulation(input, { seed });
  sim.run();
  return buildReport(sim);
}

/** CRC-32 over the JSON lines of the whole trace: a fingerprint of every event. */
function traceFingerprint(input: unknown, seed?: number): { crc: number; events: number } {
  const sim = createSimulation(input, { seed });
  let crc = 0;
  let events = 0;
  const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
  sim.trace.subscribe((e) => {
    crc = crc32(bytes(JSON.stringify(e)), 0, undefined, crc);
    events++;
  });
  sim.run();
  return { crc, events };
}

describe('ftp-transfer', () => {
  it('delivers the 20 MB file completely and in order', () => {
    const report = runReport(builtinScenarios['ftp-transfer']);
    const data = report.flows.find((f) => f.kind === 'ftp-data');
    const control = report.flows.find((f) => f.kind === 'ftp-control');
    expect(data).toMatchObject({
      bytesGoal: 20_000_000,
      bytesDelivered: 20_000_000,
      completed: true,
      aborted: false,
    });
    expect(control).toMatchObject({ completed: true, aborted: false });
    // The receiver's checksum, computed over the bytes it was handed in order, equals the
    // checksum of the file the server read from.
    expect(data?.contentCrc32).toBe(new FileContent('big.iso', 20_000_000).checksum());
    // 20 MB over 100 Mbit/s takes at least 1.6 s; the handshake and login add a few RTTs.
    expect(data?.completedAtUs).toBeGreaterThan(1_600_000);
    expect(data?.completedAtUs).toBeLessThan(2_000_000);
    expect(report.packets.droppedTotal).toBe(0);
  });
});

describe('determinism', () => {
  it('gives the same report and the same trace for the same scenario and seed', () => {
    const lossy = twoHosts(
      {
        traffic: [{ kind: 'ftp', client: 'a', server: 'b', bytes: 2_000_000 }],
      },
      { lossRate: 0.01 },
    );
    expect(runReport(lossy)).toEqual(runReport(lossy));
    const first = traceFingerprint(lossy);
    expect(traceFingerprint(lossy)).toEqual(first);
    expect(first.events).toBeGreaterThan(1000);
  });

  it('gives a different trace for a different seed when links lose packets', () => {
    const lossy = twoHosts(
      { traffic: [{ kind: 'ftp', client: 'a', server: 'b', bytes: 2_000_000 }] },
      { lossRate: 0.01 },
    );
    expect(traceFingerprint(lossy, 1).crc).not.toBe(traceFingerprint(lossy, 2).crc);
  });
});

describe('loss and faults', () => {
  it('recovers from random link loss with retransmissions', () => {
    const report = runReport(
      twoHosts(
        { traffic: [{ kind: 'ftp', client: 'a', server: 'b', bytes: 5_000_000 }] },
        { lossRate: 0.02 },
      ),
    );
    const data = report.flows.find((f) => f.kind === 'ftp-data');
    expect(report.packets.dropped['link-loss']).toBeGreaterThan(50);
    expect(data?.retransmissions).toBeGreaterThan(50);
    expect(data).toMatchObject({ completed: true, bytesDelivered: 5_000_000 });
    expect(data?.contentCrc32).toBe(data?.expectedCrc32);
  });

  it('survives a 2-second link outage mid-transfer through RTO back-off', () => {
    const report = runReport(
      twoHosts({
        traffic: [{ kind: 'ftp', client: 'a', server: 'b', bytes: 10_000_000 }],
        faults: [{ kind: 'link-loss', host: 'b', fromUs: 300_000, toUs: 2_300_000 }],
      }),
    );
    const data = report.flows.find((f) => f.kind === 'ftp-data');
    expect(data).toMatchObject({ completed: true, bytesDelivered: 10_000_000 });
    // No progress during the outage; the stall ends with the first retransmission after it.
    expect(data?.maxStallUs).toBeGreaterThanOrEqual(2_000_000);
    expect(data?.maxStallUs).toBeLessThan(4_500_000);
  });

  it('keeps a link cut while any of two overlapping outages lasts', () => {
    const report = runReport(
      twoHosts({
        traffic: [{ kind: 'ftp', client: 'a', server: 'b', bytes: 2_000_000 }],
        faults: [
          { kind: 'link-loss', host: 'b', fromUs: 100_000, toUs: 1_000_000 },
          { kind: 'link-loss', host: 'b', fromUs: 500_000, toUs: 3_000_000 },
        ],
      }),
    );
    const data = report.flows.find((f) => f.kind === 'ftp-data');
    expect(data?.completed).toBe(true);
    expect(data?.maxStallUs).toBeGreaterThanOrEqual(2_900_000);
  });

  it('aborts a transfer whose link never comes back, after bounded retries', () => {
    const report = runReport(
      twoHosts({
        tcp: { maxRetries: 4, minRtoUs: 200_000 },
        traffic: [{ kind: 'ftp', client: 'a', server: 'b', bytes: 10_000_000 }],
        faults: [{ kind: 'link-loss', host: 'b', fromUs: 300_000, toUs: 500_000_000 }],
      }),
    );
    const data = report.flows.find((f) => f.kind === 'ftp-data');
    expect(data).toMatchObject({
      completed: false,
      aborted: true,
      error: 'retransmission timeout',
    });
    expect(report.simulatedUs).toBeLessThan(60_000_000);
  });
});

describe('many-flows', () => {
  it('holds more than 1,000 TCP connections open at once and completes them all', () => {
    const sim = createSimulation(builtinScenarios['many-flows']);
    let maxOpen = 0;
    for (let t = 0; !sim.trafficEnded; t += 20_000) {
      sim.runUntil(t);
      maxOpen = Math.max(maxOpen, sim.hosts.get('web-server')?.tcp.openSockets ?? 0);
    }
    const report = buildReport(sim);
    expect(maxOpen).toBeGreaterThan(1_000);
    expect(report.flows).toHaveLength(1_200);
    expect(report.flows.every((f) => f.completed && f.bytesDelivered === f.bytesGoal)).toBe(true);
  });

  it("reports a flow with the same object again until the flow's figures change", () => {
    // large-table's first client alone, 2,000 connections over 120 s: some done, some running
    // and most not started at 2 s.
    const big = builtinScenarios['large-table'];
    const traffic = [{ ...big.traffic![0], connections: 2_000 }] as typeof big.traffic;
    const sim = createSimulation({ ...big, traffic });
    sim.runUntil(2_000_000);
    const first = buildReport(sim).flows;
    const done = first.findIndex((f) => f.completed);
    const running = first.findIndex((f) => !f.completed && f.startedAtUs !== null);
    const waiting = first.findIndex((f) => f.startedAtUs === null);
    expect([done, running, waiting].every((i) => i >= 0)).toBe(true);
    const again = buildReport(sim).flows;
    for (const i of [done, running, waiting]) expect(again[i]).toBe(first[i]); // nothing changed
    sim.runUntil(2_000_001); // a running flow's ongoing stall grows with the clock
    const moved = buildReport(sim).flows;
    expect(moved[running]).not.toBe(first[running]);
    expect(moved[running].maxStallUs).toBeGreaterThan(first[running].maxStallUs);
    expect(moved[waiting]).toBe(first[waiting]);
    sim.flowList[done].countRetransmission(); // a FIN retransmitted after the flow ended
    const later = buildReport(sim).flows[done];
    expect(later).not.toBe(first[done]);
    expect(later.retransmissions).toBe(first[done].retransmissions + 1);
  });
});

describe('video-stream', () => {
  it('delivers every datagram of a clean stream in order', () => {
    const video = runReport(builtinScenarios['video-stream']).flows[0];
    expect(video).toMatchObject({ kind: 'udp-stream', completed: true, datagramsLost: 0, gaps: 0 });
    expect(video.datagramsReceived).toBe(video.datagramsSent);
    expect(video.bytesDelivered).toBe(video.bytesGoal);
  });

  it('fails, saying why, when the subscription never gets through', () => {
    const s = structuredClone(builtinScenarios['video-stream']);
    s.firewall = { rules: 'ct state established,related accept\n' }; // nothing new may leave
    const video = runReport(s).flows[0];
    expect(video).toMatchObject({
      completed: false,
      bytesDelivered: 0,
      error: 'no stream after 5 subscription requests',
    });
    expect(video.maxStallUs).toBe(5_000_000);
  });

  it('measures loss, duplicates and reordering on a bad link', () => {
    const s = structuredClone(builtinScenarios['video-stream']);
    s.hosts[0].link = {
      lossRate: 0.05,
      duplicateRate: 0.02,
      reorderRate: 0.05,
      reorderDelayUs: 20_000,
    };
    const video = runReport(s).flows[0];
    expect(video.datagramsLost).toBeGreaterThan(100);
    expect(video.duplicates).toBeGreaterThan(20);
    expect(video.reordered).toBeGreaterThan(50);
    expect(video.gaps).toBeGreaterThan(50);
    expect(video.datagramsReceived).toBe(
      (video.datagramsSent as number) - (video.datagramsLost as number),
    );
  });
});
