import { describe, expect, it } from 'vitest';
import type { CapturePacket } from './capture-packet';
import { decodeFrame } from './decode-frame';
import {
  arp,
  Bytes,
  concat,
  ethernet,
  icmp,
  ipv4,
  ipv6,
  sll,
  sll2,
  tcp,
  tcpFrame,
  text,
  udp,
} from '../testing/capture/test-captures';

function decode(data: Uint8Array, linkType = 1, originalBytes = data.length) {
  const record = {
    frame: 1,
    interfaceIndex: 0,
    timeUs: 0,
    linkType,
    capturedBytes: data.length,
    originalBytes,
  };
  return decodeFrame(record, data);
}

function packet(data: Uint8Array, linkType = 1, originalBytes = data.length): CapturePacket {
  const result = decode(data, linkType, originalBytes);
  if (typeof result === 'string') throw new Error(`skipped: ${result}`);
  return result;
}

const hello = text('hello');

describe('Ethernet, IPv4 and TCP', () => {
  it('reads every field of a TCP segment', () => {
    const frame = tcpFrame(
      {
        srcPort: 40001,
        dstPort: 21,
        seq: 0xfffffff0,
        ack: 7,
        flags: 0x18,
        window: 501,
        payload: hello,
      },
      { src: '10.0.0.1', dst: '10.0.0.2', ttl: 63 },
    );
    const p = packet(frame);
    expect(p).toMatchObject({
      network: 'ipv4',
      src: '10.0.0.1',
      dst: '10.0.0.2',
      ttl: 63,
      ipProtocol: 6,
      ipBytes: 45,
      fragment: null,
      protocol: 'tcp',
      srcPort: 40001,
      dstPort: 21,
      tcp: { seq: 0xfffffff0, ack: 7, flags: 0x18, window: 501, headerBytes: 20 },
      icmp: null,
      vlanIds: [],
      truncated: false,
      payloadBytes: 5,
    });
    expect(p.payload).toEqual(hello);
  });

  it('steps over IP options by IHL and TCP options by data offset', () => {
    const frame = tcpFrame(
      { options: [2, 4, 0x05, 0xb4], payload: hello },
      { options: [1, 1, 1, 0] },
    );
    const p = packet(frame);
    expect(p.tcp?.headerBytes).toBe(24);
    expect(p.payload).toEqual(hello);
  });

  it('leaves Ethernet padding out of the payload', () => {
    const padded = concat(tcpFrame({ flags: 0x10 }), new Uint8Array(6));
    expect(padded.length).toBe(60);
    const p = packet(padded);
    expect(p.payloadBytes).toBe(0);
    expect(p.payload.length).toBe(0);
  });

  it('takes a total length of 0 (segmentation offload) as the rest of the frame', () => {
    const p = packet(tcpFrame({ payload: hello }, { totalLength: 0 }));
    expect(p.ipBytes).toBe(45);
    expect(p.payload).toEqual(hello);
  });

  it('flags a packet cut by the snaplen and keeps what was captured', () => {
    const frame = tcpFrame({ payload: text('0123456789') });
    const p = packet(frame.subarray(0, frame.length - 4), 1, frame.length);
    expect(p.truncated).toBe(true);
    expect(p.payloadBytes).toBe(10);
    expect(p.payload).toEqual(text('012345'));
  });

  it('copies the payload instead of pointing into the file', () => {
    const frame = tcpFrame({ payload: hello });
    const p = packet(frame);
    frame.fill(0);
    expect(p.payload).toEqual(hello);
  });
});

describe('VLAN tags', () => {
  it('strips one 802.1Q tag and two QinQ tags, outermost first', () => {
    const ip = ipv4({ protocol: 6, payload: tcp({}) });
    expect(packet(ethernet(0x0800, ip, [[0x8100, 0x2064]])).vlanIds).toEqual([100]);
    const qinq = ethernet(0x0800, ip, [
      [0x88a8, 200],
      [0x8100, 0xf00a],
    ]);
    expect(packet(qinq)).toMatchObject({ vlanIds: [200, 10], protocol: 'tcp' });
  });

  it('refuses a third tag and a tag cut short', () => {
    const ip = ipv4({ protocol: 6, payload: tcp({}) });
    const three = ethernet(0x0800, ip, [
      [0x88a8, 1],
      [0x8100, 2],
      [0x8100, 3],
    ]);
    expect(decode(three)).toBe('too-many-vlan-tags');
    const cut = ethernet(0x8100, new Uint8Array([0, 1]));
    expect(decode(cut)).toBe('bad-link-header');
    expect(decode(cut, 1, 100)).toBe('truncated-link-header');
  });
});

describe('other link types', () => {
  const ip = ipv4({ protocol: 17, payload: udp({ payload: hello }) });
  const ip6 = ipv6({ nextHeader: 17, payload: udp({ payload: hello }) });

  it.each([
    ['raw IP (101), IPv4', 101, ip, 'ipv4'],
    ['raw IP (101), IPv6', 101, ip6, 'ipv6'],
    ['IPv4 (228)', 228, ip, 'ipv4'],
    ['IPv6 (229)', 229, ip6, 'ipv6'],
    ['Linux cooked v1 (113)', 113, sll(0x0800, ip), 'ipv4'],
    ['Linux cooked v1 (113), IPv6', 113, sll(0x86dd, ip6), 'ipv6'],
    ['Linux cooked v2 (276)', 276, sll2(0x0800, ip), 'ipv4'],
    ['Linux cooked v2 (276), IPv6', 276, sll2(0x86dd, ip6), 'ipv6'],
    ['Ethernet, IPv6', 1, ethernet(0x86dd, ip6), 'ipv6'],
  ])('%s', (_name, linkType, frame, network) => {
    expect(packet(frame, linkType)).toMatchObject({
      network,
      protocol: 'udp',
      srcPort: 5000,
      dstPort: 53,
      payloadBytes: 5,
    });
  });

  it('reads a VLAN tag in a cooked capture', () => {
    const frame = sll(0x8100, concat(new Bytes().u16(42).u16(0x0800).finish(), ip));
    expect(packet(frame, 113)).toMatchObject({ vlanIds: [42], network: 'ipv4' });
  });

  it.each([
    ['ARP on Ethernet', ethernet(0x0806, arp()), 1, 'arp'],
    ['ARP in a cooked capture', sll(0x0806, arp()), 113, 'arp'],
    ['an 802.3 frame with LLC', ethernet(0x0026, new Uint8Array(38)), 1, 'llc'],
    ['cooked 802.2 LLC', sll(0x0004, new Uint8Array(20)), 113, 'llc'],
    ['cooked CAN', sll2(0x000c, new Uint8Array(16)), 276, 'ethertype-0x000c'],
    ['LLDP', ethernet(0x88cc, new Uint8Array(30)), 1, 'ethertype-0x88cc'],
    ['netlink, cooked v1', sll(0x0000, new Uint8Array(20), 824), 113, 'netlink'],
    ['netlink, cooked v2', sll2(0x0000, new Uint8Array(20), 824), 276, 'netlink'],
    ['an unknown link type', ip, 147, 'unknown-linktype-147'],
    ['raw IP that is neither version', new Uint8Array([0x50, 0, 0]), 101, 'bad-ip-version'],
    ['a runt Ethernet frame', new Uint8Array(10), 1, 'bad-link-header'],
    ['a short cooked header', new Uint8Array(15), 113, 'bad-link-header'],
    ['a short cooked v2 header', new Uint8Array(19), 276, 'bad-link-header'],
    ['an empty raw frame', new Uint8Array(0), 101, 'bad-link-header'],
  ])('skips %s', (_name, frame, linkType, reason) => {
    expect(decode(frame, linkType)).toBe(reason);
  });
});

describe('bad IPv4 headers are skipped with a reason', () => {
  const payload = tcp({});
  it.each([
    ['version 5', ipv4({ protocol: 6, payload, versionIhl: 0x55 }), 'bad-ipv4-header'],
    ['IHL 4', ipv4({ protocol: 6, payload, versionIhl: 0x44 }), 'bad-ipv4-header'],
    [
      'IHL past the frame',
      ipv4({ protocol: 6, payload: new Uint8Array(0), versionIhl: 0x4f }),
      'bad-ipv4-header',
    ],
    ['total length below IHL', ipv4({ protocol: 6, payload, totalLength: 19 }), 'bad-ipv4-header'],
    [
      'total length past the frame',
      ipv4({ protocol: 6, payload, totalLength: 1500 }),
      'bad-ipv4-header',
    ],
    ['fewer than 20 bytes', new Uint8Array([0x45, 0, 0, 10]), 'bad-ipv4-header'],
  ])('%s', (_name, ip, reason) => {
    expect(decode(ethernet(0x0800, ip))).toBe(reason);
  });

  it('says truncated when the snaplen cut the header', () => {
    const frame = tcpFrame({});
    expect(decode(frame.subarray(0, 14 + 12), 1, frame.length)).toBe('truncated-ipv4-header');
    expect(decode(frame.subarray(0, 14 + 30), 1, frame.length)).toBe('truncated-tcp-header');
  });
});

describe('transport headers', () => {
  it('refuses TCP data offsets below 5 or past the packet', () => {
    expect(decode(tcpFrame({ dataOffsetWords: 4 }))).toBe('bad-tcp-header');
    expect(decode(tcpFrame({ dataOffsetWords: 15 }))).toBe('bad-tcp-header');
    expect(decode(ethernet(0x0800, ipv4({ protocol: 6, payload: new Uint8Array(12) })))).toBe(
      'bad-tcp-header',
    );
  });

  it('bounds a UDP payload by the UDP length and refuses impossible lengths', () => {
    const short = ethernet(
      0x0800,
      ipv4({ protocol: 17, payload: concat(udp({ payload: hello, length: 10 })) }),
    );
    expect(packet(short)).toMatchObject({ payloadBytes: 2, payload: text('he') });
    expect(decode(ethernet(0x0800, ipv4({ protocol: 17, payload: udp({ length: 7 }) })))).toBe(
      'bad-udp-header',
    );
    expect(decode(ethernet(0x0800, ipv4({ protocol: 17, payload: udp({ length: 9 }) })))).toBe(
      'bad-udp-header',
    );
    expect(decode(ethernet(0x0800, ipv4({ protocol: 17, payload: new Uint8Array(4) })))).toBe(
      'bad-udp-header',
    );
  });

  it('reads ICMP echo ids and sequence numbers, and only the type and code of others', () => {
    const echo = ethernet(
      0x0800,
      ipv4({ protocol: 1, payload: icmp({ type: 8, id: 77, seq: 3, payload: hello }) }),
    );
    expect(packet(echo)).toMatchObject({
      protocol: 'icmp',
      srcPort: null,
      icmp: { type: 8, code: 0, echoId: 77, echoSeq: 3 },
      payloadBytes: 5,
    });
    const unreachable = ethernet(
      0x0800,
      ipv4({ protocol: 1, payload: icmp({ type: 3, code: 3 }) }),
    );
    expect(packet(unreachable).icmp).toEqual({ type: 3, code: 3, echoId: null, echoSeq: null });
    const runt = ethernet(0x0800, ipv4({ protocol: 1, payload: new Uint8Array(4) }));
    expect(decode(runt)).toBe('bad-icmp-header');
  });

  it('reads ICMPv6 echo, and calls ICMP in IPv6 and other protocols "other"', () => {
    const echo6 = ethernet(
      0x86dd,
      ipv6({ nextHeader: 58, payload: icmp({ type: 128, id: 9, seq: 1 }) }),
    );
    expect(packet(echo6)).toMatchObject({
      protocol: 'icmpv6',
      icmp: { type: 128, echoId: 9, echoSeq: 1 },
    });
    const icmpIn6 = ethernet(0x86dd, ipv6({ nextHeader: 1, payload: icmp({ type: 8 }) }));
    expect(packet(icmpIn6)).toMatchObject({ protocol: 'other', ipProtocol: 1, icmp: null });
    const gre = ethernet(0x0800, ipv4({ protocol: 47, payload: hello }));
    expect(packet(gre)).toMatchObject({
      protocol: 'other',
      ipProtocol: 47,
      payload: hello,
      payloadBytes: 5,
    });
  });
});

describe('IPv4 fragments', () => {
  const segment = tcp({ srcPort: 1, dstPort: 2, payload: text('abcdefgh') });
  it('reads the first fragment’s transport header and notes the fragment', () => {
    const first = ethernet(
      0x0800,
      ipv4({ protocol: 6, payload: segment, id: 99, moreFragments: true }),
    );
    expect(packet(first)).toMatchObject({
      protocol: 'tcp',
      srcPort: 1,
      fragment: { id: 99, offsetBytes: 0, moreFragments: true },
    });
  });

  it('keeps the protocol of a later fragment, without transport fields', () => {
    const later = ethernet(
      0x0800,
      ipv4({ protocol: 6, payload: hello, id: 99, fragmentOffsetBytes: 1480 }),
    );
    expect(packet(later)).toMatchObject({
      protocol: 'tcp',
      srcPort: null,
      tcp: null,
      fragment: { id: 99, offsetBytes: 1480, moreFragments: false },
      payload: hello,
    });
  });

  it('keeps a first fragment too short for its TCP header (a tiny fragment) without fields', () => {
    const tiny = ethernet(
      0x0800,
      ipv4({ protocol: 6, payload: segment.subarray(0, 8), moreFragments: true }),
    );
    expect(packet(tiny)).toMatchObject({ protocol: 'tcp', tcp: null, srcPort: null });
  });
});

describe('IPv6', () => {
  const hopByHop = { type: 0, body: [1, 4, 0, 0, 0, 0] }; // PadN
  const destination = { type: 60, body: [1, 4, 0, 0, 0, 0] };
  const routing = { type: 43, body: [0, 0, 0, 0, 0, 0, ...Array<number>(16).fill(0)] };

  it('formats addresses and walks hop-by-hop, routing and destination options to TCP', () => {
    const ip = ipv6({
      src: '2001:db8:0:0:1::1',
      dst: 'fe80::1:2',
      nextHeader: 6,
      hopLimit: 7,
      extensions: [hopByHop, routing, destination],
      payload: tcp({ srcPort: 443, dstPort: 50000, flags: 0x12, payload: hello }),
    });
    expect(packet(ethernet(0x86dd, ip))).toMatchObject({
      network: 'ipv6',
      src: '2001:db8::1:0:0:1',
      dst: 'fe80::1:2',
      ttl: 7,
      ipProtocol: 6,
      protocol: 'tcp',
      srcPort: 443,
      dstPort: 50000,
      tcp: { flags: 0x12 },
      payload: hello,
    });
  });

  it('walks an authentication header (4-byte units)', () => {
    const ah = { type: 51, body: Array<number>(14).fill(0) };
    const ip = ipv6({ nextHeader: 17, extensions: [ah], payload: udp({ payload: hello }) });
    expect(packet(ethernet(0x86dd, ip))).toMatchObject({ protocol: 'udp', payload: hello });
  });

  it('notes a fragment header and stops at a later fragment', () => {
    const first = { type: 44, body: [0, 1, 0, 0, 0, 42] }; // offset 0, M set, id 42
    const ip = ipv6({
      nextHeader: 17,
      extensions: [first],
      payload: udp({ length: 3000, payload: hello }),
    });
    expect(packet(ethernet(0x86dd, ip))).toMatchObject({
      protocol: 'udp',
      fragment: { id: 42, offsetBytes: 0, moreFragments: true },
      payloadBytes: 5,
    });
    const later = { type: 44, body: [0x05, 0xc8, 0, 0, 0, 42] }; // offset 1480
    const rest = ipv6({ nextHeader: 17, extensions: [later], payload: hello });
    expect(packet(ethernet(0x86dd, rest))).toMatchObject({
      protocol: 'udp',
      srcPort: null,
      fragment: { offsetBytes: 1480, moreFragments: false },
      payload: hello,
    });
  });

  it('calls "no next header" other, and limits the extension chain', () => {
    expect(
      packet(ethernet(0x86dd, ipv6({ nextHeader: 59, payload: new Uint8Array(0) }))),
    ).toMatchObject({
      protocol: 'other',
      ipProtocol: 59,
    });
    const long = ipv6({ nextHeader: 6, extensions: Array(9).fill(destination), payload: tcp({}) });
    expect(decode(ethernet(0x86dd, long))).toBe('too-many-ipv6-extension-headers');
  });

  it.each([
    ['version 4 in an IPv6 frame', concat(new Uint8Array([0x45]), new Uint8Array(39))],
    [
      'payload length past the frame',
      ipv6({ nextHeader: 6, payload: tcp({}), payloadLength: 100 }),
    ],
    [
      'an extension header past the packet',
      ipv6({ nextHeader: 0, payload: new Uint8Array([6, 1, 0, 0, 0, 0, 0, 0]) }),
    ],
    ['fewer than 40 bytes', new Uint8Array(30).fill(0x60, 0, 1)],
  ])('skips %s as bad-ipv6-header', (_name, ip) => {
    expect(decode(ethernet(0x86dd, ip))).toBe('bad-ipv6-header');
  });

  it('says truncated when the snaplen cut an extension header', () => {
    const frame = ethernet(
      0x86dd,
      ipv6({ nextHeader: 6, extensions: [routing], payload: tcp({}) }),
    );
    expect(decode(frame.subarray(0, 14 + 40 + 10), 1, frame.length)).toBe('truncated-ipv6-header');
  });
});
