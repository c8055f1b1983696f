import { describe, expect, it } from 'vitest';
import { summary } from './event-fixture';
import { packetBrief, packetEnds, tcpFlagNames } from './packet-text';

describe('packet text', () => {
  it('names TCP flags', () => {
    expect(tcpFlagNames('S.')).toEqual(['SYN', 'ACK']);
    expect(tcpFlagNames('none')).toEqual([]);
  });

  it('describes a packet in one line, like a packet list', () => {
    expect(packetBrief(summary())).toBe('SYN 192.0.2.10:50047 → 198.51.100.20:21');
    expect(packetBrief(summary({ flags: 'P.', len: 39 }))).toBe(
      'PSH-ACK 192.0.2.10:50047 → 198.51.100.20:21, 39 B',
    );
    expect(packetBrief(summary({ proto: 'udp', flags: '', len: 1316 }))).toBe(
      'UDP 192.0.2.10:50047 → 198.51.100.20:21, 1316 B',
    );
    const echo = summary({ proto: 'icmp', sport: 7, dport: 1, icmpType: 8, icmpCode: 0 });
    expect(packetBrief(echo)).toBe('ICMP echo request 192.0.2.10 → 198.51.100.20 id 7 seq 1');
    expect(packetEnds(summary({ proto: 'other' }))).toBe('192.0.2.10 → 198.51.100.20');
  });
});
