import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConnectionLedger } from './connection-ledger';
import { summarizeConnections } from './connection-summary';

const STATES = ['SYN_SENT', 'ESTABLISHED', 'FIN_WAIT', 'TIME_WAIT', 'CLOSE'];
const op = fc.oneof(
  fc.constant({ kind: 'open' as const, pick: 0, arg: 0 }),
  fc.record({ kind: fc.constant('enter' as const), pick: fc.nat(), arg: fc.nat(4) }),
  fc.record({ kind: fc.constant('end' as const), pick: fc.nat(), arg: fc.nat(3) }),
  fc.record({ kind: fc.constant('lose' as const), pick: fc.nat(), arg: fc.nat(3) }),
  fc.record({ kind: fc.constant('recover' as const), pick: fc.nat(), arg: fc.nat(1) }),
);

describe('ConnectionLedger.summary (the tally kept as it changes)', () => {
  it('equals summarizeConnections over the same entries, through any history', () => {
    fc.assert(
      fc.property(
        fc.array(op, { minLength: 40, maxLength: 300 }),
        fc.integer({ min: 5, max: 60 }),
        fc.integer({ min: 1, max: 6 }),
        (ops, maxEntries, limit) => {
          const ledger = new ConnectionLedger(maxEntries, limit); // a revival may empty a place
          const ids: number[] = [];
          let nowUs = 0;
          const tuple = (id: number) => ({ proto: 6, src: 1, sport: id, dst: 2, dport: 80 });
          for (const { kind, pick, arg } of ops) {
            nowUs += arg; // several ends may share a time
            const id = ids.length === 0 ? -1 : ids[pick % ids.length];
            const history = id < 0 ? undefined : ledger.get(id);
            if (kind === 'open') {
              const next = ids.length + 1;
              ids.push(next);
              ledger.opened(next, tuple(next), nowUs, 'rule 1', null, null);
            } else if (kind === 'enter' && history !== undefined) {
              ledger.entered(history, STATES[arg]);
            } else if (kind === 'end' && history !== undefined) {
              ledger.ended(history, nowUs, 'expired');
            } else if (kind === 'lose' && id >= 0) {
              ledger.lost(id, nowUs, 'crash');
            } else if (kind === 'recover') {
              // A known connection rebuilt, or one the ledger never kept (opened for it).
              const target = arg === 0 && id >= 0 ? id : 1_000 + ids.length;
              ledger.recovered(target, tuple(target), nowUs, null, null);
            }
            expect(ledger.summary(limit)).toEqual(
              summarizeConnections(ledger.entries, ledger.omitted, limit),
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
