import { describe, expect, it } from 'vitest';
import { summary } from './event-fixture';
import { applicationText, packetLayers } from './packet-layers';

const value = (layer: { fields: readonly { label: string; value: string }[] }, label: string) =>
  layer.fields.find((f) => f.label === label)?.value;

describe('packetLayers', () => {
  it('lays out IPv4 then TCP', () => {
    const [ip, tcp] = packetLayers(summary({ ttl: 63, ipId: 258, flags: 'S.', ack: 5 }));
    expect(ip.title).toBe('Internet Protocol version 4, 192.0.2.10 → 198.51.100.20');
    expect(value(ip, 'Time to live')).toBe('63');
    expect(value(ip, 'Identification')).toBe('0x0102 (258)');
    expect(value(ip, 'Protocol')).toBe('TCP (6)');
    expect(value(ip, 'Total length')).toBe('48 B');
    expect(value(tcp, 'Flags')).toBe('0x012 (SYN, ACK)');
    expect(value(tcp, 'Acknowledgment number')).toBe('5');
    expect(value(tcp, 'Window')).toBe('64240');
    expect(tcp.title).toContain('ports 50047 → 21, SYN, ACK');
  });

  it('lays out UDP and ICMP', () => {
    const [, udp] = packetLayers(summary({ proto: 'udp', flags: '', len: 100 }));
    expect(value(udp, 'Length')).toBe('108 B (payload 100 B)');
    const [, icmp] = packetLayers(
      summary({ proto: 'icmp', icmpType: 8, icmpCode: 0, sport: 7, dport: 2 }),
    );
    expect(value(icmp, 'Type')).toBe('8 (echo request)');
    expect(value(icmp, 'Identifier')).toBe('7');
    expect(value(icmp, 'Sequence number')).toBe('2');
    expect(packetLayers(summary({ proto: 'other' }))).toHaveLength(1);
  });
});

describe('applicationText', () => {
  it('shows an FTP command as its line', () => {
    const text = applicationText(summary({ text: 'USER anonymous\r\n', len: 16 }));
    expect(text).toEqual({
      blocks: [{ title: 'FTP', lines: ['USER anonymous'] }],
      truncated: false,
    });
  });

  it('splits a SIP message from its SDP body, and says when the text was cut', () => {
    const sip =
      'INVITE sip:b SIP/2.0\r\nContent-Type: application/sdp\r\n\r\nv=0\r\nm=audio 4000 RTP/AVP 0\r\n';
    const text = applicationText(
      summary({ proto: 'udp', sport: 5060, dport: 5060, text: sip, len: 900 }),
    );
    expect(text?.blocks).toEqual([
      { title: 'SIP', lines: ['INVITE sip:b SIP/2.0', 'Content-Type: application/sdp'] },
      { title: 'SDP', lines: ['v=0', 'm=audio 4000 RTP/AVP 0'] },
    ]);
    expect(text?.truncated).toBe(true);
  });

  it('has nothing for binary payloads', () => {
    expect(applicationText(summary({ len: 1460 }))).toBeNull();
  });
});
