import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LedgerHistory } from '../firewall/connection';
import { ConnectionTable } from '../firewall/connection-table';
import { RebuiltConnections } from './rebuilt-connections';

const history = {} as LedgerHistory; // not read here
const open = (table: ConnectionTable, id: number, sport = id & 0xffff) =>
  table.open(id, 6, 0x0a000001, 0x0a000002, sport, 80, 0, 1, -1, history);

/**
 * `ids` rebuilt into a fresh table, in this order. Room for a few more, as in a recovery
 * where some base records were refused: the unused positions hold zeros.
 */
function rebuild(ids: readonly number[], capacity = ids.length + 3) {
  const table = new ConnectionTable(1_000);
  const rebuilt = new RebuiltConnections(table, capacity);
  for (const id of ids) rebuilt.add(open(table, id), 0, false, 'live');
  return rebuilt;
}

describe('RebuiltConnections', () => {
  it('finds each connection by id, in the rebuild order or any other', () => {
    const ids = [5, 2 ** 40 + 3, 9, 1];
    const rebuilt = rebuild(ids);
    for (const id of ids) expect(rebuilt.byId(id)?.id).toBe(id);
    for (const id of [1, 5, 9, 5, 2 ** 40 + 3, 1]) expect(rebuilt.byId(id)?.id).toBe(id);
    expect(rebuilt.byId(7)).toBeNull();
    expect(rebuilt.byId(0)).toBeNull(); // the zeros past the last one rebuilt name nobody
    expect(rebuilt.has(9)).toBe(true);
    expect(rebuilt.has(7)).toBe(false);
  });

  it('answers any sequence of lookups as a map would, the ids in order or not', () => {
    // Increasing for a while (the server's usual order), then in any order: both ways of
    // finding an id, and the change from one to the other, are exercised.
    const arbitrary = fc
      .tuple(fc.uniqueArray(fc.integer({ min: 0, max: 500 }), { maxLength: 60 }), fc.nat(60))
      .map(([ids, sorted]) => [
        ...ids.slice(0, sorted).sort((a, b) => a - b),
        ...ids.slice(sorted),
      ]);
    const lookups = fc.array(fc.integer({ min: 0, max: 520 }), { maxLength: 200 });
    fc.assert(
      fc.property(arbitrary, lookups, (ids, asked) => {
        const rebuilt = rebuild(ids);
        const known = new Set(ids);
        for (const id of asked)
          expect(rebuilt.byId(id)?.id ?? null).toBe(known.has(id) ? id : null);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a connection rebuilt twice, and more than its capacity', () => {
    const table = new ConnectionTable(10);
    const rebuilt = new RebuiltConnections(table, 5);
    const first = open(table, 4);
    const again = open(table, 4, 999);
    rebuilt.add(first, 0, false, 'live');
    expect(() => rebuilt.add(again, 0, false, 'live')).toThrow('connection 4 rebuilt twice');
    expect(() => rebuild([1, 2, 3], 2)).toThrow('more than 2 rebuilt connections');
  });

  it('visits every one in rebuild order, whole when its expected parts are there', () => {
    const table = new ConnectionTable(10);
    const rebuilt = new RebuiltConnections(table, 3);
    const [a, b, c] = [open(table, 3), open(table, 1), open(table, 2)];
    rebuilt.add(a, 0b1, false, 'live'); // expects a TCP part
    rebuilt.add(b, 0, false, 'new');
    rebuilt.add(c, 0, true, { endedAtUs: 5, endReason: 'closed' });
    a.setPart(0, 7);
    const seen: unknown[] = [];
    for (let i = 0; i < rebuilt.size; i++)
      rebuilt.visit(i, (conn, whole, before) => seen.push([conn.id, whole, before]));
    expect(seen).toEqual([
      [3, true, 'live'],
      [1, true, 'new'],
      [2, false, { endedAtUs: 5, endReason: 'closed' }],
    ]);
  });
});
