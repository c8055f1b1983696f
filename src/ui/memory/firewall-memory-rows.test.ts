import { describe, expect, it } from 'vitest';
import {
  ariaSort,
  DEFAULT_SORT,
  firewallMemoryStatus,
  memoryRow,
  nextSort,
  orderRows,
  positionOf,
  relatedConnections,
} from './firewall-memory-rows';
import {
  bigFirewallMemory,
  CONTROL,
  DATA,
  firewallMemory,
  FTP_MEMORY,
  VIDEO,
  WEB,
} from './memory-fixture';

const idsIn = (order: Uint32Array) => [...order].map((i) => FTP_MEMORY.ids[i]);

describe('orderRows', () => {
  it('sorts by connection number by default, and by any column, either way', () => {
    expect(idsIn(orderRows(FTP_MEMORY, '', DEFAULT_SORT))).toEqual([CONTROL, DATA, VIDEO, WEB]);
    const byAge = orderRows(FTP_MEMORY, '', { key: 'age', descending: false });
    expect(idsIn(byAge)).toEqual([WEB, DATA, VIDEO, CONTROL]); // youngest first
    const byState = orderRows(FTP_MEMORY, '', { key: 'state', descending: true });
    expect(idsIn(byState)).toEqual([WEB, VIDEO, CONTROL, DATA]); // ties by number
    const byUdp = orderRows(FTP_MEMORY, '', { key: 'udp', descending: true });
    expect(idsIn(byUdp)[0]).toBe(VIDEO);
    const byMaster = orderRows(FTP_MEMORY, '', { key: 'master', descending: true });
    expect(idsIn(byMaster)[0]).toBe(DATA);
  });

  it('filters by any text of the id, state, admitting rule or helper, ignoring case', () => {
    expect(idsIn(orderRows(FTP_MEMORY, ' :21 ', DEFAULT_SORT))).toEqual([CONTROL]);
    expect(idsIn(orderRows(FTP_MEMORY, 'time_wait', DEFAULT_SORT))).toEqual([WEB]);
    expect(idsIn(orderRows(FTP_MEMORY, 'Expectation', DEFAULT_SORT))).toEqual([DATA]);
    expect(idsIn(orderRows(FTP_MEMORY, 'ftp-standard', DEFAULT_SORT))).toEqual([CONTROL]);
    expect(idsIn(orderRows(FTP_MEMORY, 'udp', DEFAULT_SORT))).toEqual([VIDEO]);
    expect(orderRows(FTP_MEMORY, 'nothing like it', DEFAULT_SORT)).toHaveLength(0);
  });

  it('orders 12,000 connections without building a row for each', () => {
    const big = bigFirewallMemory(12_000);
    const order = orderRows(big, '', { key: 'number', descending: true });
    expect(order).toHaveLength(12_000);
    expect(big.numbers[order[0]]).toBe(12_000);
    const unreplied = orderRows(big, 'unreplied', { key: 'age', descending: false });
    expect(unreplied).toHaveLength(4_000);
    for (let p = 1; p < unreplied.length; p++)
      expect(big.createdUs[unreplied[p - 1]]).toBeGreaterThanOrEqual(big.createdUs[unreplied[p]]);
    expect(positionOf(big, order, big.ids[0])).toBe(11_999);
  });
});

describe('nextSort / ariaSort', () => {
  it('turns the order round on the same column, sorts up on another', () => {
    const down = nextSort(DEFAULT_SORT, 'number');
    expect(down).toEqual({ key: 'number', descending: true });
    expect(nextSort(down, 'age')).toEqual({ key: 'age', descending: false });
    expect(ariaSort(down, 'number')).toBe('descending');
    expect(ariaSort(DEFAULT_SORT, 'number')).toBe('ascending');
    expect(ariaSort(down, 'tcp')).toBe('none');
  });
});

describe('memoryRow', () => {
  it('formats one row: the base layer, a cell per module, state, helper, master', () => {
    expect(memoryRow(FTP_MEMORY, 1, 705_000)).toEqual({
      id: DATA,
      number: '#2',
      from: 'tcp 192.0.2.10:50048',
      to: '→ 198.51.100.20:33981',
      admittedBy: 'expectation (ftp)',
      age: '0.700 s',
      created: '0.005 s',
      parts: [
        { text: 'ES·A', title: 'TCP ESTABLISHED, assured' },
        { text: '—', title: 'no part in this module' },
        { text: '—', title: 'no part in this module' },
        { text: '—', title: 'no part in this module' },
        { text: '—', title: 'no part in this module' },
      ],
      state: 'ESTABLISHED',
      helper: '—',
      master: '#1',
      masterId: CONTROL,
      rebuilt: false,
    });
    const control = memoryRow(FTP_MEMORY, 0, 705_000);
    expect(control.parts[3].text).toBe('CTL');
    expect(control.helper).toBe('ftp-standard');
    expect(control.master).toBe('—');
  });
});

describe('relatedConnections', () => {
  it("is a connection's master and the connections it announced", () => {
    expect([...relatedConnections(FTP_MEMORY, CONTROL)]).toEqual([DATA]);
    expect([...relatedConnections(FTP_MEMORY, DATA)]).toEqual([CONTROL]);
    expect(relatedConnections(FTP_MEMORY, VIDEO).size).toBe(0);
    expect(relatedConnections(FTP_MEMORY, null).size).toBe(0);
  });
});

describe('firewallMemoryStatus', () => {
  it('says the memory is gone while the firewall is down, and how far recovery is', () => {
    expect(firewallMemoryStatus(firewallMemory([], 'down'), 15)).toMatch(
      /^Crashed — its memory is gone\./,
    );
    expect(firewallMemoryStatus({ state: 'recovering', count: 14 }, 15)).toBe(
      'Recovering: 14 of 15 connections reassembled from the checkpoint server.',
    );
    expect(firewallMemoryStatus({ state: 'up', count: 0 }, null)).toBe(
      'No connection is being tracked.',
    );
    expect(firewallMemoryStatus(FTP_MEMORY, null)).toBeNull();
  });
});
