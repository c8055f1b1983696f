import { describe, expect, it } from 'vitest';
import { Connection, type LedgerHistory } from './connection';
import { ConnectionTable } from './connection-table';

const history = {} as LedgerHistory; // the table does not read it
const connection = (id: number, createdUs = 0) =>
  new Connection(id, 6, 0x0a000001, 0x0a000002, 1_000 + id, 80, createdUs, 1, -1, history);

describe('ConnectionTable', () => {
  it("keeps each connection's handles and bookkeeping at its slot, across growth", () => {
    const table = new ConnectionTable(5_000);
    const conns = Array.from({ length: 3_000 }, (_, i) => connection(i));
    for (const c of conns) {
      table.add(c);
      c.setPart(c.id % 5, c.id);
      c.setVersion(c.id % 6, c.id + 1);
      c.setWritten(5, c.id / 2);
      c.setWrittenEnd(1, 0xffff_ff00 + (c.id % 256));
    }
    for (const c of conns) {
      expect(table.find(c.src, c.dst, c.sport, c.dport, 6)).toBe(c.slot * 2);
      for (let m = 0; m < 5; m++) expect(c.part(m)).toBe(m === c.id % 5 ? c.id : -1);
      expect(c.version(c.id % 6)).toBe(c.id + 1);
      expect(c.written(5)).toBe(c.id / 2);
      expect(c.writtenEnd(1)).toBe(0xffff_ff00 + (c.id % 256));
    }
  });

  it('gives a reused slot a clean row, and a removed connection no columns', () => {
    const table = new ConnectionTable(2);
    const first = connection(1);
    table.add(first);
    first.setPart(0, 42);
    first.setVersion(0, 7);
    table.remove(first);
    expect(() => first.part(0)).toThrow(/in no table/);
    const second = connection(2);
    table.add(second);
    expect(second.slot).toBe(0);
    expect([second.part(0), second.version(0), second.written(0)]).toEqual([-1, 0, 0]);
    expect(() => table.add(second)).toThrow(/already in a table/);
  });

  it('sweeps the connections whose expiry has passed, and no other', () => {
    const table = new ConnectionTable(10);
    const conns = Array.from({ length: 6 }, (_, i) => connection(i, 100 * i));
    for (const c of conns) table.add(c);
    expect(conns.map((c) => [c.lastSeenUs, c.expiresUs])).toEqual(
      conns.map((_, i) => [100 * i, 100 * i]),
    );
    conns[1].expiresUs = 10_000;
    const expired: number[] = [];
    table.sweep(350, 10, (c) => {
      expired.push(c.id);
      table.remove(c);
    });
    expect(expired).toEqual([0, 2, 3]);
    expect(() => conns[0].expiresUs).toThrow(/in no table/);
    const reused = connection(9, 7_000);
    table.add(reused);
    expect([reused.slot, reused.expiresUs]).toEqual([3, 7_000]); // the last slot freed
  });
});
