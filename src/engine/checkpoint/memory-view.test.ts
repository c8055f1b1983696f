import { describe, expect, it } from 'vitest';
import { builtinScenarios } from '../scenarios';
import { createSimulation, type Simulation } from '../simulation';
import { baseIndex, checkpointConnectionLabel, readCheckpointMemory } from './memory-view';
import { BASE_AREA } from './record';

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

/** Every connection the server holds a base record of, by its readable id. */
function labels(sim: Simulation): string[] {
  const memory = readCheckpointMemory(serverOf(sim));
  const index = baseIndex(memory);
  return [...memory.areas[BASE_AREA].ids].map((id) =>
    checkpointConnectionLabel(memory, id, index.get(id) ?? -1),
  );
}

describe('readCheckpointMemory', () => {
  it("lists each area's records with the id, version and size their headers give (FIG. 5A)", () => {
    const sim = ftpCrashAt(700_000);
    const server = serverOf(sim);
    const memory = readCheckpointMemory(server);
    expect(memory.areas.map((a) => a.name)).toEqual(['base', 'tcp', 'udp', 'icmp', 'ftp', 'sip']);
    for (const [area, usage] of server.areaUsage().entries()) {
      const a = memory.areas[area];
      expect([a.count, a.bytes]).toEqual([usage.records, usage.bytes]);
      expect([...a.ids]).toEqual([...server.space.ids(area)]);
      expect(a.sizes.reduce((s, n) => s + n, 0)).toBe(usage.bytes);
      expect(a.versions.every((v) => v >= 1)).toBe(true);
    }
    expect(memory.records).toBe(server.space.recordCount);
    expect(memory.bytes).toBe(server.space.recordBytes);
    expect(memory.blobs).toBe(0);
    expect([...memory.areas[4].ids]).toEqual([1]); // the FTP control connection's helper part
  });

  it('names each connection as the firewall does, from its base record', () => {
    const sim = ftpCrashAt(700_000);
    const live = [...(sim.firewall?.conntrack.table.live() ?? [])].map((c) => c.history.id);
    expect(labels(sim).sort()).toEqual(live.sort());
    const memory = readCheckpointMemory(serverOf(sim));
    const index = baseIndex(memory);
    expect(memory.bases.masters[index.get(2) ?? -1]).toBe(1); // the data connection's master
    expect(memory.bases.masters[index.get(1) ?? -1]).toBe(-1);
  });

  it('still lists every record while the firewall is down', () => {
    const sim = ftpCrashAt(900_000);
    expect(sim.firewallState).toBe('down');
    const memory = readCheckpointMemory(serverOf(sim));
    expect(memory.records).toBeGreaterThan(0);
    const ledger = sim.runtime?.shared.ledger;
    for (const [i, label] of labels(sim).entries()) {
      expect(label).toBe(ledger?.get(memory.areas[BASE_AREA].ids[i])?.id);
    }
  });

  it('names a connection by number when its base record is damaged', () => {
    const sim = ftpCrashAt(700_000);
    const server = serverOf(sim);
    server.space.corrupt(BASE_AREA, 1, 24, 0xff); // the protocol byte of the payload… still a u8
    server.space.corrupt(BASE_AREA, 2, 0, 0x02); // the header's format version
    const payloadEnd = (server.space.get(BASE_AREA, 3)?.length ?? 0) - 1;
    server.space.corrupt(BASE_AREA, 3, payloadEnd, 0x80); // the parts mask: still decodes
    server.space.corrupt(BASE_AREA, 4, payloadEnd - 1, 0x02); // seen-reply flag: not 0 or 1
    const memory = readCheckpointMemory(server);
    const index = baseIndex(memory);
    const label = (id: number) => checkpointConnectionLabel(memory, id, index.get(id) ?? -1);
    expect(label(1)).toMatch(/^proto-\d+ .* #1$/);
    expect(label(2)).toBe('#2');
    expect(memory.areas[BASE_AREA].versions[index.get(2) ?? -1]).toBe(0);
    expect(label(4)).toBe('#4');
    expect(label(99)).toBe('#99');
  });

  it("shows the snapshot strategy's blob instead of records", () => {
    const sim = ftpCrashAt(700_000, { strategy: 'snapshot' });
    const memory = readCheckpointMemory(serverOf(sim));
    expect(memory.records).toBe(0);
    expect(memory.blobs).toBe(1);
    expect(memory.blobBytes).toBeGreaterThan(0);
  });
});
