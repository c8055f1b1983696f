import { describe, expect, it } from 'vitest';
import { baseIndex } from '../../engine';
import { areaViews, recordSelection } from './checkpoint-memory-rows';
import { checkpointMemory, CONTROL, DATA, VIDEO } from './memory-fixture';

const memory = checkpointMemory();
const index = baseIndex(memory);

describe('recordSelection', () => {
  it("finds the selected connection's id and its related ones in the base records", () => {
    expect(recordSelection(memory, index, CONTROL)).toEqual({ selected: 1, related: new Set([2]) });
    expect(recordSelection(memory, index, DATA)).toEqual({ selected: 2, related: new Set([1]) });
    expect(recordSelection(memory, index, VIDEO).related.size).toBe(0);
    expect(recordSelection(memory, index, null).selected).toBeNull();
    expect(recordSelection(memory, index, 'tcp 1.2.3.4:5 → 6.7.8.9:10 #2.9').selected).toBe(
      2 * 2 ** 32 + 9,
    );
  });
});

describe('areaViews', () => {
  it("lists each area's records with the connection, version and size, and totals", () => {
    const views = areaViews(memory, index, recordSelection(memory, index, null));
    expect(views.map((v) => [v.name, v.records, v.bytes, v.hidden])).toEqual([
      ['base', '4 records', '240 B', 0],
      ['tcp', '3 records', '360 B', 0],
      ['udp', '1 record', '33 B', 0],
      ['icmp', '0 records', '0 B', 0],
      ['ftp', '1 record', '70 B', 0],
      ['sip', '0 records', '0 B', 0],
    ]);
    expect(views[4].rows).toEqual([
      {
        key: 1,
        connection: CONTROL,
        number: '#1',
        tuple: 'tcp 192.0.2.10:50047 → 198.51.100.20:21',
        version: 'v2',
        size: '70 B',
        selected: false,
        related: false,
      },
    ]);
    expect(views[2].rows[0].connection).toBe(VIDEO);
  });

  it('marks the selected and related records, and lists them first whatever the limit', () => {
    const views = areaViews(memory, index, recordSelection(memory, index, DATA), { base: 1 });
    const base = views[0];
    expect(base.rows.map((r) => [r.number, r.selected, r.related])).toEqual([
      ['#2', true, false],
      ['#1', false, true],
      ['#3', false, false],
    ]);
    expect(base.hidden).toBe(1);
    expect(views[4].rows.map((r) => [r.number, r.related])).toEqual([['#1', true]]);
  });

  it('names a connection by number when the server holds no base record of it', () => {
    const orphan = checkpointMemory();
    const tcp = orphan.areas[1];
    tcp.ids[0] = 9;
    tcp.versions[0] = 0;
    const views = areaViews(orphan, baseIndex(orphan), recordSelection(orphan, index, null));
    expect(views[1].rows[0]).toMatchObject({
      connection: '#9',
      number: '#9',
      tuple: '',
      version: 'unreadable',
    });
  });
});
