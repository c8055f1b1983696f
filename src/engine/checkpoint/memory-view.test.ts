import { describe, expect, it } from 'vitest';
import { builtinScenarios } from '../scenarios';
import { createSimulation, type Simulation } from '../simulation';
import { RECORDS_LISTED, readCheckpointMemory, type CheckpointMemoryRequest } from './memory-view';
import { BASE_AREA, RECORD_HEADER_BYTES } from './record';

function ftpCrashAt(us: number, overrides: Record<string, unknown> = {}): Simulation {
  const scenario = builtinScenarios['ftp-crash'];
  const sim = createSimulation({
    ...scenario,
    checkpoint: { ...scenario.checkpoint, ...overrides },
  });
  sim.runUntil(us);
  return sim;
}

function serverOf(sim: Simulation) {
  if (sim.runtime === null) throw new Error('no firewall');
  return sim.runtime.server;
}

const ALL: CheckpointMemoryRequest = { selected: null, limits: { base: 1_000 } };

/** The connections the server holds a base record of, by the readable id the view gives. */
function labels(sim: Simulation): string[] {
  return readCheckpointMemory(serverOf(sim), ALL).areas[BASE_AREA].listed.map((r) => r.connection);
}

describe('readCheckpointMemory', () => {
  it("lists each area's records with the id, version and size their headers give (FIG. 5A)", () => {
    const sim = ftpCrashAt(700_000);
    const server = serverOf(sim);
    const limits = { base: 100, tcp: 100, udp: 100, icmp: 100, ftp: 100, sip: 100 };
    const memory = readCheckpointMemory(server, { selected: null, limits });
    expect(memory.areas.map((a) => a.name)).toEqual(['base', 'tcp', 'udp', 'icmp', 'ftp', 'sip']);
    for (const [area, usage] of server.areaUsage().entries()) {
      const a = memory.areas[area];
      expect([a.count, a.bytes]).toEqual([usage.records, usage.bytes]);
      expect(a.listed.map((r) => r.id)).toEqual([...server.space.ids(area)]);
      expect(a.listed.reduce((s, r) => s + r.size, 0)).toBe(usage.bytes);
      expect(a.listed.every((r) => r.version >= 1 && !r.selected && !r.related)).toBe(true);
    }
    expect(memory.records).toBe(server.space.recordCount);
    expect(memory.bytes).toBe(server.space.recordBytes);
    expect(memory.blobs).toBe(0);
    expect(memory.areas[4].listed.map((r) => r.id)).toEqual([1]); // the FTP control's helper part
  });

  it('lists a few records per area unless asked for more', () => {
    const server = serverOf(ftpCrashAt(700_000));
    const base = (limits?: Record<string, number>) =>
      readCheckpointMemory(server, { selected: null, limits }).areas[BASE_AREA];
    expect(base().count).toBeGreaterThan(RECORDS_LISTED);
    expect(base().listed).toHaveLength(RECORDS_LISTED);
    expect(base({ base: 2 }).listed.map((r) => r.id)).toEqual([...server.space.ids(0)].slice(0, 2));
  });

  it('names each connection as the firewall does, from its base record', () => {
    const sim = ftpCrashAt(700_000);
    const live = [...(sim.firewall?.conntrack.table.live() ?? [])].map((c) => c.history.id);
    expect(labels(sim).sort()).toEqual(live.sort());
  });

  it("lists the selected connection's records first, then its related connections'", () => {
    const server = serverOf(ftpCrashAt(700_000));
    const memory = readCheckpointMemory(server, { selected: 2, limits: { base: 1 } });
    const base = memory.areas[BASE_AREA].listed;
    expect(base.map((r) => [r.id, r.selected, r.related])).toEqual([
      [2, true, false],
      [1, false, true], // the data connection's master: the FTP control connection
      [3, false, false], // then one other (the limit), in the server's order
    ]);
    const fromControl = readCheckpointMemory(server, { selected: 1, limits: { base: 0 } });
    expect(fromControl.areas[BASE_AREA].listed.map((r) => [r.id, r.related])).toEqual([
      [1, false],
      [2, true], // the data connection the control connection's helper announced
    ]);
    expect(fromControl.areas[4].listed.map((r) => r.id)).toEqual([1]);
  });

  it('still lists the records while the firewall is down', () => {
    const sim = ftpCrashAt(900_000);
    expect(sim.firewallState).toBe('down');
    const memory = readCheckpointMemory(serverOf(sim), ALL);
    expect(memory.records).toBeGreaterThan(0);
    const ledger = sim.runtime?.shared.ledger;
    for (const r of memory.areas[BASE_AREA].listed)
      expect(r.connection).toBe(ledger?.get(r.id)?.id);
  });

  it('names a connection by number when its base record is damaged', () => {
    const sim = ftpCrashAt(700_000);
    const server = serverOf(sim);
    server.space.corrupt(BASE_AREA, 1, RECORD_HEADER_BYTES, 0xff); // the payload's protocol byte… still a u8
    server.space.corrupt(BASE_AREA, 2, 0, 0x10); // the header's format version
    const payloadEnd = (server.space.get(BASE_AREA, 3)?.length ?? 0) - 1;
    server.space.corrupt(BASE_AREA, 3, payloadEnd, 0x80); // the parts mask: still decodes
    server.space.corrupt(BASE_AREA, 4, payloadEnd - 1, 0x02); // seen-reply flag: not 0 or 1
    const listed = readCheckpointMemory(server, ALL).areas[BASE_AREA].listed;
    const label = (id: number) => listed.find((r) => r.id === id)?.connection;
    expect(label(1)).toMatch(/^proto-\d+ .* #1$/);
    expect(label(2)).toBe('#2');
    expect(listed.find((r) => r.id === 2)?.version).toBe(0);
    expect(label(4)).toBe('#4');
  });

  it("shows the snapshot strategy's blob instead of records", () => {
    const sim = ftpCrashAt(700_000, { strategy: 'snapshot' });
    const memory = readCheckpointMemory(serverOf(sim));
    expect(memory.records).toBe(0);
    expect(memory.blobs).toBe(1);
    expect(memory.blobBytes).toBeGreaterThan(0);
  });
});
