import { describe, expect, it } from 'vitest';
import type { Connection, LedgerHistory } from './connection';
import { ConnectionLedger } from './connection-ledger';
import { ConnectionTable } from './connection-table';

const history = {} as LedgerHistory; // the table does not read it
const open = (table: ConnectionTable, id: number, createdUs = 0) =>
  table.open(id, 6, 0x0a000001, 0x0a000002, 1_000 + id, 80, createdUs, 1, -1, history);

describe('ConnectionTable', () => {
  it("keeps each connection's handles and bookkeeping at its slot, across growth", () => {
    const table = new ConnectionTable(5_000);
    const conns = Array.from({ length: 3_000 }, (_, i) => open(table, i));
    const l4 = (c: Connection) => c.id % 3; // TCP, UDP or ICMP
    const helper = (c: Connection) => (c.id % 4 === 0 ? -1 : 3 + (c.id % 2)); // none, FTP or SIP
    for (const c of conns) {
      c.setPart(l4(c), c.id);
      if (helper(c) >= 0) c.setPart(helper(c), c.id + 7);
      c.setVersion(0, c.id + 1);
      c.setVersion(1 + l4(c), c.id + 2);
      if (helper(c) >= 0) c.setVersion(1 + helper(c), c.id + 3);
      c.setWritten(1 + l4(c), c.id * 2 + 1);
      if (helper(c) >= 0) c.setWritten(1 + helper(c), NaN);
      c.setWrittenEnd(1, 0xffff_ff00 + (c.id % 256));
    }
    for (const c of conns) {
      expect(table.find(c.src, c.dst, c.sport, c.dport, 6)).toBe(c.slot * 2);
      const parts = [0, 1, 2, 3, 4].map((m) => c.part(m));
      expect(parts).toEqual(
        [0, 1, 2, 3, 4].map((m) => (m === l4(c) ? c.id : m === helper(c) ? c.id + 7 : -1)),
      );
      expect(c.version(0)).toBe(c.id + 1);
      expect(c.version(1 + l4(c))).toBe(c.id + 2);
      if (helper(c) >= 0) expect(c.version(1 + helper(c))).toBe(c.id + 3);
      expect(c.written(0)).toBe(0);
      expect(c.written(1 + l4(c))).toBe(c.id * 2 + 1);
      if (helper(c) >= 0) expect(c.written(1 + helper(c))).toBeNaN();
      expect(c.writtenEnd(1)).toBe(0xffff_ff00 + (c.id % 256));
    }
  });

  it('keeps a digest as an integer below 2^32 - 1, or NaN for write-next, and refuses any other', () => {
    const c = open(new ConnectionTable(4), 1);
    c.setWritten(0, 0xffff_fffe);
    expect(c.written(0)).toBe(0xffff_fffe);
    c.setWritten(0, NaN);
    expect(c.written(0)).toBeNaN();
    for (const bad of [0xffff_ffff, 2 ** 32, -1, 0.5]) {
      expect(() => c.setWritten(0, bad)).toThrow(/record digest/);
    }
  });

  it('holds one layer-4 part and one helper part, and no bookkeeping for a module without one', () => {
    const table = new ConnectionTable(4);
    const c = open(table, 1);
    expect([c.hasRoomFor(1), c.hasRoomFor(4), c.part(-1)]).toEqual([true, true, -1]);
    c.setPart(0, 5); // TCP
    expect([c.hasRoomFor(1), c.hasRoomFor(4), c.part(-1)]).toEqual([false, true, -1]);
    expect(() => c.setPart(1, 6)).toThrow(/takes the part of module 0/); // UDP as well
    expect(() => c.setPart(-1, 6)).toThrow(/no module -1/);
    expect(() => c.setPart(3, 2 ** 28)).toThrow(/part handle/); // it would not fit beside the module
    c.setPart(2, -1); // ICMP has none to give back: TCP's stays
    expect(c.part(0)).toBe(5);
    expect(() => c.setVersion(1 + 3, 1)).toThrow(/no part in area 4/); // FTP
    expect(() => c.setWritten(1 + 1, 1)).toThrow(/no part in area 2/); // UDP
    c.setPart(3, 9);
    c.setVersion(1 + 3, 4);
    expect([c.part(3), c.part(4), c.version(1 + 3)]).toEqual([9, -1, 4]);
    c.setPart(0, -1);
    expect([c.part(0), c.part(3)]).toEqual([-1, 9]);
    c.setVersion(0, 0xffff_ffff); // the record header's bound
    expect(c.version(0)).toBe(0xffff_ffff);
    expect(() => c.setVersion(0, 2 ** 32)).toThrow(/record version 4294967296/); // no wrap to 0
  });

  it('gives back its base layer and flags as given, at the ends of their ranges', () => {
    const table = new ConnectionTable(3);
    for (const [proto, sport, dport] of [
      [255, 0xffff, 0],
      [0, 0, 0xffff],
      [17, 0x8000, 0x7fff],
    ]) {
      const id = 2 ** 52 + sport; // a late epoch's
      const tuple = [id, proto, 0xffff_ffff, 0x8000_0000, sport, dport] as const;
      const c = table.open(...tuple, 2 ** 40, 9, 2 ** 33, history);
      expect([c.id, c.proto, c.src, c.dst, c.sport, c.dport]).toEqual(tuple);
      expect([c.createdUs, c.rule, c.masterId, c.history]).toEqual([2 ** 40, 9, 2 ** 33, history]);
      expect(table.find(0xffff_ffff, 0x8000_0000, sport, dport, proto)).toBe(c.slot * 2);
      expect([c.seenReply, c.helper]).toEqual([false, -1]);
      c.helper = 2 ** 20 - 2;
      c.seenReply = true;
      expect([c.proto, c.seenReply, c.helper]).toEqual([proto, true, 2 ** 20 - 2]);
      c.helper = 0;
      c.seenReply = false;
      expect([c.proto, c.seenReply, c.helper, c.sport]).toEqual([proto, false, 0, sport]);
      expect(() => (c.helper = 2 ** 20 - 1)).toThrow(/helper index/);
    }
    const full = new ConnectionTable(2);
    expect(() => full.open(1, 6, 1, 2, 65_536, 80, 0, 1, -1, history)).toThrow(/ports/);
    expect(() => full.open(1, 256, 1, 2, 1, 80, 0, 1, -1, history)).toThrow(/protocol/);
    expect(full.count).toBe(0); // a refused connection takes no slot
  });

  it('gives a reused slot a clean row, and a view of the connection before nothing of it', () => {
    const table = new ConnectionTable(2);
    const first = open(table, 1);
    first.setPart(0, 42);
    first.setVersion(0, 7);
    first.seenReply = true;
    table.remove(first);
    expect(first.inTable).toBe(false);
    expect(() => first.part(0)).toThrow(/in no table/);
    expect(() => first.id).toThrow(/in no table/);
    expect(first.proto).toBe(6); // its own, read when the view was made
    expect(table.at(0)).toBe(null);
    const second = open(table, 2);
    expect(second.slot).toBe(0);
    expect([second.part(0), second.version(0), second.written(0)]).toEqual([-1, 0, 0]);
    expect([second.seenReply, second.helper, second.id]).toEqual([false, -1, 2]);
    // The old view does not read the slot's new occupant, nor can it remove it.
    expect(() => first.seenReply).toThrow(/in no table/);
    expect(() => table.remove(first)).toThrow(/not in the table/);
    expect(() => new ConnectionTable(2).remove(second)).toThrow(/not in the table/);
    // Two views of one connection see the same row.
    table.get(second.slot).setPart(0, 5);
    expect(second.part(0)).toBe(5);
    expect([...table.live()].map((c) => c.id)).toEqual([2]);
  });

  it('sweeps the connections whose expiry has passed, and no other', () => {
    const table = new ConnectionTable(10);
    const conns = Array.from({ length: 6 }, (_, i) => open(table, i, 100 * i));
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
    const reused = open(table, 9, 7_000);
    expect([reused.slot, reused.expiresUs]).toEqual([3, 7_000]); // the last slot freed
  });

  it("reads a connection's history from its ledger row, or keeps one the ledger had no room for", () => {
    const ledger = new ConnectionLedger(1);
    const tuple = (sport: number) => ({ proto: 6, src: 1, sport, dst: 2, dport: 80 });
    const keptHistory = ledger.opened(1, tuple(1), 0, 'rule 1', null, null);
    const unlistedHistory = ledger.opened(2, tuple(2), 0, 'rule 1', null, null); // past the bound
    expect([keptHistory.ledgerIndex, unlistedHistory.ledgerIndex]).toEqual([0, -1]);
    const table = new ConnectionTable(4, ledger);
    const kept = table.open(1, 6, 1, 2, 1, 80, 0, 1, -1, keptHistory);
    const unlisted = table.open(2, 6, 1, 2, 2, 80, 0, 1, -1, unlistedHistory);
    kept.history.countAccepted();
    unlisted.history.countAccepted();
    expect([ledger.entryAt(0).acceptedPackets, unlistedHistory.acceptedPackets]).toEqual([2, 2]);
    expect(unlisted.history).toBe(unlistedHistory);
    table.remove(unlisted);
    const next = table.open(3, 6, 1, 2, 3, 80, 0, 1, -1, history); // into the freed slot
    expect(next.slot).toBe(unlisted.slot);
    expect(next.history).toBe(history);
    // A row the table's ledger does not have, or a table with no ledger, is refused.
    const stranger = { ledgerIndex: 5 } as LedgerHistory;
    expect(() => table.open(4, 6, 1, 2, 4, 80, 0, 1, -1, stranger)).toThrow(/ledger row 5/);
    expect([table.count, table.slotCount]).toEqual([2, 2]); // the refused one took no slot
    expect(() => open(new ConnectionTable(1), 1).history).not.toThrow();
    const orphan = new ConnectionTable(1);
    expect(() => orphan.open(1, 6, 1, 2, 1, 80, 0, 1, -1, keptHistory)).toThrow(/ledger row 0/);
  });

  it('keeps the histories of connections past the ledger across growth, removal and reuse', () => {
    const table = new ConnectionTable(3_000); // its columns start at 1,024 slots and grow
    const own = (i: number) => ({ ledgerIndex: -1, id: `#${i}` }) as unknown as LedgerHistory;
    const histories = Array.from({ length: 2_500 }, (_, i) => own(i));
    const conns = histories.map((h, i) => table.open(i, 17, 1, 2, i, 53, 0, 1, -1, h));
    conns.forEach((c, i) => expect(c.history).toBe(histories[i]));
    table.remove(conns[7]);
    expect(() => table.get(7).history).toThrow(/no connection in slot 7/);
    const again = own(9_999);
    expect(table.open(9_999, 17, 1, 2, 9_999, 53, 0, 1, -1, again).history).toBe(again);
    expect(conns[8].history).toBe(histories[8]);
  });
});
