import { describe, expect, it } from 'vitest';
import { readCheckpointMemory } from '../checkpoint/memory-view';
import { buildReport } from '../report';
import { builtinScenarios } from '../scenarios';
import { createSimulation, type Simulation } from '../simulation';
import { formatConnectionId } from './connection-id';
import {
  connectionIdOfReadable,
  connectionNumber,
  describePart,
  MEMORY_MODULES,
  readFirewallMemory,
} from './memory-view';
import { ModuleId } from './modules/module-ids';

const memoryOf = (sim: Simulation) => readFirewallMemory(sim.firewall, sim.firewallState);

function ftpCrashAt(us: number): Simulation {
  const sim = createSimulation(builtinScenarios['ftp-crash']);
  sim.runUntil(us);
  return sim;
}

/** The row of the connection whose readable id starts with `prefix`. */
function rowOf(memory: ReturnType<typeof readFirewallMemory>, prefix: string): number {
  const i = memory.ids.findIndex((id) => id.startsWith(prefix));
  expect(i, prefix).toBeGreaterThanOrEqual(0);
  return i;
}

describe('readFirewallMemory', () => {
  it('lists every live connection with its base layer and a cell per module (FIG. 4B)', () => {
    const sim = ftpCrashAt(700_000);
    const memory = memoryOf(sim);
    expect(memory.state).toBe('up');
    expect(memory.count).toBe(sim.firewall?.conntrack.table.count);
    expect(memory.ids).toHaveLength(memory.count);
    expect(memory.parts).toHaveLength(MEMORY_MODULES.length);

    const control = rowOf(memory, 'tcp 192.0.2.10:50047 → 198.51.100.20:21 ');
    expect(memory.numbers[control]).toBe(1);
    expect(memory.admittedBy[control]).toBe('rule 4');
    expect(memory.states[control]).toBe('ESTABLISHED');
    expect(memory.helpers[control]).not.toBe('');
    expect(memory.masters[control]).toBe('');
    expect(describePart(ModuleId.tcp, memory.parts[ModuleId.tcp][control]).text).toBe('ES·A');
    expect(describePart(ModuleId.ftp, memory.parts[ModuleId.ftp][control]).text).toBe('CTL');
    expect(memory.parts[ModuleId.udp][control]).toBe(-1);

    const data = rowOf(memory, 'tcp 192.0.2.10:50048 → 198.51.100.20:33981 ');
    expect(memory.masters[data]).toBe(memory.ids[control]);
    expect(memory.admittedBy[data]).toBe('expectation (ftp)');
    expect(memory.helpers[data]).toBe('');
    expect(memory.parts[ModuleId.ftp][data]).toBe(-1);

    const video = rowOf(memory, 'udp ');
    expect(describePart(ModuleId.udp, memory.parts[ModuleId.udp][video]).title).toBe('UDP REPLIED');
    expect(memory.createdUs[video]).toBeGreaterThan(0);
    expect([...memory.rebuilt]).toEqual(new Array(memory.count).fill(0));
  });

  it("counts a helper's pending expectations in its part", () => {
    const sim = createSimulation(builtinScenarios['ftp-crash']);
    while ((sim.firewall?.conntrack.expectations.size ?? 0) === 0) sim.step();
    const memory = memoryOf(sim);
    const control = rowOf(memory, 'tcp 192.0.2.10:50047 → 198.51.100.20:21 ');
    const cell = describePart(ModuleId.ftp, memory.parts[ModuleId.ftp][control]);
    expect(cell.text).toBe('CTL +1');
    expect(cell.title).toBe('FTP helper: 1 data connection announced, 1 expectation pending');
  });

  it('is empty while the firewall is down: its memory is gone', () => {
    const memory = memoryOf(ftpCrashAt(900_000));
    expect(memory.state).toBe('down');
    expect(memory.count).toBe(0);
    expect(memory.ids).toEqual([]);
  });

  it('marks the connections rebuilt from the checkpoint server (FIG. 5B)', () => {
    const sim = createSimulation(builtinScenarios['ftp-crash']);
    while (sim.firewallState !== 'recovering') sim.step();
    const recovering = memoryOf(sim);
    expect(recovering.state).toBe('recovering');
    expect(recovering.count).toBeGreaterThan(0);
    expect(recovering.rebuilt.every((r) => r === 1)).toBe(true);
    const control = rowOf(recovering, 'tcp 192.0.2.10:50047 → 198.51.100.20:21 ');
    expect(recovering.admittedBy[control]).toBe('rule 4');
    expect(describePart(ModuleId.ftp, recovering.parts[ModuleId.ftp][control]).text).toBe('CTL');

    // On until a connection opened after the restart (its id has epoch 1) is in the table.
    const opened = () =>
      [...(sim.firewall?.conntrack.table.live() ?? [])].some((c) => c.id > 2 ** 32);
    while (!opened() && sim.step());
    const up = memoryOf(sim);
    expect(up.state).toBe('up');
    expect(up.rebuilt[rowOf(up, 'tcp 192.0.2.10:50047 → 198.51.100.20:21 ')]).toBe(1);
    const fresh = up.numbers.findIndex((n) => n > 0x1_0000_0000); // opened after the restart
    expect(fresh).toBeGreaterThanOrEqual(0);
    expect(up.rebuilt[fresh]).toBe(0);
  });

  it('changes nothing: a run looked at every 97 events ends exactly like one never looked at', () => {
    const untilUs = 1_400_000; // through the crash at 0.8 s and the recovery
    const quiet = createSimulation(builtinScenarios['ftp-crash']);
    quiet.runUntil(untilUs);
    const watched = createSimulation(builtinScenarios['ftp-crash']);
    let looks = 0;
    while (watched.nowUs < untilUs && watched.step()) {
      if (watched.scheduler.eventsProcessed % 97 !== 0) continue;
      readFirewallMemory(watched.firewall, watched.firewallState);
      if (watched.runtime !== null) readCheckpointMemory(watched.runtime.server);
      looks++;
    }
    quiet.runUntil(watched.nowUs);
    expect(looks).toBeGreaterThan(100);
    expect(buildReport(watched)).toEqual(buildReport(quiet));
  });
});

describe('describePart', () => {
  it('says every state in a few characters, and in words', () => {
    expect(describePart(ModuleId.tcp, 7)).toEqual({ text: 'TW', title: 'TCP TIME_WAIT' });
    expect(describePart(ModuleId.udp, 0)).toEqual({ text: 'UNR', title: 'UDP UNREPLIED' });
    expect(describePart(ModuleId.udp, 2).text).toBe('REP·A');
    expect(describePart(ModuleId.icmp, 1)).toEqual({ text: 'REP', title: 'ICMP REPLIED' });
    expect(describePart(ModuleId.sip, 2 | (2 << 8))).toEqual({
      text: 'ANS +2',
      title: 'SIP helper: call answered, 2 expectations pending',
    });
    expect(describePart(ModuleId.sip, 3).text).toBe('BYE');
    expect(describePart(ModuleId.tcp, -1)).toEqual({ text: '—', title: 'no part in this module' });
  });
});

describe('connectionIdOfReadable', () => {
  it('reads back the compact id of a readable id, across restarts', () => {
    const later = 3 * 0x1_0000_0000 + 17;
    for (const id of [1, 42, later]) {
      const readable = formatConnectionId(id, 6, 0xc000020a, 50_047, 0xc6336414, 21);
      expect(connectionIdOfReadable(readable)).toBe(id);
    }
    expect(connectionNumber(later)).toBe('#3.17');
    expect(connectionNumber(5)).toBe('#5');
    expect(connectionIdOfReadable('no number')).toBeNull();
  });
});
