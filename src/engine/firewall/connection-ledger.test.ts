import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConnectionLedger } from './connection-ledger';

const tuple = (sport: number) => ({ proto: 6, src: 1, sport, dst: 2, dport: 80 });
const EPOCH = 2 ** 32; // ids past the first epoch are not small integers

describe('ConnectionLedger', () => {
  it('finds entries by id, in any epoch, and counts their packets', () => {
    const ledger = new ConnectionLedger();
    const first = ledger.opened(5 * EPOCH + 1, tuple(1), 10, 'rule 1', null, null);
    const second = ledger.opened(5 * EPOCH + 2, tuple(2), 20, 'rule 2', null, null);
    expect(ledger.get(5 * EPOCH + 2)).toBe(second);
    expect(ledger.get(6 * EPOCH + 2)).toBeUndefined();
    first.countAccepted();
    first.countAccepted();
    first.countDropped();
    expect(first.packets).toEqual({ accepted: 3, dropped: 1 });
    expect(first.acceptedPackets).toBe(3);
    expect(second.packets).toEqual({ accepted: 1, dropped: 0 });
    // Recovery continues a known entry; an unknown one starts with no packets counted.
    expect(ledger.recovered(5 * EPOCH + 1, tuple(1), 10, null, null)).toBe(first);
    const unknown = ledger.recovered(7 * EPOCH + 9, tuple(9), 30, null, null);
    expect(unknown.packets).toEqual({ accepted: 0, dropped: 0 });
    expect(ledger.get(7 * EPOCH + 9)).toBe(unknown);
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
