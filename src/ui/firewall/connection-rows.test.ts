import { describe, expect, it } from 'vitest';
import { summarizeConnections } from '../../engine';
import { connectionRow, connectionTable, splitId } from './connection-rows';
import { connection } from './report-fixture';

describe('splitId', () => {
  it('separates the 5-tuple from the number', () => {
    expect(splitId('udp 192.0.2.30:5060 → 198.51.100.40:5060 #12')).toEqual([
      'udp 192.0.2.30:5060 → 198.51.100.40:5060',
      '#12',
    ]);
    expect(splitId('tcp 1.2.3.4:5 → 6.7.8.9:10 #2.7')[1]).toBe('#2.7');
    expect(splitId('odd')).toEqual(['odd', '']);
  });
});

describe('connectionRow', () => {
  it('shows the current state, helper, master and packet counts', () => {
    const row = connectionRow(
      connection({
        id: 'tcp 192.0.2.10:50048 → 198.51.100.20:33981 #3',
        helper: null,
        related: 'tcp 192.0.2.10:50047 → 198.51.100.20:21 #1',
        admittedBy: 'expectation (ftp)',
        packets: { accepted: 2_066, dropped: 2 },
      }),
    );
    expect(row).toEqual({
      id: 'tcp 192.0.2.10:50048 → 198.51.100.20:33981 #3',
      number: '#3',
      tuple: 'tcp 192.0.2.10:50048 → 198.51.100.20:33981',
      state: 'ESTABLISHED',
      history: 'SYN_SENT → SYN_RECV → ESTABLISHED',
      helper: '—',
      related: '#1',
      relatedId: 'tcp 192.0.2.10:50047 → 198.51.100.20:21 #1',
      admittedBy: 'expectation (ftp)',
      accepted: '2,066',
      dropped: '2',
      droppedAny: true,
      created: '0.001 s',
      ended: null,
    });
  });

  it('says when and why an ended connection ended', () => {
    const row = connectionRow(connection({ endedAtUs: 2_500_000, endReason: 'expired' }));
    expect(row.ended).toBe('at 2.500 s: expired');
  });
});

describe('connectionTable', () => {
  const conns = Array.from({ length: 30 }, (_, i) =>
    connection({
      id: `tcp 192.0.2.10:${40_000 + i} → 198.51.100.80:80 #${i + 1}`,
      states: i % 3 === 0 ? ['SYN_SENT'] : ['SYN_SENT', 'TIME_WAIT'],
      endedAtUs: i < 25 ? null : 1_000_000 + i,
      endReason: i < 25 ? null : 'expired',
    }),
  );

  it('lists live and ended connections apart, capped, with totals', () => {
    const table = connectionTable(summarizeConnections(conns, 7, 20));
    expect(table.live).toHaveLength(20);
    expect(table.live[0].number).toBe('#1');
    expect(table.liveTotal).toBe(25);
    expect(table.liveStates).toEqual([
      { state: 'TIME_WAIT', count: '16' },
      { state: 'SYN_SENT', count: '9' },
    ]);
    expect(table.endedTotal).toBe(5);
    expect(table.ended.map((r) => r.number)).toEqual(['#30', '#29', '#28', '#27', '#26']);
    expect(table.omitted).toBe(7);
  });

  it('is empty before any connection', () => {
    const table = connectionTable(summarizeConnections([], 0, 20));
    expect(table).toEqual({
      live: [],
      liveTotal: 0,
      liveStates: [],
      ended: [],
      endedTotal: 0,
      omitted: 0,
    });
  });
});
