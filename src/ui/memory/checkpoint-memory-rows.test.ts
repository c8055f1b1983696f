import { describe, expect, it } from 'vitest';
import { areaViews } from './checkpoint-memory-rows';
import { checkpointMemory, CONTROL, DATA, VIDEO } from './memory-fixture';

describe('areaViews', () => {
  const views = areaViews(checkpointMemory());

  it("gives each area's totals and how many records are not listed", () => {
    expect(views.map((v) => [v.name, v.records, v.bytes, v.hidden])).toEqual([
      ['base', '4 records', '240 B', 1],
      ['tcp', '3 records', '360 B', 0],
      ['udp', '1 record', '33 B', 0],
      ['icmp', '0 records', '0 B', 0],
      ['ftp', '1 record', '70 B', 0],
      ['sip', '0 records', '0 B', 0],
    ]);
  });

  it('formats each listed record: connection, version, size, selected or related', () => {
    expect(views[4].rows).toEqual([
      {
        key: 1,
        connection: CONTROL,
        number: '#1',
        tuple: 'tcp 192.0.2.10:50047 → 198.51.100.20:21',
        version: 'v2',
        size: '70 B',
        selected: false,
        related: true,
      },
    ]);
    expect(views[0].rows.map((r) => [r.connection, r.selected, r.related])).toEqual([
      [DATA, true, false],
      [CONTROL, false, true],
      [VIDEO, false, false],
    ]);
  });

  it('names a connection by number when the server holds no readable base record of it', () => {
    expect(views[1].rows[2]).toMatchObject({
      connection: '#9',
      number: '#9',
      tuple: '',
      version: 'unreadable',
    });
  });
});
