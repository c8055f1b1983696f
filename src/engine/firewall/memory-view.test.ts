import { describe, expect, it } from 'vitest';
import { formatConnectionId } from './connection-id';
import { connectionIdOfReadable, connectionNumber, describePart } from './memory-view';
import { ModuleId } from './modules/module-ids';

describe('describePart', () => {
  it('says every state in a few characters, and in words', () => {
    expect(describePart(ModuleId.tcp, 7)).toEqual({ text: 'TW', title: 'TCP TIME_WAIT' });
    expect(describePart(ModuleId.udp, 0)).toEqual({ text: 'UNR', title: 'UDP UNREPLIED' });
    expect(describePart(ModuleId.udp, 2).text).toBe('REP·A');
    expect(describePart(ModuleId.icmp, 1)).toEqual({ text: 'REP', title: 'ICMP REPLIED' });
    expect(describePart(ModuleId.sip, 2 | (2 << 8))).toEqual({
      text: 'ANS +2',
      title: 'SIP helper: call answered, 2 expectations pending',
    });
    expect(describePart(ModuleId.sip, 3).text).toBe('BYE');
    expect(describePart(ModuleId.tcp, -1)).toEqual({ text: '—', title: 'no part in this module' });
  });
});

describe('connectionIdOfReadable', () => {
  it('reads back the compact id of a readable id, across restarts', () => {
    const later = 3 * 0x1_0000_0000 + 17;
    for (const id of [1, 42, later]) {
      const readable = formatConnectionId(id, 6, 0xc000020a, 50_047, 0xc6336414, 21);
      expect(connectionIdOfReadable(readable)).toBe(id);
    }
    expect(connectionNumber(later)).toBe('#3.17');
    expect(connectionNumber(5)).toBe('#5');
    expect(connectionIdOfReadable('no number')).toBeNull();
  });
});
