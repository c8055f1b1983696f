import { describe, expect, it } from 'vitest';
import { errorOf } from '../testing/capture/capture-error-of';
import { MAX_INTERFACES } from './limits';
import { readCapture } from './read-capture';
import {
  block,
  Bytes,
  concat,
  epb,
  ethernet,
  idb,
  ipv4,
  ipv6,
  opb,
  shb,
  spb,
  tcpFrame,
  text,
  udp,
} from '../testing/capture/test-captures';

const segment = tcpFrame({ srcPort: 40000, dstPort: 80 });
const datagram = ipv4({ protocol: 17, payload: udp({ payload: text('rtp') }) });

describe.each([
  ['little-endian', true],
  ['big-endian', false],
])('pcapng, %s', (_name, le) => {
  it('reads enhanced packet blocks with the default microsecond resolution', () => {
    const file = concat(
      shb(le, { options: [{ code: 4, value: text('test writer') }] }), // shb_userappl: skipped
      idb(le, { linkType: 1, snapLength: 65535, name: 'eth0' }),
      epb(le, { units: 1_700_000_000_123_456n, data: segment }),
      epb(le, {
        units: 1_700_000_000_223_456n,
        data: segment,
        options: [{ code: 1, value: text('a comment') }],
      }),
    );
    const { packets, summary } = readCapture(file);
    expect(packets.map((p) => [p.frame, p.timeUs, p.interfaceIndex, p.dstPort])).toEqual([
      [1, 1_700_000_000_123_456, 0, 80],
      [2, 1_700_000_000_223_456, 0, 80],
    ]);
    expect(summary).toMatchObject({
      format: 'pcapng',
      sections: 1,
      frames: 2,
      bytesRead: file.length,
    });
    expect(summary.interfaces).toEqual([
      {
        index: 0,
        section: 0,
        idInSection: 0,
        linkType: 1,
        snapLengthBytes: 65535,
        timeResolution: '10^-6',
        name: 'eth0',
        frames: 2,
      },
    ]);
  });

  it('gives each interface its own link type and resolution', () => {
    const file = concat(
      shb(le),
      idb(le, { linkType: 1, tsresol: 9, name: 'eth0' }),
      idb(le, { linkType: 101, tsresol: 0x80 | 10 }),
      idb(le, { linkType: 276, tsresol: 3, tsoffset: 1_700_000_000n }),
      epb(le, { interfaceId: 0, units: 1_700_000_000_000_001_999n, data: segment }),
      epb(le, { interfaceId: 1, units: 1024n * 1_700_000_000n + 512n, data: datagram }),
      epb(le, {
        interfaceId: 2,
        units: 1500n,
        data: concat(
          new Bytes()
            .u16(0x0800)
            .u16(0)
            .u32(2)
            .u16(1)
            .u8(0)
            .u8(6)
            .bytes([1, 2, 3, 4, 5, 6, 0, 0])
            .finish(),
          datagram,
        ),
      }),
    );
    const { packets, summary } = readCapture(file);
    expect(packets.map((p) => [p.interfaceIndex, p.linkType, p.timeUs, p.protocol])).toEqual([
      [0, 1, 1_700_000_000_000_001, 'tcp'],
      [1, 101, 1_700_000_000_500_000, 'udp'],
      [2, 276, 1_700_000_001_500_000, 'udp'],
    ]);
    expect(summary.interfaces.map((i) => i.timeResolution)).toEqual(['10^-9', '2^-10', '10^-3']);
    expect(summary.interfaces.map((i) => i.frames)).toEqual([1, 1, 1]);
  });

  it('reads simple packet blocks on interface 0, without a time, cut to its snaplen', () => {
    const file = concat(
      shb(le),
      idb(le, { linkType: 1, snapLength: 60 }),
      epb(le, { units: 5_000_000n, data: segment.subarray(0, 54) }),
      spb(le, { data: tcpFrame({ payload: new Uint8Array(100) }) }),
    );
    const { packets, summary } = readCapture(file);
    expect(packets[1]).toMatchObject({
      frame: 2,
      timeUs: null,
      capturedBytes: 60,
      originalBytes: 154,
      truncated: true,
      payloadBytes: 100,
    });
    expect(summary).toMatchObject({ firstTimeUs: 5_000_000, lastTimeUs: 5_000_000 });
  });

  it('reads the obsolete packet block', () => {
    const file = concat(shb(le), idb(le), opb(le, { units: 42n, data: segment }));
    expect(readCapture(file).packets[0]).toMatchObject({ frame: 1, timeUs: 42, protocol: 'tcp' });
  });

  it('skips and counts other blocks, and keeps frame numbers in file order', () => {
    const file = concat(
      shb(le),
      idb(le),
      block(le, 4, new Uint8Array([1, 0, 8, 0, 10, 0, 0, 1, 104, 111, 115, 116])), // name resolution
      epb(le, { data: ethernet(0x0806, new Uint8Array(28)) }),
      block(le, 5, new Uint8Array(12)), // interface statistics
      block(le, 0x0bad, new Uint8Array([0, 0, 0x7e, 0x3e, 1, 2, 3])), // custom
      block(le, 10, new Uint8Array(16)), // decryption secrets
      block(le, 0x0bee, new Uint8Array(0)), // unknown
      epb(le, { data: segment }),
    );
    const { packets, summary } = readCapture(file);
    expect(packets.map((p) => p.frame)).toEqual([2]);
    expect(summary.skipped).toEqual({ arp: 1 });
    expect(summary.skippedBlocks).toEqual({
      'name-resolution': 1,
      'interface-statistics': 1,
      custom: 1,
      'decryption-secrets': 1,
      'block-0x00000bee': 1,
    });
  });
});

describe('pcapng sections', () => {
  it('numbers interfaces per section, each section in its own byte order', () => {
    const file = concat(
      shb(true),
      idb(true, { linkType: 1 }),
      epb(true, { units: 1n, data: segment }),
      shb(false),
      idb(false, { linkType: 228 }),
      idb(false, { linkType: 229 }),
      epb(false, { interfaceId: 1, units: 2n, data: ipv6({ nextHeader: 17, payload: udp({}) }) }),
      epb(false, { interfaceId: 0, units: 3n, data: datagram }),
    );
    const { packets, summary } = readCapture(file);
    expect(packets.map((p) => [p.frame, p.interfaceIndex, p.network])).toEqual([
      [1, 0, 'ipv4'],
      [2, 2, 'ipv6'],
      [3, 1, 'ipv4'],
    ]);
    expect(summary.sections).toBe(2);
    expect(summary.interfaces.map((i) => [i.index, i.section, i.idInSection, i.linkType])).toEqual([
      [0, 0, 0, 1],
      [1, 1, 0, 228],
      [2, 1, 1, 229],
    ]);
  });

  it('forgets the previous section’s interfaces', () => {
    const file = concat(shb(true), idb(true), shb(true), epb(true, { data: segment }));
    const offset = concat(shb(true), idb(true), shb(true)).length;
    expect(errorOf(file).message).toBe(
      `byte ${offset + 8}: an enhanced packet block names interface 0, but its section describes 0`,
    );
  });
});

describe('broken pcapng files are refused with the byte offset and what was expected', () => {
  const head = concat(shb(true), idb(true));
  const at = head.length; // where the next block starts

  it('names a bad byte-order magic and version', () => {
    const badMagic = shb(true);
    badMagic.set([1, 2, 3, 4], 8);
    expect(errorOf(badMagic).message).toBe(
      'byte 8: expected the byte-order magic 0x1a2b3c4d, found 0x01020304',
    );
    expect(errorOf(shb(false, { version: [2, 0] })).message).toBe(
      'byte 12: expected pcapng version 1, found 2.0',
    );
  });

  it('checks block lengths: multiple of 4, minimum, maximum, repeated at the end', () => {
    const odd = concat(head, new Bytes(true).u32(6).u32(33).finish(), new Uint8Array(25));
    expect(errorOf(odd).message).toBe(
      `byte ${at + 4}: a pcapng block's length must be a multiple of 4, found 33`,
    );
    const small = concat(head, block(true, 6, new Uint8Array(8)));
    expect(errorOf(small).message).toBe(
      `byte ${at + 4}: an enhanced packet block needs at least 32 bytes, its length says 20`,
    );
    const huge = concat(head, new Bytes(true).u32(6).u32(0xffff_fffc).u32(0).finish());
    expect(errorOf(huge).message).toBe(
      `byte ${at + 4}: an enhanced packet block of 4294967292 bytes is bigger than the maximum of 327680`,
    );
    const hugeSkipped = concat(head, new Bytes(true).u32(4).u32(0xffff_fffc).u32(0).finish());
    expect(errorOf(hugeSkipped).message).toBe(
      `byte ${at + 4}: a name-resolution block of 4294967292 bytes is bigger than the maximum of 67108864`,
    );
    const mismatch = concat(head, epb(true, { data: segment }));
    mismatch.set([0, 1, 0, 0], mismatch.length - 4);
    expect(errorOf(mismatch).message).toBe(
      `byte ${mismatch.length - 4}: expected the block's length ${mismatch.length - at} repeated at its end, found 256`,
    );
    const skippedMismatch = concat(head, block(true, 5, new Uint8Array(4), 16));
    skippedMismatch[skippedMismatch.length - 4] = 20;
    expect(errorOf(skippedMismatch).message).toBe(
      `byte ${at + 12}: expected the block's length 16 repeated at its end, found 20`,
    );
  });

  it('names a file that ends inside a block, read or skipped', () => {
    const packet = epb(true, { data: segment });
    const cut = concat(head, packet).subarray(0, at + 40);
    expect(errorOf(cut).message).toBe(
      `byte ${at}: an enhanced packet block needs ${packet.length} bytes, but the file ends after 40 bytes`,
    );
    const stats = block(true, 5, new Uint8Array(100));
    const cutSkipped = concat(head, stats).subarray(0, at + 50);
    expect(errorOf(cutSkipped).message).toBe(
      `byte ${at}: an interface-statistics block needs 112 bytes, but the file ends after 50 bytes`,
    );
    const cutTrailer = concat(head, stats).subarray(0, at + 110);
    expect(errorOf(cutTrailer).message).toBe(
      `byte ${at}: an interface-statistics block needs 112 bytes, but the file ends after 110 bytes`,
    );
    expect(errorOf(concat(head, new Uint8Array(5))).message).toBe(
      `byte ${at}: a pcapng block needs 12 bytes, but the file ends after 5 bytes`,
    );
  });

  it('names packets that do not fit their block or name no interface', () => {
    const lying = concat(head, epb(true, { data: segment, capturedBytes: 1500 }));
    expect(errorOf(lying).message).toBe(
      `byte ${at + 20}: a captured length of 1500 does not fit an enhanced packet block of ${lying.length - at} bytes`,
    );
    const noInterface = concat(head, epb(true, { interfaceId: 1, data: segment }));
    expect(errorOf(noInterface).message).toBe(
      `byte ${at + 8}: an enhanced packet block names interface 1, but its section describes 1`,
    );
    const simple = concat(shb(true), spb(true, { data: segment }));
    expect(errorOf(simple).message).toBe(
      `byte 28: a simple packet block belongs to interface 0, but its section describes 0`,
    );
    const bigEnhanced = concat(head, epb(true, { data: new Uint8Array(300_000) }));
    expect(errorOf(bigEnhanced).message).toBe(
      `byte ${at + 20}: a packet of 300000 captured bytes is bigger than the maximum of 262144`,
    );
    const bigSimple = concat(head, spb(true, { data: new Uint8Array(300_000) }));
    expect(errorOf(bigSimple).message).toBe(
      `byte ${at + 8}: a packet of 300000 captured bytes is bigger than the maximum of 262144`,
    );
  });

  it('names broken options of an interface description', () => {
    const runs = idb(true, { options: [{ code: 2, value: text('eth0') }] });
    runs[16 + 2] = 200; // if_name length past the block
    expect(errorOf(concat(shb(true), runs)).message).toBe(
      'byte 44: option 2 of 200 bytes runs past the end of its block',
    );
    const wide = idb(true, { options: [{ code: 9, value: [6, 0] }] });
    expect(errorOf(concat(shb(true), wide)).message).toBe(
      'byte 44: option if_tsresol must hold 1 byte, found 2',
    );
    const offset = idb(true, { options: [{ code: 14, value: [1, 2, 3, 4] }] });
    expect(errorOf(concat(shb(true), offset)).message).toBe(
      'byte 44: option if_tsoffset must hold 8 bytes, found 4',
    );
  });

  it(`refuses more than ${MAX_INTERFACES} interfaces`, () => {
    const one = idb(true);
    const many = concat(shb(true), ...Array<Uint8Array>(MAX_INTERFACES + 1).fill(one));
    expect(errorOf(many).message).toBe(
      `byte ${28 + MAX_INTERFACES * one.length}: a file may describe at most ${MAX_INTERFACES} interfaces`,
    );
  });

  it('skips a packet whose time does not fit 2^53 µs, and keeps reading', () => {
    const file = concat(
      head,
      epb(true, { units: 2n ** 63n, data: segment }),
      epb(true, { data: segment }),
    );
    const { packets, summary } = readCapture(file);
    expect(packets.map((p) => p.frame)).toEqual([2]);
    expect(summary.skipped).toEqual({ 'bad-timestamp': 1 });
  });
});
