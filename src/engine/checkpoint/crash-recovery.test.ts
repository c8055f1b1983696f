import { describe, expect, it } from 'vitest';
import { buildReport } from '../report';
import { builtinScenarios } from '../scenarios/builtins';
import type { ScenarioInput } from '../scenarios/schema';
import { createSimulation } from '../simulation';
import { encodeRecord, RECORD_HEADER_BYTES } from './record';

type Overrides = Pick<ScenarioInput, 'checkpoint' | 'firewall' | 'supervisor' | 'faults'>;

function ftpCrash(overrides: Partial<Overrides> = {}): ScenarioInput {
  return { ...structuredClone(builtinScenarios['ftp-crash']), ...overrides };
}

/** ftp-crash run until its data connection is open (before the crash), and that connection. */
function atTheDataConnection() {
  const sim = createSimulation(ftpCrash(), { traceCapacity: 0 });
  sim.runUntil(790_000);
  const data = [...(sim.firewall?.conntrack.table.live() ?? [])].find(
    (c) => c.masterId >= 0 && c.proto === 6,
  );
  if (data === undefined) throw new Error('no data connection');
  return { sim, data };
}

function run(input: ScenarioInput) {
  const sim = createSimulation(input, { traceCapacity: 500_000 });
  sim.run();
  const report = buildReport(sim);
  const data = report.flows.find((f) => f.id === 'download/data');
  return { sim, report, data, crash: report.crashes[0] };
}

describe('ftp-crash: the patent experiment', () => {
  it('unique-id (sync): every connection is rebuilt exactly and the transfer finishes after a short pause', () => {
    const { report, data, crash, sim } = run(ftpCrash());
    expect(report.strategy).toBe('unique-id');
    expect(crash).toMatchObject({ lost: 0, mismatches: 0, orphans: 0, corrupt: 0, incomplete: 0 });
    expect(crash.recovered).toBe(crash.connectionsBefore);
    expect(crash.connectionsBefore).toBeGreaterThan(10);
    expect(data).toMatchObject({ completed: true, bytesDelivered: 20_000_000 });
    expect(data?.contentCrc32).toBe(data?.expectedCrc32);

    // The bound: the same run without the crash, plus the time the firewall was away
    // (detection + restart + reassembly), plus one retransmission timeout — the gap between the
    // data sender's last two timeout retransmissions, i.e. the back-off in force when it came back.
    const baseline = run(ftpCrash({ faults: [] })).data?.completedAtUs ?? 0;
    const away = (crash.recoveredAtUs ?? 0) - crash.atUs;
    const timeouts = sim.trace
      .events()
      .flatMap((e) =>
        e.kind === 'tcp.retransmit' && e.cause === 'timeout' && e.host === 'server' ? [e.atUs] : [],
      );
    const rto = Math.max(...timeouts.slice(1).map((t, i) => t - timeouts[i]));
    expect(data?.completedAtUs).toBeLessThanOrEqual(baseline + away + rto);
    expect(data?.maxStallUs).toBeLessThan(away + rto + 100_000);
  });

  it('none with strict mid-stream: the prior art loses every connection and the transfer never finishes', () => {
    const { data, crash } = run(
      ftpCrash({ checkpoint: { strategy: 'none' }, firewall: { midStream: 'strict' } }),
    );
    expect(crash).toMatchObject({ recovered: 0, records: 0 });
    expect(crash.lost).toBe(crash.connectionsBefore);
    expect(data?.completed).toBe(false);
  });

  it('snapshot: what was in the last snapshot comes back, what came after it is lost', () => {
    const { crash, report } = run(
      ftpCrash({ checkpoint: { strategy: 'snapshot', snapshotIntervalUs: 500_000 } }),
    );
    // The snapshot at 0.5 s holds the connections opened before it; the crash is at 0.8 s.
    const opened = report.firewall.connections.filter((c) => c.createdAtUs < 800_000);
    const afterSnapshot = opened.filter((c) => c.createdAtUs > 500_000);
    expect(afterSnapshot.length).toBeGreaterThan(0);
    expect(crash.lost).toBe(
      afterSnapshot.filter((c) => c.endReason === 'lost in a firewall crash').length,
    );
    for (const c of afterSnapshot) expect(c.recoveries).toBe(0);
    const beforeSnapshot = opened.filter(
      (c) => c.createdAtUs < 500_000 && c.endReason !== 'expired',
    );
    expect(beforeSnapshot.every((c) => c.recoveries === 1)).toBe(true);
    expect(crash.recovered).toBe(beforeSnapshot.length);
  });

  it('both embodiments (firewall-driven and module-driven) rebuild the same table', () => {
    const byFirewall = run(ftpCrash({ checkpoint: { embodiment: 'firewall' } }));
    const byModules = run(ftpCrash({ checkpoint: { embodiment: 'modules' } }));
    expect(byModules.crash).toMatchObject({ lost: 0, mismatches: 0 });
    expect(byModules.crash.recovered).toBe(byFirewall.crash.recovered);
    expect(byModules.report.firewall.connections).toEqual(byFirewall.report.firewall.connections);
  });
});

describe('damaged and unusual recoveries', () => {
  it('reports a corrupted record and counts its connection lost instead of rebuilding it wrong', () => {
    const { sim, data } = atTheDataConnection();
    sim.runUntil(900_000); // the firewall is down; flip bits in the data connection's TCP record
    const space = sim.runtime?.server.space;
    space?.corrupt(1, data.id, 30, 0x5a);
    sim.runUntil(1_100_000); // recovered
    // What could not be rebuilt is deleted: no record outlives its connection.
    expect([space?.has(0, data.id), space?.has(1, data.id)]).toEqual([false, false]);
    sim.run();
    const report = buildReport(sim);
    expect(report.crashes[0]).toMatchObject({ corrupt: 1, incomplete: 1, lost: 1, mismatches: 0 });
    expect(report.crashes[0].recovered).toBe(report.crashes[0].connectionsBefore - 1);
    const lost = report.firewall.connections.find(
      (c) => c.endReason === 'lost in a firewall crash',
    );
    expect(lost?.related).not.toBeNull();
  });

  it('refuses a part whose place another part holds, and leaks no handle for it', () => {
    const { sim, data } = atTheDataConnection();
    sim.runUntil(900_000); // the firewall is down: a UDP record, checksum and all, for a TCP one
    const space = sim.runtime?.server.space;
    space?.write(2, data.id, 1, encodeRecord(2, data.id, 1, new Uint8Array(9)));
    sim.runUntil(1_100_000); // recovered
    const crash = buildReport(sim).crashes[0];
    expect(crash).toMatchObject({ corrupt: 1, lost: 1, mismatches: 0 });
    const modules = sim.firewall?.conntrack.modules;
    const live = [...(sim.firewall?.conntrack.table.live() ?? [])];
    expect(live.some((c) => c.id === data.id)).toBe(false);
    expect(modules?.udpParts.size).toBe(live.filter((c) => c.proto === 17).length);
    expect(modules?.tcpParts.size).toBe(live.filter((c) => c.proto === 6).length);
  });

  it('refuses base records that clash, and leaves no half-rebuilt connection live in the ledger', () => {
    const { sim, data } = atTheDataConnection();
    sim.runUntil(900_000); // the firewall is down
    const space = sim.runtime?.server.space;
    const base = space?.get(0, data.id)?.slice(RECORD_HEADER_BYTES);
    if (space === undefined || base === undefined) throw new Error('no base record');
    const file = (id: number, payload: Uint8Array) =>
      space.write(0, id, 1, encodeRecord(0, id, 1, payload));
    file(900_001, base); // the data connection's 5-tuple again, under another id
    const elsewhere = base.slice();
    elsewhere[9] ^= 0x40; // its source port changed: a tuple of its own, and no TCP record
    file(900_002, elsewhere);
    sim.runUntil(1_100_000); // recovered, around both
    const crash = buildReport(sim).crashes[0];
    expect(crash).toMatchObject({ corrupt: 1, incomplete: 1, lost: 0, mismatches: 0 });
    expect(crash.recovered).toBe(crash.connectionsBefore);
    const ledger = sim.runtime?.shared.ledger;
    expect(ledger?.get(900_001)).toBeUndefined(); // never rebuilt: the ledger never heard of it
    expect(ledger?.get(900_002)).toMatchObject({
      endReason: 'its records could not be rebuilt',
      endedAtUs: expect.any(Number),
    });
    expect([space.has(0, 900_001), space.has(0, 900_002)]).toEqual([false, false]);
  });

  it('survives a second crash during recovery: the router server starts over', () => {
    const crashAt = 800_000;
    const restartAt = crashAt + 50_000 + 200_000;
    const { report, data } = run(
      ftpCrash({
        faults: [
          { kind: 'firewall-crash', atUs: crashAt },
          { kind: 'firewall-crash', atUs: restartAt + 100 },
        ],
      }),
    );
    expect(report.crashes).toHaveLength(2);
    expect(report.crashes[0].recoveredAtUs).toBeNull(); // cut short by the second crash
    expect(report.crashes[0].recovered).toBe(report.crashes[0].connectionsBefore); // it had rebuilt them all
    // One outage as far as the connections are concerned: each came back once.
    const back = report.firewall.connections.filter((c) => c.recoveries > 0);
    expect(back.every((c) => c.recoveries === 1)).toBe(true);
    expect(report.crashes[1]).toMatchObject({ lost: 0, mismatches: 0 });
    expect(data?.completed).toBe(true);
  });

  it('counts expectations over the whole run, across the crash', () => {
    const { report } = run(ftpCrash());
    expect(report.firewall.expectations).toMatchObject({ created: 1, matched: 1 });
    expect(report.firewall.state).toBe('up');
    expect(
      run(ftpCrash({ checkpoint: { strategy: 'snapshot' } })).report.checkpointMode,
    ).toBeNull();
  });

  it('async with a tiny queue applies back-pressure: no record is dropped, no connection left half-written', () => {
    const many = structuredClone(builtinScenarios['many-flows']);
    many.traffic = many.traffic?.map((t) => ({ ...t, connections: 70 }));
    many.checkpoint = { mode: 'async', maxPendingRecords: 8, flushRecords: 8 };
    const sim = createSimulation(many);
    sim.runUntil(2_000_000);
    const space = sim.runtime?.server.space;
    const live = [...(sim.firewall?.conntrack.table.live() ?? [])];
    expect(live.length).toBeGreaterThan(100);
    expect(live.every((c) => space?.has(0, c.id) && space.has(1, c.id))).toBe(true);
    expect(sim.runtime?.stats.refused).toBe(0);
  });

  it('fails open when told to: packets pass unchecked while the firewall is down, and are counted', () => {
    const { report } = run(ftpCrash({ supervisor: { failOpen: true } }));
    expect(report.failOpenExposure).toBeGreaterThan(0);
    expect(report.packets.dropped['firewall-down']).toBe(0);
  });
});
