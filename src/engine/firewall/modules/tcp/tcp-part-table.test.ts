import { describe, expect, it } from 'vitest';
import { runAgainstModel } from '../../../testing/part-table-model';
import { tcpPartArbitrary } from '../../../testing/tcp-part-arbitrary';
import { newTcpPart } from './tcp-part';
import { TcpPartTable } from './tcp-part-table';

const part = tcpPartArbitrary();

describe('TcpPartTable', () => {
  it('gives back every part as it was stored, across growth, removal and reuse', () => {
    runAgainstModel(
      () => new TcpPartTable(3_000),
      part,
      (table, model) => {
        expect(table.size).toBe(model.size);
        for (const [handle, p] of model) {
          expect(table.get(handle)).toEqual(p);
          expect(table.stateOf(handle)).toBe(p.state);
          expect(table.expiresUsOf(handle)).toBe(p.expiresUs);
          expect(table.tdEndOf(handle, 1)).toBe(p.seen[1].tdEnd);
          expect(table.flagsOf(handle, 0)).toBe(p.seen[0].flags);
        }
        expect(new Map(table.entries())).toEqual(model);
      },
    );
  });

  it('hands out copies: a change reaches the table only through store()', () => {
    const table = new TcpPartTable(4);
    const handle = table.add(newTcpPart());
    const copy = table.get(handle);
    copy.state = 3;
    copy.seen[1].tdEnd = 77;
    expect(table.stateOf(handle)).toBe(0);
    table.store(handle, copy);
    expect(table.load(handle, newTcpPart())).toEqual(copy);
  });

  it('refuses a value its column would wrap, a removed part, and more parts than it holds', () => {
    const table = new TcpPartTable(2);
    const handle = table.add(newTcpPart());
    const wide = newTcpPart();
    wide.seen[0].tdEnd = 2 ** 32;
    expect(() => table.store(handle, wide)).toThrow(/out of range/);
    const negative = newTcpPart();
    negative.retrans = -1;
    expect(() => table.add(negative)).toThrow(/out of range/);
    expect(table.size).toBe(1);
    table.remove(handle);
    expect(() => table.get(handle)).toThrow(/does not exist/);
    expect(() => table.remove(handle)).toThrow(/removed twice/);
    table.add(newTcpPart());
    table.add(newTcpPart());
    expect(() => table.add(newTcpPart())).toThrow(/full/);
  });
});
