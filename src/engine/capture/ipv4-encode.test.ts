import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../net/ipv4';
import {
  ICMP_ECHO_REQUEST,
  IPPROTO_ICMP,
  IPPROTO_TCP,
  IPPROTO_UDP,
  Packet,
  TCP_ACK,
  TCP_PSH,
  TCP_SYN,
} from '../net/packet';
import { PacketPool } from '../net/packet-pool';
import { concatBytes, PcapngWriter, PcapWriter } from './capture-writer';
import { encodeIpv4Packet } from './ipv4-encode';
import { LINKTYPE_RAW } from './link-layer';
import { readCapture } from './read-capture';

function packet(fields: Partial<Packet>, payload: readonly number[] = []): Packet {
  const p = Object.assign(new Packet(0), {
    srcAddr: parseIpv4('192.0.2.10'),
    dstAddr: parseIpv4('198.51.100.200'),
    ...fields,
  });
  p.setPayload(Uint8Array.from(payload), 0, payload.length);
  return p;
}

const text = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

const tcpSyn = packet({
  proto: IPPROTO_TCP,
  ttl: 63,
  ipId: 0xbeef,
  srcPort: 40000,
  dstPort: 21,
  seq: 0xfffffff0,
  flags: TCP_SYN,
  window: 64240,
  mssOption: 1460,
  wscaleOption: 7,
});
const tcpData = packet(
  {
    proto: IPPROTO_TCP,
    srcPort: 21,
    dstPort: 40000,
    seq: 1001,
    ack: 0x80000001,
    flags: TCP_PSH | TCP_ACK,
    window: 502,
  },
  text('220 FTP ready\r\n'), // odd length: the checksum pads the last byte
);
const udpDatagram = packet({ proto: IPPROTO_UDP, srcPort: 5060, dstPort: 5004 }, [1, 2, 3, 4]);
const icmpEcho = packet(
  { proto: IPPROTO_ICMP, icmpType: ICMP_ECHO_REQUEST, icmpId: 0x1234, icmpSeq: 7 },
  text('abcdefgh'),
);
const all = [tcpSyn, tcpData, udpDatagram, icmpEcho];

/** RFC 1071 sum, written apart from the encoder's: 0xffff over data with a right checksum. */
function onesComplementSum(bytes: readonly number[]): number {
  const words = bytes.length % 2 === 0 ? bytes : [...bytes, 0];
  let sum = 0;
  for (let i = 0; i < words.length; i += 2) {
    sum += words[i] * 256 + words[i + 1];
    sum = (sum % 0x10000) + Math.floor(sum / 0x10000);
  }
  return sum;
}

/** The TCP/UDP pseudo-header followed by the segment. */
function withPseudoHeader(ip: Uint8Array): number[] {
  const segment = [...ip.subarray(20)];
  const pseudo = [...ip.subarray(12, 20), 0, ip[9], segment.length >> 8, segment.length & 0xff];
  return [...pseudo, ...segment];
}

function readBack(packets: readonly Packet[]) {
  const data = packets.map(encodeIpv4Packet);
  const results = [];
  const writers = [
    new PcapWriter(LINKTYPE_RAW),
    new PcapngWriter([{ name: 'router eth0', linkType: LINKTYPE_RAW }]),
  ];
  for (const w of writers) {
    const frames = data.map((d, i) => w.frame({ timeUs: i, data: d }));
    results.push(readCapture(concatBytes([w.header(), ...frames])).packets);
  }
  expect(results[1]).toEqual(results[0]);
  return results[0];
}

describe('encodeIpv4Packet', () => {
  it('reads back field for field through pcap and pcapng', () => {
    const [syn, data, udp, icmp] = readBack(all);
    for (const [read, p] of [
      [syn, tcpSyn],
      [data, tcpData],
      [udp, udpDatagram],
      [icmp, icmpEcho],
    ] as const) {
      expect(read).toMatchObject({
        network: 'ipv4',
        src: '192.0.2.10',
        dst: '198.51.100.200',
        ttl: p.ttl,
        ipProtocol: p.proto,
        ipBytes: p.ipBytes,
        capturedBytes: p.ipBytes,
        fragment: null,
        payloadBytes: p.payloadLen,
        payload: p.payload.subarray(0, p.payloadLen),
      });
    }
    expect(syn.tcp).toEqual({
      seq: 0xfffffff0,
      ack: 0,
      flags: TCP_SYN,
      window: 64240,
      headerBytes: 28,
      mss: 1460,
      windowScale: 7,
    });
    expect([syn.srcPort, syn.dstPort]).toEqual([40000, 21]);
    expect(data.tcp).toEqual({
      seq: 1001,
      ack: 0x80000001,
      flags: TCP_PSH | TCP_ACK,
      window: 502,
      headerBytes: 20,
      mss: null,
      windowScale: null,
    });
    expect([udp.protocol, udp.srcPort, udp.dstPort]).toEqual(['udp', 5060, 5004]);
    expect(icmp.icmp).toEqual({ type: ICMP_ECHO_REQUEST, code: 0, echoId: 0x1234, echoSeq: 7 });
  });

  it('writes the IPv4 header the engine describes: no options, no flags, its id', () => {
    const bytes = encodeIpv4Packet(tcpSyn);
    expect([...bytes.subarray(0, 10)]).toEqual([0x45, 0, 0, 48, 0xbe, 0xef, 0, 0, 63, 6]);
    expect(bytes.length).toBe(tcpSyn.ipBytes);
  });

  it('lays out the SYN options as the engine counts them: MSS, NOP, window scale', () => {
    const bytes = encodeIpv4Packet(tcpSyn);
    expect(bytes[32] >> 4).toBe(7);
    expect([...bytes.subarray(40, 48)]).toEqual([2, 4, 0x05, 0xb4, 1, 3, 3, 7]);
    const scaleOnly = packet({ proto: IPPROTO_TCP, flags: TCP_SYN, wscaleOption: 0 });
    expect([...encodeIpv4Packet(scaleOnly).subarray(40)]).toEqual([1, 3, 3, 0]);
    const [read] = readBack([scaleOnly]);
    expect([read.tcp?.mss, read.tcp?.windowScale]).toEqual([null, 0]);
  });

  it('fills in correct IP, TCP, UDP and ICMP checksums', () => {
    for (const p of all) {
      const bytes = encodeIpv4Packet(p);
      expect(onesComplementSum([...bytes.subarray(0, 20)])).toBe(0xffff);
      const transport =
        p.proto === IPPROTO_ICMP ? [...bytes.subarray(20)] : withPseudoHeader(bytes);
      expect(onesComplementSum(transport)).toBe(0xffff);
    }
    const udpLength = encodeIpv4Packet(udpDatagram).subarray(24, 26);
    expect([...udpLength]).toEqual([0, 12]);
  });

  it('sends a UDP checksum that comes out 0 as 0xffff (0 would mean "none")', () => {
    // Payload words chosen so the sum of everything else is 0xffff: its complement is 0.
    const p = packet({ proto: IPPROTO_UDP, srcAddr: 0, dstAddr: 0, srcPort: 0, dstPort: 0 });
    // Pseudo-header: protocol 17 + length 10 (twice: it is in the UDP header too) = 37.
    p.setPayload(Uint8Array.of(0xff, 0xff - 37), 0, 2);
    const bytes = encodeIpv4Packet(p);
    expect([bytes[26], bytes[27]]).toEqual([0xff, 0xff]);
    expect(onesComplementSum(withPseudoHeader(bytes))).toBe(0xffff);
  });

  it('writes other protocols as the IP header and the payload', () => {
    const gre = packet({ proto: 47 }, [9, 8, 7]);
    const bytes = encodeIpv4Packet(gre);
    expect([...bytes.subarray(20)]).toEqual([9, 8, 7]);
    const [read] = readBack([gre]);
    expect([read.protocol, read.ipProtocol, read.payloadBytes]).toEqual(['other', 47, 3]);
  });

  it('encodes pooled packets with any field values and payloads (property)', () => {
    const pool = new PacketPool();
    const u16 = fc.integer({ min: 0, max: 0xffff });
    const u32 = fc.integer({ min: 0, max: 0xffffffff });
    fc.assert(
      fc.property(
        fc.record({
          proto: fc.constantFrom(IPPROTO_TCP, IPPROTO_UDP, IPPROTO_ICMP),
          srcAddr: u32,
          dstAddr: u32,
          srcPort: u16,
          dstPort: u16,
          seq: u32,
          ack: u32,
          window: u16,
          mssOption: fc.constantFrom(0, 536, 1460),
          wscaleOption: fc.integer({ min: -1, max: 14 }),
          icmpId: u16,
          icmpSeq: u16,
        }),
        fc.uint8Array({ maxLength: 1452 }),
        (fields, payload) => {
          const p = Object.assign(pool.alloc(0), fields);
          p.setPayload(payload, 0, payload.length);
          const bytes = encodeIpv4Packet(p);
          expect(onesComplementSum([...bytes.subarray(0, 20)])).toBe(0xffff);
          const icmp = fields.proto === IPPROTO_ICMP;
          const covered = icmp ? [...bytes.subarray(20)] : withPseudoHeader(bytes);
          expect(onesComplementSum(covered)).toBe(0xffff);
          const [read] = readBack([p]);
          expect(read.payload).toEqual(payload);
          if (fields.proto === IPPROTO_TCP) {
            expect([read.tcp?.seq, read.tcp?.ack, read.tcp?.mss ?? 0]).toEqual([
              fields.seq,
              fields.ack,
              fields.mssOption,
            ]);
            expect(read.tcp?.windowScale ?? -1).toBe(fields.wscaleOption);
          }
          pool.release(p);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses a payload length its buffer does not hold and a field that overflows', () => {
    const p = packet({ proto: IPPROTO_UDP });
    p.payloadLen = 10;
    expect(() => encodeIpv4Packet(p)).toThrow(/payload length/);
    expect(() => encodeIpv4Packet(packet({ proto: IPPROTO_TCP, srcPort: 70000 }))).toThrow(
      /overflows/,
    );
    // A payload that fits an IPv4 packet alone, but not behind a TCP header.
    const huge = Object.assign(packet({ proto: IPPROTO_TCP }), {
      payload: new Uint8Array(65_515),
      payloadLen: 65_515,
    });
    expect(() => encodeIpv4Packet(huge)).toThrow(/65555 bytes overflow/);
  });
});
