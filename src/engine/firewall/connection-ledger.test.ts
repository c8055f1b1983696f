import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIpv4 } from '../net/ipv4';
import type { ConnectionHistory, LedgerHistory } from './connection';
import { formatConnectionId } from './connection-id';
import { ConnectionLedger } from './connection-ledger';
import { copyHistory } from './firewall-report';

const tuple = (sport: number) => ({ proto: 6, src: 1, sport, dst: 2, dport: 80 });
const EPOCH = 2 ** 32; // ids past the first epoch are not small integers

describe('ConnectionLedger', () => {
  it('finds entries by id, in any epoch, and counts their packets', () => {
    const ledger = new ConnectionLedger();
    const first = ledger.opened(5 * EPOCH + 1, tuple(1), 10, 'rule 1', null, null);
    const second = ledger.opened(5 * EPOCH + 2, tuple(2), 20, 'rule 2', null, null);
    // An entry kept is a view of its row, made when asked for: the same row, not the same object.
    expect(ledger.get(5 * EPOCH + 2)).toEqual(second);
    expect(ledger.get(5 * EPOCH + 2)).not.toEqual(first);
    expect(ledger.get(6 * EPOCH + 2)).toBeUndefined();
    first.countAccepted();
    first.countAccepted();
    first.countDropped();
    expect(first.packets).toEqual({ accepted: 3, dropped: 1 });
    expect(first.acceptedPackets).toBe(3);
    expect(second.packets).toEqual({ accepted: 1, dropped: 0 });
    // Recovery continues a known entry; an unknown one starts with no packets counted.
    expect(ledger.recovered(5 * EPOCH + 1, tuple(1), 10, null, null)).toEqual(first);
    const unknown = ledger.recovered(7 * EPOCH + 9, tuple(9), 30, null, null);
    expect(unknown.packets).toEqual({ accepted: 0, dropped: 0 });
    expect(ledger.get(7 * EPOCH + 9)).toEqual(unknown);
  });

  it('shares the arrays of equal state histories, and keeps each history exact', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom('SYN_SENT', 'ESTABLISHED', 'CLOSE'), { maxLength: 5 }), {
          minLength: 1,
          maxLength: 30,
        }),
        (paths) => {
          const ledger = new ConnectionLedger();
          const histories = paths.map((path, i) => {
            const h = ledger.opened(i + 1, tuple(i), 0, 'rule 1', null, null);
            for (const state of path) ledger.entered(h, state);
            return h;
          });
          histories.forEach((h, i) => expect(h.states).toEqual(paths[i]));
          for (let i = 0; i < paths.length; i++) {
            for (let j = 0; j < i; j++) {
              if (paths[i].join() === paths[j].join()) {
                expect(histories[i].states).toBe(histories[j].states);
              }
            }
          }
        },
      ),
    );
  });

  it('gives each history an array of its own once the shared ones reach their bound', () => {
    const ledger = new ConnectionLedger();
    // 5,000 distinct histories: each connection enters a state of its own.
    for (let i = 1; i <= 5_000; i++) {
      const h = ledger.opened(i, tuple(i), 0, 'rule 1', null, null);
      ledger.entered(h, `S${i}`);
    }
    const a = ledger.opened(9_001, tuple(1), 0, 'rule 1', null, null);
    const b = ledger.opened(9_002, tuple(2), 0, 'rule 1', null, null);
    ledger.entered(a, 'S4999');
    ledger.entered(b, 'S4999');
    expect(a.states).toEqual(['S4999']);
    expect(a.states).not.toBe(b.states);
    // Histories shared before the bound stay shared.
    const c = ledger.opened(9_003, tuple(3), 0, 'rule 1', null, null);
    ledger.entered(c, 'S1');
    expect(c.states).toBe(ledger.get(1)?.states);
  });
});

/** What the ledger should say of one connection: plain data, kept by the test itself. */
interface ModelEntry {
  history: LedgerHistory;
  expected: Expected;
}

type Expected = { -readonly [K in keyof ConnectionHistory]: ConnectionHistory[K] };

const ledgerOp = fc.oneof(
  fc.record({
    kind: fc.constant('open' as const),
    src: fc.nat({ max: 0xffff_ffff }),
    helper: fc.constantFrom(null, 'ftp', 'sip'),
    related: fc.option(fc.constantFrom('tcp 10.0.0.1:1 → 10.0.0.2:21 #1'), { nil: null }),
  }),
  fc.record({ kind: fc.constant('enter' as const), pick: fc.nat(), state: fc.nat(3) }),
  fc.record({ kind: fc.constant('end' as const), pick: fc.nat(), reason: fc.nat(2) }),
  fc.record({ kind: fc.constant('lose' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('recover' as const), pick: fc.nat(), known: fc.boolean() }),
  fc.record({ kind: fc.constant('cameBack' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('count' as const), pick: fc.nat(), accepted: fc.boolean() }),
);

describe('ConnectionLedger entries (rows of columns, and the unlisted past its bound)', () => {
  it('say what a plain model of every entry says, through any history', () => {
    const STATES = ['SYN_SENT', 'ESTABLISHED', 'CLOSE', 'UNREPLIED'];
    const REASONS = ['expired', 'reopened', 'reset before any reply'];
    fc.assert(
      fc.property(fc.array(ledgerOp, { maxLength: 120 }), fc.nat(30), (ops, maxEntries) => {
        const ledger = new ConnectionLedger(maxEntries);
        const all: ModelEntry[] = [];
        const kept = new Map<number, ModelEntry>();
        let nowUs = 0;
        const track = (id: number, t: ReturnType<typeof tupleOf>, entry: ModelEntry) => {
          all.push(entry);
          if (kept.size < maxEntries) kept.set(id, entry);
          expect(entry.expected.id).toBe(formatConnectionId(id, 6, t.src, t.sport, t.dst, 21));
        };
        const end = (m: ModelEntry, reason: string) => {
          if (m.expected.endedAtUs !== null) return;
          m.expected.endedAtUs = nowUs;
          m.expected.endReason = reason;
        };
        for (const op of ops) {
          nowUs += 7;
          const m = all.length === 0 ? undefined : all[('pick' in op ? op.pick : 0) % all.length];
          const idOf = (entry: ModelEntry) => all.indexOf(entry) + 1;
          if (op.kind === 'open') {
            const id = all.length + 1;
            const t = tupleOf(id, op.src);
            const history = ledger.opened(id, t, nowUs, 'rule 2', op.helper, op.related);
            track(id, t, { history, expected: expectedOf(id, t, nowUs, 'rule 2', op) });
          } else if (m === undefined) {
            continue;
          } else if (op.kind === 'enter') {
            ledger.entered(m.history, STATES[op.state]);
            m.expected.states = [...m.expected.states, STATES[op.state]];
          } else if (op.kind === 'end') {
            ledger.ended(m.history, nowUs, REASONS[op.reason]);
            end(m, REASONS[op.reason]);
          } else if (op.kind === 'lose') {
            ledger.lost(idOf(m), nowUs, 'lost in a firewall crash');
            if (kept.get(idOf(m)) === m) end(m, 'lost in a firewall crash');
          } else if (op.kind === 'cameBack') {
            ledger.cameBack(idOf(m));
            if (kept.get(idOf(m)) === m) m.expected.recoveries++;
          } else if (op.kind === 'count') {
            if (op.accepted) m.history.countAccepted();
            else m.history.countDropped();
            const { accepted, dropped } = m.expected.packets;
            m.expected.packets = op.accepted
              ? { accepted: accepted + 1, dropped }
              : { accepted, dropped: dropped + 1 };
          } else if (op.known && kept.get(idOf(m)) === m) {
            const t = tupleOf(idOf(m), 1);
            expect(ledger.recovered(idOf(m), t, nowUs, null, null)).toEqual(m.history);
            m.expected.endedAtUs = null;
            m.expected.endReason = null;
          } else {
            const id = 10_000 + all.length; // one the ledger never saw
            const t = tupleOf(id, 0xc633_6414);
            const history = ledger.recovered(id, t, nowUs, 'ftp', null);
            const expected = expectedOf(id, t, nowUs, 'recovery', { helper: 'ftp', related: null });
            expected.packets = { accepted: 0, dropped: 0 };
            track(id, t, { history, expected });
          }
        }
        for (const m of all) expect(copyHistory(m.history)).toEqual(m.expected);
        expect(ledger.entries).toEqual([...kept.values()].map((m) => m.history));
        expect(ledger.omitted).toBe(all.length - kept.size);
        for (const [id, m] of kept) expect(ledger.get(id)).toEqual(m.history);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a second entry for an id it keeps', () => {
    const ledger = new ConnectionLedger();
    ledger.opened(7, tuple(1), 0, 'rule 1', null, null);
    expect(() => ledger.opened(7, tuple(2), 5, 'rule 1', null, null)).toThrow(/made twice/);
  });

  it('refuses to wrap a packet count', () => {
    const ledger = new ConnectionLedger();
    const h = ledger.opened(1, tuple(1), 0, 'rule 1', null, null);
    (ledger as unknown as { rows: { accepted: Uint32Array } }).rows.accepted[0] = 0xffff_ffff;
    expect(() => h.countAccepted()).toThrow(/a count of 4294967296 packets/);
  });
});

function tupleOf(id: number, src: number) {
  return { proto: 6, src, sport: id % 65_536, dst: 0xc633_6414, dport: 21 };
}

function expectedOf(
  id: number,
  t: ReturnType<typeof tupleOf>,
  nowUs: number,
  admittedBy: string,
  op: { helper: string | null; related: string | null },
): Expected {
  return {
    id: formatConnectionId(id, 6, t.src, t.sport, t.dst, 21),
    proto: 'tcp',
    orig: { src: formatIpv4(t.src), sport: t.sport, dst: formatIpv4(t.dst), dport: 21 },
    states: [],
    helper: op.helper,
    related: op.related,
    admittedBy,
    createdAtUs: nowUs,
    endedAtUs: null,
    endReason: null,
    packets: { accepted: 1, dropped: 0 },
    recoveries: 0,
  };
}
