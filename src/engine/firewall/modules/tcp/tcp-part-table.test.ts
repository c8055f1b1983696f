import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newTcpPart, type TcpPart } from './tcp-part';
import { TcpPartTable } from './tcp-part-table';

const u32 = fc.integer({ min: 0, max: 0xffff_ffff });
const u8 = fc.integer({ min: 0, max: 0xff });
const window = fc.record({
  tdEnd: u32,
  tdMaxend: u32,
  tdMaxwin: u32,
  tdMaxack: u32,
  tdScale: u8,
  flags: u8,
});
const part: fc.Arbitrary<TcpPart> = fc.record({
  state: fc.integer({ min: 0, max: 9 }),
  seen: fc.tuple(window, window),
  retrans: u32,
  lastIndex: u8,
  lastDir: fc.integer({ min: 0, max: 1 }),
  lastSeq: u32,
  lastAck: u32,
  lastEnd: u32,
  lastWin: u32,
  lastWscale: u8,
  lastFlags: u8,
  status: u8,
  expiresUs: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
});

describe('TcpPartTable', () => {
  it('gives back every part as it was stored, across growth, removal and reuse', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(part, fc.boolean()), { maxLength: 2_500 }), (ops) => {
        const table = new TcpPartTable(3_000);
        const model = new Map<number, TcpPart>();
        for (const [p, removeOne] of ops) {
          const handle = table.add(p);
          expect(model.has(handle)).toBe(false);
          model.set(handle, p);
          if (removeOne) {
            const first = model.keys().next().value as number;
            table.remove(first);
            model.delete(first);
          }
        }
        expect(table.size).toBe(model.size);
        for (const [handle, p] of model) {
          expect(table.get(handle)).toEqual(p);
          expect(table.stateOf(handle)).toBe(p.state);
          expect(table.expiresUsOf(handle)).toBe(p.expiresUs);
          expect(table.tdEndOf(handle, 1)).toBe(p.seen[1].tdEnd);
          expect(table.flagsOf(handle, 0)).toBe(p.seen[0].flags);
        }
        expect(new Map(table.entries())).toEqual(model);
      }),
      { numRuns: 30 },
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
