import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../net/ipv4';
import {
  ConnectionIdAllocator,
  connectionIdEpoch,
  connectionIdSerial,
  formatConnectionId,
  MAX_EPOCH,
} from './connection-id';

describe('ConnectionId', () => {
  it('numbers connections within an epoch and never repeats across epochs', () => {
    const first = new ConnectionIdAllocator(0);
    const second = new ConnectionIdAllocator(1);
    const a = [first.next(), first.next()];
    const b = [second.next(), second.next()];
    expect(a.map(connectionIdSerial)).toEqual([1, 2]);
    expect(b.map(connectionIdSerial)).toEqual([1, 2]);
    expect(b.map(connectionIdEpoch)).toEqual([1, 1]);
    expect(new Set([...a, ...b]).size).toBe(4);
    const last = new ConnectionIdAllocator(MAX_EPOCH).next();
    expect(Number.isSafeInteger(last)).toBe(true);
    expect(() => new ConnectionIdAllocator(MAX_EPOCH + 1)).toThrow(RangeError);
  });

  it('has a readable form naming protocol, both ends and the number', () => {
    const id = new ConnectionIdAllocator(0);
    for (let i = 0; i < 16; i++) id.next();
    const src = parseIpv4('203.0.113.10');
    const dst = parseIpv4('198.51.100.20');
    expect(formatConnectionId(id.next(), 6, src, 35466, dst, 21)).toBe(
      'tcp 203.0.113.10:35466 → 198.51.100.20:21 #17',
    );
    expect(formatConnectionId(new ConnectionIdAllocator(3).next(), 17, src, 5004, dst, 5004)).toBe(
      'udp 203.0.113.10:5004 → 198.51.100.20:5004 #3.1',
    );
    expect(formatConnectionId(new ConnectionIdAllocator(0).next(), 1, src, 7, dst, 7)).toBe(
      'icmp 203.0.113.10 → 198.51.100.20 id 7 #1',
    );
  });
});
