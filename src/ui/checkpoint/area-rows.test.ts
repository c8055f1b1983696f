import { describe, expect, it } from 'vitest';
import { areaRows } from './area-rows';
import { checkpointSection } from './checkpoint-fixture';

describe('areaRows', () => {
  it('lists every area in order with its records and bytes, and the total', () => {
    const { rows, total } = areaRows(checkpointSection());
    expect(rows.map((r) => [r.area, r.records, r.bytes, r.empty])).toEqual([
      ['base', '63', '3,414', false],
      ['tcp', '62', '4,836', false],
      ['udp', '1', '25', false],
      ['icmp', '0', '0', true],
      ['ftp', '1', '44', false],
      ['sip', '0', '0', true],
    ]);
    expect(total).toEqual({ area: 'total', records: '127', bytes: '8,319', empty: false });
  });

  it('shows every known area even when the server reports none, and any new one after', () => {
    const base = checkpointSection().checkpoint;
    const report = {
      checkpoint: {
        ...base,
        recordsLive: 2,
        bytesLive: 90,
        byArea: { dns: { records: 2, bytes: 90 } },
      },
    };
    const { rows } = areaRows(report);
    expect(rows.map((r) => r.area)).toEqual(['base', 'tcp', 'udp', 'icmp', 'ftp', 'sip', 'dns']);
    expect(rows[0]).toMatchObject({ records: '0', bytes: '0', empty: true });
    expect(rows[6]).toMatchObject({ records: '2', bytes: '90' });
  });
});
