import { describe, expect, it } from 'vitest';
import { crash } from './checkpoint-fixture';
import { NOT_YET, PENDING, crashRows } from './crash-rows';

describe('crashRows', () => {
  it('gives the times and what recovery made of the connections', () => {
    expect(crashRows([crash({})], false)).toEqual([
      {
        number: '#1',
        at: '0.800 s',
        restarted: '1.050 s',
        back: '1.050 s',
        out: '250.5 ms',
        before: '20',
        recovered: '20',
        lost: '0',
        mismatches: '0',
        orphans: '0',
        corrupt: '0',
        complete: true,
        damaged: false,
      },
    ]);
  });

  it('flags a crash that lost connections (strategy none)', () => {
    const [row] = crashRows([crash({ recovered: 0, lost: 20, records: 0 })], false);
    expect(row).toMatchObject({ recovered: '0', lost: '20', complete: false, damaged: true });
  });

  it('does not show provisional numbers while the firewall is down', () => {
    const down = crash({ restartedAtUs: null, recoveredAtUs: null, recovered: 0, lost: 20 });
    expect(crashRows([down], true)[0]).toMatchObject({
      restarted: NOT_YET,
      back: NOT_YET,
      out: '',
      before: '20',
      recovered: PENDING,
      lost: PENDING,
      mismatches: PENDING,
      orphans: PENDING,
      corrupt: PENDING,
      complete: false,
      damaged: false,
    });
  });

  it('shows what was rebuilt while recovering, not yet what was lost or differs', () => {
    const recovering = crash({ recoveredAtUs: null, recovered: 18, lost: 2 });
    expect(crashRows([recovering], true)[0]).toMatchObject({
      restarted: '1.050 s',
      back: NOT_YET,
      recovered: '18',
      lost: PENDING,
      mismatches: PENDING,
    });
  });

  it('says a crash never ended when the firewall crashed again first', () => {
    const first = crash({ restartedAtUs: null, recoveredAtUs: null, recovered: 0, lost: 20 });
    const second = crash({ atUs: 900_000, restartedAtUs: null, recoveredAtUs: null });
    const rows = crashRows([first, second], true);
    expect(rows[0]).toMatchObject({
      number: '#1',
      restarted: 'never',
      back: 'never (crashed again)',
      out: '',
      lost: '20',
      damaged: true,
    });
    expect(rows[1]).toMatchObject({ number: '#2', at: '0.900 s', back: NOT_YET });
  });
});
