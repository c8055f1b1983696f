import { describe, expect, it } from 'vitest';
import {
  ariaSort,
  DEFAULT_SORT,
  firewallMemoryStatus,
  memoryRow,
  nextSort,
} from './firewall-memory-rows';
import { CONTROL, CONTROL_ROW, DATA, DATA_ROW } from './memory-fixture';

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
    expect(memoryRow({ ...DATA_ROW, related: true }, 705_000)).toEqual({
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
      related: true,
    });
    const control = memoryRow(CONTROL_ROW, 705_000);
    expect(control.parts[3].text).toBe('CTL');
    expect(control.helper).toBe('ftp-standard');
    expect(control.master).toBe('—');
    expect(memoryRow({ ...CONTROL_ROW, state: '' }, 0).state).toBe('—');
  });
});

describe('firewallMemoryStatus', () => {
  it('says the memory is gone while the firewall is down, and how far recovery is', () => {
    expect(firewallMemoryStatus({ state: 'down', count: 0 }, 15)).toMatch(
      /^Crashed — its memory is gone\./,
    );
    expect(firewallMemoryStatus({ state: 'recovering', count: 14 }, 15)).toBe(
      'Recovering: 14 of 15 connections reassembled from the checkpoint server.',
    );
    expect(firewallMemoryStatus({ state: 'up', count: 0 }, null)).toBe(
      'No connection is being tracked.',
    );
    expect(firewallMemoryStatus({ state: 'up', count: 4 }, null)).toBeNull();
  });
});
