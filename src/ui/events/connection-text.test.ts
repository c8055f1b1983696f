import { describe, expect, it } from 'vitest';
import {
  connectionFlowKey,
  flowKey,
  parseConnectionId,
  shortConnection,
  socketFlowKey,
} from './connection-text';

describe('connection ids', () => {
  it('takes a readable id apart', () => {
    expect(parseConnectionId('tcp 192.0.2.10:50047 → 198.51.100.20:21 #1')).toEqual({
      proto: 'tcp',
      src: '192.0.2.10',
      sport: 50047,
      dst: '198.51.100.20',
      dport: 21,
      number: '1',
    });
    expect(parseConnectionId('icmp 192.0.2.10 → 198.51.100.20 id 7 #2.3')).toMatchObject({
      sport: 7,
      dport: 7,
      number: '2.3',
    });
    expect(parseConnectionId('(ended)')).toBeNull();
  });

  it('abbreviates an id to its number, protocol and ports', () => {
    expect(shortConnection('tcp 192.0.2.10:50047 → 198.51.100.20:21 #1')).toBe('#1 tcp 50047 → 21');
    expect(shortConnection('icmp 192.0.2.10 → 198.51.100.20 id 7 #12')).toBe('#12 icmp id 7');
    expect(shortConnection('odd')).toBe('odd');
  });

  it('keys a flow the same in both directions', () => {
    expect(flowKey('tcp', 'a', 1, 'b', 2)).toBe(flowKey('tcp', 'b', 2, 'a', 1));
    expect(flowKey('tcp', 'a', 1, 'b', 2)).not.toBe(flowKey('udp', 'a', 1, 'b', 2));
    const id = parseConnectionId('tcp 192.0.2.10:50047 → 198.51.100.20:21 #1')!;
    expect(socketFlowKey('198.51.100.20:21 → 192.0.2.10:50047')).toBe(connectionFlowKey(id));
    expect(socketFlowKey('nonsense')).toBeNull();
  });
});
