import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Connection } from '../firewall/connection';
import type { Firewall } from '../firewall/firewall';
import { ModuleId } from '../firewall/modules/module-ids';
import { TcpWindowFlag, type TcpPart } from '../firewall/modules/tcp/tcp-part';
import { builtinScenarios } from '../scenarios/builtins';
import type { ScenarioInput } from '../scenarios/schema';
import { createSimulation } from '../simulation';
import { Injector } from '../testing/inject';
import { ICMP_ECHO_REQUEST } from '../net/packet';
import { emptyView, tableView } from './table-view';

/**
 * The view as it was first written, a JSON text per connection: the model the typed view
 * must agree with. Every field it names is one the typed view must compare.
 */
function jsonView(fw: Firewall): Map<number, string> {
  const view = new Map<number, string>();
  const m = fw.conntrack.modules;
  const unchecked = TcpWindowFlag.DATA_UNACKNOWLEDGED | TcpWindowFlag.BE_LIBERAL;
  for (const c of fw.conntrack.table.live()) {
    const helper = c.helper >= 0 ? fw.ruleset.helpers[c.helper].name : '';
    const base = [c.proto, c.src, c.dst, c.sport, c.dport, c.createdUs, c.rule, helper];
    const parts: Record<string, unknown> = { base: [...base, c.masterId, c.seenReply] };
    if (c.part(ModuleId.tcp) >= 0) {
      const t = m.tcpParts.get(c.part(ModuleId.tcp));
      parts.tcp = [t.state, t.status, ...t.seen.map((s) => [s.tdScale, s.flags & ~unchecked])];
    }
    if (c.part(ModuleId.udp) >= 0) parts.udp = m.udpParts.get(c.part(ModuleId.udp));
    if (c.part(ModuleId.icmp) >= 0) parts.icmp = m.icmpParts.get(c.part(ModuleId.icmp));
    const pending = fw.conntrack.expectations
      .entries()
      .filter((e) => e.masterSlot === c.slot && e.masterId === c.id)
      .map((e) => [e.proto, e.src, e.dst, e.dport, e.expiresUs]);
    if (c.part(ModuleId.ftp) >= 0)
      parts.ftp = [m.ftpParts.announcedOf(c.part(ModuleId.ftp)), pending];
    if (c.part(ModuleId.sip) >= 0) {
      const s = m.sipParts.get(c.part(ModuleId.sip));
      parts.sip = [s.state, s.announced, pending];
    }
    view.set(c.id, JSON.stringify(parts));
  }
  return view;
}

function jsonCompare(before: Map<number, string>, after: Map<number, string>) {
  const lost: number[] = [];
  const mismatched: number[] = [];
  for (const [id, text] of before) {
    const now = after.get(id);
    if (now === undefined) lost.push(id);
    else if (now !== text) mismatched.push(id);
  }
  for (const id of after.keys()) if (!before.has(id)) mismatched.push(id);
  return { lost, mismatched };
}

/** Tables with every module: FTP (its expectations), SIP and UDP, ICMP, plain TCP. */
const scenarios: Record<string, ScenarioInput> = {
  'ftp-crash': { ...builtinScenarios['ftp-crash'], faults: [] },
  'video-call': builtinScenarios['video-call'],
  'blocked-address': builtinScenarios['blocked-address'],
  'many-flows (60)': {
    ...builtinScenarios['many-flows'],
    traffic: builtinScenarios['many-flows'].traffic?.map((t) => ({ ...t, connections: 60 })),
  },
};

function firewallAt(scenario: string, seed: number, atUs: number): Firewall {
  const sim = createSimulation(scenarios[scenario], { seed });
  sim.runUntil(atUs);
  if (sim.firewall === null) throw new Error(`${scenario} has no firewall at ${atUs} us`);
  return sim.firewall;
}

/** A firewall holding one ICMP echo (no built-in scenario pings). */
function echoRequested(): Firewall {
  const injector = new Injector();
  injector.icmp(true, ICMP_ECHO_REQUEST, 7);
  if (injector.sim.firewall === null) throw new Error('no firewall');
  return injector.sim.firewall;
}

const momentArb = fc.record({
  seed: fc.integer({ min: 1, max: 5 }),
  atUs: fc.integer({ min: 1, max: 30 }).map((n) => n * 100_000),
});

describe('tableView', () => {
  it('finds the connections lost and changed between two tables as the JSON view does', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(scenarios)),
        momentArb,
        momentArb,
        (scenario, a, b) => {
          const before = firewallAt(scenario, a.seed, a.atUs);
          const typedBefore = tableView(before);
          const jsonBefore = jsonView(before);
          const after = firewallAt(scenario, b.seed, b.atUs);
          const found = typedBefore.against(after);
          expect(found).toEqual(jsonCompare(jsonBefore, jsonView(after)));
          expect(typedBefore.against(before)).toEqual({ lost: [], mismatched: [] });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('sees a change in any checkpointed field of any part, and none in what it leaves out', () => {
    type Change = (fw: Firewall, c: Connection) => void;
    const tcp =
      (edit: (p: TcpPart) => void): Change =>
      (fw, c) => {
        const parts = fw.conntrack.modules.tcpParts;
        const p = parts.get(c.part(ModuleId.tcp));
        edit(p);
        parts.store(c.part(ModuleId.tcp), p);
      };
    const cases: [string, () => Firewall, number | null, Change, boolean][] = [
      [
        'base: seen reply',
        () => firewallAt('ftp-crash', 1, 700_000),
        null,
        (_, c) => (c.seenReply = !c.seenReply),
        true,
      ],
      [
        'base: helper',
        () => firewallAt('ftp-crash', 1, 700_000),
        ModuleId.ftp,
        (_, c) => (c.helper = -1),
        true,
      ],
      [
        'base: rule',
        () => firewallAt('ftp-crash', 1, 700_000),
        null,
        (_, c) => (c.columns.rules[c.slot] += 1),
        true,
      ],
      [
        'tcp: state',
        () => firewallAt('ftp-crash', 1, 700_000),
        ModuleId.tcp,
        tcp((p) => (p.state ^= 1)),
        true,
      ],
      [
        'tcp: status',
        () => firewallAt('ftp-crash', 1, 700_000),
        ModuleId.tcp,
        tcp((p) => (p.status ^= 8)),
        true,
      ],
      [
        'tcp: scale',
        () => firewallAt('ftp-crash', 1, 700_000),
        ModuleId.tcp,
        tcp((p) => (p.seen[1].tdScale ^= 1)),
        true,
      ],
      [
        'tcp: a window position (left out)',
        () => firewallAt('ftp-crash', 1, 700_000),
        ModuleId.tcp,
        tcp((p) => (p.seen[0].tdEnd = (p.seen[0].tdEnd + 1) >>> 0)),
        false,
      ],
      [
        'tcp: the liberal flag (left out)',
        () => firewallAt('ftp-crash', 1, 700_000),
        ModuleId.tcp,
        tcp((p) => (p.seen[0].flags ^= TcpWindowFlag.BE_LIBERAL)),
        false,
      ],
      [
        'ftp: announcements',
        () => firewallAt('ftp-crash', 1, 700_000),
        ModuleId.ftp,
        (fw, c) => {
          const parts = fw.conntrack.modules.ftpParts;
          const p = parts.get(c.part(ModuleId.ftp));
          p.announced++;
          parts.store(c.part(ModuleId.ftp), p);
        },
        true,
      ],
      [
        'ftp: an expectation gone',
        // Between a PASV reply and the data connection it announces.
        () => firewallAt('ftp-crash', 1, 23_200),
        ModuleId.ftp,
        (fw, c) => fw.conntrack.expectations.removeForMaster(c.slot),
        true,
      ],
      [
        'udp: stream time',
        () => firewallAt('video-call', 1, 2_000_000),
        ModuleId.udp,
        (fw, c) => fw.conntrack.modules.udpParts.get(c.part(ModuleId.udp)).streamFromUs++,
        true,
      ],
      [
        'sip: state',
        () => firewallAt('video-call', 1, 2_000_000),
        ModuleId.sip,
        (fw, c) => (fw.conntrack.modules.sipParts.get(c.part(ModuleId.sip)).state ^= 1),
        true,
      ],
      [
        'icmp: state',
        echoRequested,
        ModuleId.icmp,
        (fw, c) => (fw.conntrack.modules.icmpParts.get(c.part(ModuleId.icmp)).state ^= 1),
        true,
      ],
      [
        // Its fields are all 0, as an absent part's are: only the parts present tell.
        'icmp: the part gone',
        echoRequested,
        ModuleId.icmp,
        (_, c) => c.setPart(ModuleId.icmp, -1),
        true,
      ],
    ];
    for (const [name, firewall, module, change, seen] of cases) {
      const fw = firewall();
      const conn = [...fw.conntrack.table.live()].find(
        (c) =>
          (module === null || c.part(module) >= 0) &&
          (name !== 'ftp: an expectation gone' ||
            fw.conntrack.expectations.entries().some((e) => e.masterId === c.id)),
      );
      if (conn === undefined) throw new Error(`${name}: no such connection`);
      const before = tableView(fw);
      const jsonBefore = jsonView(fw);
      change(fw, conn);
      const found = before.against(fw);
      expect(found, name).toEqual({ lost: [], mismatched: seen ? [conn.id] : [] });
      expect(jsonCompare(jsonBefore, jsonView(fw)), name).toEqual(found);
    }
  });

  it('of an empty table: every connection of another view is new to it, none lost', () => {
    const fw = firewallAt('ftp-crash', 1, 700_000);
    const ids = [...fw.conntrack.table.live()].map((c) => c.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(emptyView().against(fw)).toEqual({ lost: [], mismatched: ids });
    const empty = new Injector().sim.firewall;
    if (empty === null) throw new Error('no firewall');
    expect(tableView(fw).against(empty)).toEqual({ lost: ids, mismatched: [] });
    expect(emptyView().size).toBe(0);
  });
});
