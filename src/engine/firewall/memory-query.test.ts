import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCheckpointMemory } from '../checkpoint/memory-view';
import { buildReport } from '../report';
import { builtinScenarios } from '../scenarios';
import { createSimulation, type Simulation } from '../simulation';
import {
  MAX_PAGE_ROWS,
  MEMORY_SORT_KEYS,
  queryFirewallMemory,
  type FirewallMemoryRequest,
  type FirewallMemoryRow,
} from './memory-query';
import { describePart, MEMORY_MODULES } from './memory-view';
import { ModuleId } from './modules/module-ids';

const ALL: FirewallMemoryRequest = {
  filter: '',
  sort: 'number',
  descending: false,
  start: 0,
  limit: MAX_PAGE_ROWS,
  selected: null,
};

const pageOf = (sim: Simulation, request: Partial<FirewallMemoryRequest> = {}) =>
  queryFirewallMemory(sim.firewall, sim.firewallState, { ...ALL, ...request });

function runTo(name: string, us: number): Simulation {
  const sim = createSimulation(builtinScenarios[name]);
  sim.runUntil(us);
  return sim;
}

/** The row of the connection whose readable id starts with `prefix`. */
function rowOf(rows: readonly FirewallMemoryRow[], prefix: string): FirewallMemoryRow {
  const row = rows.find((r) => r.id.startsWith(prefix));
  if (row === undefined) throw new Error(`no row ${prefix}`);
  return row;
}

const CONTROL = 'tcp 192.0.2.10:50047 → 198.51.100.20:21 ';
const DATA = 'tcp 192.0.2.10:50048 → 198.51.100.20:33981 ';

describe('queryFirewallMemory', () => {
  it('lists every live connection with its base layer and a cell per module (FIG. 4B)', () => {
    const sim = runTo('ftp-crash', 700_000);
    const page = pageOf(sim);
    expect(page.state).toBe('up');
    expect(page.count).toBe(sim.firewall?.conntrack.table.count);
    expect([page.matched, page.rows.length, page.start]).toEqual([page.count, page.count, 0]);

    const control = rowOf(page.rows, CONTROL);
    expect(control).toMatchObject({ number: 1, admittedBy: 'rule 4', state: 'ESTABLISHED' });
    expect(control.helper).not.toBe('');
    expect(control.master).toBe('');
    expect(control.parts).toHaveLength(MEMORY_MODULES.length);
    expect(describePart(ModuleId.tcp, control.parts[ModuleId.tcp]).text).toBe('ES·A');
    expect(describePart(ModuleId.ftp, control.parts[ModuleId.ftp]).text).toBe('CTL');
    expect(control.parts[ModuleId.udp]).toBe(-1);

    const data = rowOf(page.rows, DATA);
    expect(data).toMatchObject({ master: control.id, admittedBy: 'expectation (ftp)', helper: '' });
    expect(data.parts[ModuleId.ftp]).toBe(-1);

    const video = rowOf(page.rows, 'udp ');
    expect(describePart(ModuleId.udp, video.parts[ModuleId.udp]).title).toBe('UDP REPLIED');
    expect(video.createdUs).toBeGreaterThan(0);
    expect(page.rows.some((r) => r.rebuilt || r.related)).toBe(false);
  });

  it("counts a helper's pending expectations in its part", () => {
    const sim = createSimulation(builtinScenarios['ftp-crash']);
    while ((sim.firewall?.conntrack.expectations.size ?? 0) === 0) sim.step();
    const cell = describePart(ModuleId.ftp, rowOf(pageOf(sim).rows, CONTROL).parts[ModuleId.ftp]);
    expect(cell.text).toBe('CTL +1');
    expect(cell.title).toBe('FTP helper: 1 data connection announced, 1 expectation pending');
  });

  it('marks the selected connection’s related ones and says where it is', () => {
    const sim = runTo('ftp-crash', 700_000);
    const fromData = pageOf(sim, { selected: 2 });
    expect(fromData.rows.filter((r) => r.related).map((r) => r.number)).toEqual([1]);
    expect(fromData.selectedPosition).toBe(1); // #1 comes first by number
    const fromControl = pageOf(sim, { selected: 1, descending: true });
    expect(fromControl.rows.filter((r) => r.related).map((r) => r.number)).toEqual([2]);
    expect(fromControl.selectedPosition).toBe(fromControl.matched - 1);
    expect(pageOf(sim, { selected: 1, filter: 'udp' }).selectedPosition).toBe(-1);
  });

  it('is empty while the firewall is down: its memory is gone', () => {
    const page = pageOf(runTo('ftp-crash', 900_000));
    expect(page).toMatchObject({ state: 'down', count: 0, matched: 0, rows: [] });
  });

  it('marks the connections rebuilt from the checkpoint server (FIG. 5B)', () => {
    const sim = createSimulation(builtinScenarios['ftp-crash']);
    while (sim.firewallState !== 'recovering') sim.step();
    const recovering = pageOf(sim);
    expect(recovering.state).toBe('recovering');
    expect(recovering.count).toBeGreaterThan(0);
    expect(recovering.rows.every((r) => r.rebuilt)).toBe(true);
    const control = rowOf(recovering.rows, CONTROL);
    expect(control.admittedBy).toBe('rule 4');
    expect(describePart(ModuleId.ftp, control.parts[ModuleId.ftp]).text).toBe('CTL');

    // On until a connection opened after the restart (its id has epoch 1) is in the table.
    const opened = () =>
      [...(sim.firewall?.conntrack.table.live() ?? [])].some((c) => c.id > 2 ** 32);
    while (!opened() && sim.step());
    const up = pageOf(sim);
    expect(up.state).toBe('up');
    expect(rowOf(up.rows, CONTROL).rebuilt).toBe(true);
    const fresh = up.rows.find((r) => r.number > 0x1_0000_0000); // opened after the restart
    expect(fresh?.rebuilt).toBe(false);
  });

  it('changes nothing: a run looked at every 97 events ends exactly like one never looked at', () => {
    const untilUs = 1_400_000; // through the crash at 0.8 s and the recovery
    const quiet = createSimulation(builtinScenarios['ftp-crash']);
    quiet.runUntil(untilUs);
    const watched = createSimulation(builtinScenarios['ftp-crash']);
    let looks = 0;
    while (watched.nowUs < untilUs && watched.step()) {
      if (watched.scheduler.eventsProcessed % 97 !== 0) continue;
      pageOf(watched, { sort: MEMORY_SORT_KEYS[looks % MEMORY_SORT_KEYS.length], selected: 1 });
      if (watched.runtime !== null) readCheckpointMemory(watched.runtime.server, { selected: 1 });
      looks++;
    }
    quiet.runUntil(watched.nowUs);
    expect(looks).toBeGreaterThan(100);
    expect(buildReport(watched)).toEqual(buildReport(quiet));
  });
});

describe('queryFirewallMemory pages', () => {
  // many-flows at 150 ms: several hundred connections in every TCP state of a short request.
  const sim = runTo('many-flows', 150_000);
  /** Every row in order, a page of MAX_PAGE_ROWS at a time. */
  const whole = (request: Partial<FirewallMemoryRequest>) => {
    const rows: FirewallMemoryRow[] = [];
    for (let start = 0; ; start += MAX_PAGE_ROWS) {
      const page = pageOf(sim, { ...request, start });
      rows.push(...page.rows);
      if (start + MAX_PAGE_ROWS >= page.matched) return rows;
    }
  };

  it('has more connections than a page holds', () => {
    expect(pageOf(sim).count).toBeGreaterThan(MAX_PAGE_ROWS);
    expect(whole({})).toHaveLength(pageOf(sim).count);
  });

  it('gives any window of the order a full sort gives, for every key either way', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MEMORY_SORT_KEYS),
        fc.boolean(),
        fc.constantFrom('', '192.0.2.1', 'syn', 'time_wait', ':80 #1', 'nothing like it'),
        fc.nat(1_000),
        fc.nat(40),
        (sort, descending, filter, start, limit) => {
          const all = whole({ sort, descending, filter });
          const page = pageOf(sim, { sort, descending, filter, start, limit });
          expect(page.matched).toBe(all.length);
          expect(page.start).toBe(Math.min(start, all.length));
          expect(page.rows).toEqual(all.slice(page.start, page.start + limit));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('orders by the key, then by connection number', () => {
    const numbers = (rows: readonly FirewallMemoryRow[]) => rows.map((r) => r.number);
    const byNumber = numbers(whole({}));
    expect(byNumber).toEqual([...byNumber].sort((a, b) => a - b));
    const youngest = whole({ sort: 'age' });
    for (let i = 1; i < youngest.length; i++)
      expect(youngest[i - 1].createdUs).toBeGreaterThanOrEqual(youngest[i].createdUs);
    const states = whole({ sort: 'state', descending: true });
    for (let i = 1; i < states.length; i++) {
      const [a, b] = [states[i - 1], states[i]];
      expect(a.state >= b.state).toBe(true);
      if (a.state === b.state) expect(a.number).toBeLessThan(b.number);
    }
    // Addresses by number, not as text: 192.0.2.9 before 192.0.2.10.
    const ports = whole({ sort: 'tuple' }).map((r) => r.id.split(' ')[1]);
    const key = (s: string) => s.split(/[.:]/).map(Number);
    for (let i = 1; i < ports.length; i++) {
      const [a, b] = [key(ports[i - 1]), key(ports[i])];
      const d = a.findIndex((x, k) => x !== b[k]);
      if (d >= 0) expect(a[d]).toBeLessThan(b[d]);
    }
  });

  it('filters by any text of the id, state, admitting rule or helper, ignoring case', () => {
    const rows = whole({ filter: ' SYN_sent ' });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.state === 'SYN_SENT')).toBe(true);
    expect(whole({ filter: 'rule' })).toHaveLength(pageOf(sim).count);
    expect(whole({ filter: 'nothing like it' })).toEqual([]);
  });

  it('bounds a page, and a start past the end gives none', () => {
    expect(pageOf(sim, { limit: 10 * MAX_PAGE_ROWS }).rows.length).toBeLessThanOrEqual(
      MAX_PAGE_ROWS,
    );
    const past = pageOf(sim, { start: 10_000, limit: 20 });
    expect([past.start, past.rows.length]).toEqual([past.matched, 0]);
  });
});
