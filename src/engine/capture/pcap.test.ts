import { describe, expect, it } from 'vitest';
import { errorOf } from '../testing/capture/capture-error-of';
import { CaptureError } from './capture-error';
import { CaptureReader } from './capture-reader';
import { MAX_COUNTER_NAMES } from './limits';
import { readCapture } from './read-capture';
import {
  arp,
  Bytes,
  concat,
  ethernet,
  ipv4,
  pcapFile,
  tcp,
  tcpFrame,
  text,
  udp,
} from '../testing/capture/test-captures';

const segment = tcpFrame(
  { srcPort: 40000, dstPort: 21, flags: 0x02 },
  { src: '10.1.0.1', dst: '10.2.0.1' },
);

describe('libpcap files', () => {
  it.each([
    ['big-endian, microseconds', false, false, 123_456, 123_456],
    ['little-endian, microseconds', true, false, 999_999, 999_999],
    ['big-endian, nanoseconds', false, true, 123_456_789, 123_456],
    ['little-endian, nanoseconds (floored)', true, true, 999_999_999, 999_999],
  ])('%s', (_name, littleEndian, nanoseconds, fraction, fractionUs) => {
    const file = pcapFile({
      littleEndian,
      nanoseconds,
      records: [
        { seconds: 1_700_000_000, fraction, data: segment },
        { seconds: 1_700_000_001, fraction: 0, data: ethernet(0x0806, arp()) },
        { seconds: 1_700_000_002, fraction: 0, data: segment },
      ],
    });
    const { packets, summary } = readCapture(file);
    expect(packets.map((p) => [p.frame, p.timeUs])).toEqual([
      [1, 1_700_000_000_000_000 + fractionUs],
      [3, 1_700_000_002_000_000],
    ]);
    expect(packets[0]).toMatchObject({
      interfaceIndex: 0,
      linkType: 1,
      src: '10.1.0.1',
      dst: '10.2.0.1',
      protocol: 'tcp',
      dstPort: 21,
      capturedBytes: segment.length,
      originalBytes: segment.length,
      truncated: false,
    });
    expect(summary).toMatchObject({
      format: 'pcap',
      bytesRead: file.length,
      sections: 1,
      frames: 3,
      packets: 2,
      skipped: { arp: 1 },
      protocols: { tcp: 2, udp: 0, icmp: 0, icmpv6: 0, other: 0 },
      networks: { ipv4: 2, ipv6: 0 },
      firstTimeUs: 1_700_000_000_000_000 + fractionUs,
      lastTimeUs: 1_700_000_002_000_000,
      outOfOrder: 0,
    });
    expect(summary.interfaces).toEqual([
      {
        index: 0,
        section: 0,
        idInSection: 0,
        linkType: 1,
        snapLengthBytes: 262144,
        timeResolution: nanoseconds ? '10^-9' : '10^-6',
        name: '',
        frames: 3,
      },
    ]);
  });

  it('reads other link types, ignoring the FCS bits of the link-type field', () => {
    const raw = ipv4({ protocol: 17, payload: udp({ payload: text('x') }) });
    const file = pcapFile({ linkType: 101 | 0x1000_0000, records: [{ data: raw }] });
    expect(readCapture(file).packets[0]).toMatchObject({ linkType: 101, protocol: 'udp' });
  });

  it('flags packets cut by the snaplen, and counts them', () => {
    const big = tcpFrame({ payload: new Uint8Array(1000).fill(7) });
    const file = pcapFile({ snapLength: 96, records: [{ data: big }, { data: segment }] });
    const { packets, summary } = readCapture(file);
    expect(packets[0]).toMatchObject({
      capturedBytes: 96,
      originalBytes: big.length,
      truncated: true,
      payloadBytes: 1000,
    });
    expect(packets[0].payload.length).toBe(96 - 54);
    expect(packets[1].truncated).toBe(false);
    expect(summary.truncated).toBe(1);
    expect(summary.interfaces[0].snapLengthBytes).toBe(96);
  });

  it('reads a record longer than the snaplen (as libpcap does)', () => {
    const file = pcapFile({ snapLength: 64, records: [] });
    const record = new Bytes().u32(1).u32(0).u32(segment.length).u32(segment.length).bytes(segment);
    const { packets } = readCapture(concat(file, record.finish()));
    expect(packets[0].capturedBytes).toBe(segment.length);
  });

  it('skips records with a bad timestamp fraction or a captured length over the original', () => {
    const file = pcapFile({
      records: [
        { fraction: 1_000_000, data: segment },
        { data: segment, originalBytes: 10 },
        { data: segment, seconds: 5 },
      ],
    });
    const { packets, summary } = readCapture(file);
    expect(packets.map((p) => p.frame)).toEqual([3]);
    expect(summary.skipped).toEqual({ 'bad-timestamp': 1, 'captured-exceeds-original': 1 });
    expect(summary.firstTimeUs).toBe(1_700_000_000_000_000); // frame 2's time; frame 1 has none
    expect(summary.outOfOrder).toBe(1);
  });

  it('keeps going past packets with bad headers, counting each reason', () => {
    const badIp = ethernet(0x0800, ipv4({ protocol: 6, payload: tcp({}), versionIhl: 0x43 }));
    const file = pcapFile({
      records: [{ data: badIp }, { data: segment }, { data: ethernet(0x88cc, new Uint8Array(20)) }],
    });
    const { packets, summary } = readCapture(file);
    expect(packets.map((p) => p.frame)).toEqual([2]);
    expect(summary.skipped).toEqual({ 'bad-ipv4-header': 1, 'ethertype-0x88cc': 1 });
  });

  it(`counts at most ${MAX_COUNTER_NAMES} skip reasons by name, the rest as "other"`, () => {
    const records = Array.from({ length: 100 }, (_, i) => ({
      data: ethernet(0x9000 + i, new Uint8Array(46)),
    }));
    const { summary } = readCapture(pcapFile({ records }));
    const names = Object.keys(summary.skipped);
    expect(names.length).toBe(MAX_COUNTER_NAMES);
    expect(names[0]).toBe('ethertype-0x9000');
    expect(summary.skipped.other).toBe(100 - (MAX_COUNTER_NAMES - 1));
    expect(summary.frames).toBe(100);
  });

  it('reads an empty capture (a header and no records)', () => {
    const { packets, summary } = readCapture(pcapFile({ records: [] }));
    expect(packets).toEqual([]);
    expect(summary).toMatchObject({ frames: 0, firstTimeUs: null, lastTimeUs: null });
  });
});

describe('broken libpcap files are refused with the byte offset and what was expected', () => {
  const good = pcapFile({ records: [{ data: segment }, { data: segment }] });
  const recordBytes = 16 + segment.length;

  it.each([
    [
      'an empty file',
      new Uint8Array(0),
      'byte 0: the file is empty: expected a pcap or pcapng capture',
    ],
    [
      'a cut magic number',
      good.subarray(0, 3),
      'byte 0: a capture file magic number needs 4 bytes, but the file ends after 3 bytes',
    ],
    [
      'an unknown magic number',
      text('GIF89a and more'),
      'byte 0: expected a pcap magic number (0xa1b2c3d4 or 0xa1b23c4d, in either byte order) or a pcapng section header (0x0a0d0d0a), found 0x47494638',
    ],
    [
      'a cut file header',
      good.subarray(0, 10),
      'byte 0: a pcap file header needs 24 bytes, but the file ends after 10 bytes',
    ],
    [
      'a cut record header',
      good.subarray(0, 24 + 7),
      'byte 24: a pcap record header needs 16 bytes, but the file ends after 7 bytes',
    ],
    [
      'a cut record',
      good.subarray(0, 24 + recordBytes + 20),
      `byte ${24 + recordBytes}: a pcap record of ${segment.length} captured bytes needs ${recordBytes} bytes, but the file ends after 20 bytes`,
    ],
  ])('%s', (_name, bytes, message) => {
    const error = errorOf(bytes);
    expect(error.message).toBe(message);
    expect(error).toBeInstanceOf(CaptureError);
  });

  it('refuses another format version', () => {
    const old = pcapFile({ version: [1, 0], records: [] });
    expect(errorOf(old).message).toBe('byte 4: expected pcap format version 2, found 1.0');
  });

  it('refuses a record claiming 4 GB as soon as its header arrives, allocating nothing', () => {
    const header = pcapFile({ littleEndian: true, records: [] });
    const hostile = new Bytes(true).u32(0).u32(0).u32(0xffff_ffff).u32(0xffff_ffff).finish();
    const message =
      'byte 32: a pcap record of 4294967295 captured bytes is bigger than the maximum of 262144';
    expect(errorOf(concat(header, hostile)).message).toBe(message);
    // Streaming: the error comes before end(), without waiting for the 4 GB.
    const reader = new CaptureReader();
    reader.push(concat(header, hostile));
    expect(() => reader.next()).toThrow(message);
    const justOver = new Bytes().u32(0).u32(0).u32(262_145).u32(262_145).finish();
    expect(errorOf(concat(pcapFile({ records: [] }), justOver)).offset).toBe(32);
  });

  it('returns nothing of a file broken after good packets', () => {
    expect(() => readCapture(good.subarray(0, good.length - 1))).toThrow(CaptureError);
  });
});
