import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConnectionHistory } from './connection';
import { byCountThenName, summarizeConnections } from './connection-summary';
import { icmpCtStateNames } from './modules/icmp-tracker';
import { tcpCtStateNames } from './modules/tcp/tcp-states';
import { udpCtStateNames } from './modules/udp-tracker';

function history(n: number, endedAtUs: number | null, state: string): ConnectionHistory {
  return {
    id: `tcp 192.0.2.10:${40_000 + n} → 198.51.100.80:80 #${n}`,
    proto: 'tcp',
    orig: { src: '192.0.2.10', sport: 40_000 + n, dst: '198.51.100.80', dport: 80 },
    states: state === '' ? [] : ['SYN_SENT', state],
    helper: null,
    related: null,
    admittedBy: 'rule 1',
    createdAtUs: n,
    endedAtUs,
    endReason: endedAtUs === null ? null : 'expired',
    packets: { accepted: 1, dropped: 0 },
    recoveries: 0,
  };
}

describe('summarizeConnections', () => {
  it('counts everything and copies only the first live and the latest ended', () => {
    const entries = [
      history(1, null, 'ESTABLISHED'),
      history(2, 500, 'CLOSE'),
      history(3, null, 'TIME_WAIT'),
      history(4, 900, 'CLOSE'),
      history(5, null, 'ESTABLISHED'),
      history(6, 900, 'CLOSE'),
      history(7, null, ''),
    ];
    const s = summarizeConnections(entries, 3, 2);
    expect(s.live.map((c) => c.id.split('#')[1])).toEqual(['1', '3']);
    expect(s.live[0]).not.toBe(entries[0]); // a copy: the ledger's entry keeps changing
    expect(s.liveTotal).toBe(4);
    expect(s.liveStates).toEqual([
      ['ESTABLISHED', 2],
      ['', 1],
      ['TIME_WAIT', 1],
    ]);
    expect(s.ended.map((c) => c.id.split('#')[1])).toEqual(['4', '6']); // a tie keeps ledger order
    expect(s.endedTotal).toBe(3);
    expect(s.omitted).toBe(3);
  });

  it('lists the ended ones as a stable sort by end time, latest first, would', () => {
    const ends = fc.array(fc.option(fc.integer({ min: 0, max: 20 })), { maxLength: 60 });
    fc.assert(
      fc.property(ends, fc.integer({ min: 1, max: 8 }), (endTimes, limit) => {
        const entries = endTimes.map((e, i) => history(i, e, 'CLOSE'));
        const expected = entries
          .filter((c) => c.endedAtUs !== null)
          .sort((a, b) => (b.endedAtUs ?? 0) - (a.endedAtUs ?? 0))
          .slice(0, limit)
          .map((c) => c.id);
        expect(summarizeConnections(entries, 0, limit).ended.map((c) => c.id)).toEqual(expected);
      }),
    );
  });
});

describe('byCountThenName', () => {
  it('orders every state name as localeCompare did (a new name that sorts otherwise fails here)', () => {
    const names = ['', ...tcpCtStateNames, ...udpCtStateNames, ...icmpCtStateNames];
    const tied = names.map((n) => [n, 1] as const);
    const sorted = (
      compare: (a: readonly [string, number], b: readonly [string, number]) => number,
    ) => [...tied].sort(compare).map(([n]) => n);
    expect(sorted(byCountThenName)).toEqual(sorted((a, b) => a[0].localeCompare(b[0])));
    expect([...tied, ['ASSURED', 3] as const].sort(byCountThenName)[0]).toEqual(['ASSURED', 3]);
  });
});
