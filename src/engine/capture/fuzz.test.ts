import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaptureError } from './capture-error';
import type { CapturePacket } from './capture-packet';
import { CaptureReader } from './capture-reader';
import { MAX_BLOCK_BYTES, MAX_PACKET_BYTES } from './limits';
import { readCapture } from './read-capture';
import {
  block,
  concat,
  epb,
  ethernet,
  icmp,
  idb,
  ipv4,
  ipv6,
  pcapFile,
  shb,
  sll2,
  spb,
  tcp,
  tcpFrame,
  text,
  udp,
} from '../testing/capture/test-captures';

/** Small valid files of every format, the seeds the mutations start from. */
const frame = tcpFrame({ flags: 0x18, payload: text('RETR file.bin\r\n') });
const frame6 = ethernet(
  0x86dd,
  ipv6({
    nextHeader: 6,
    extensions: [{ type: 0, body: [1, 4, 0, 0, 0, 0] }],
    payload: tcp({ payload: text('x') }),
  }),
  [[0x8100, 5]],
);
const ping = ethernet(0x0800, ipv4({ protocol: 1, payload: icmp({ type: 8, id: 1, seq: 1 }) }));
const dgram = ipv4({ protocol: 17, payload: udp({ payload: text('rtp') }), moreFragments: true });
const pcapRecords = [frame, frame6, ping, frame].map((data, i) => ({ seconds: i, data }));
const seeds: Uint8Array[] = [
  pcapFile({ records: pcapRecords }),
  pcapFile({ littleEndian: true, nanoseconds: true, snapLength: 60, records: pcapRecords }),
  pcapFile({ linkType: 101, records: [{ data: dgram }, { data: dgram }] }),
  concat(
    shb(true),
    idb(true, { linkType: 1, tsresol: 9, name: 'eth0' }),
    idb(true, { linkType: 276, snapLength: 64 }),
    epb(true, { data: frame }),
    block(true, 5, new Uint8Array(12)),
    epb(true, { interfaceId: 1, units: 7n, data: sll2(0x0800, dgram) }),
    spb(true, { data: ping }),
    shb(false),
    idb(false, { linkType: 101, tsresol: 0x80 | 20, tsoffset: -5n }),
    epb(false, { units: 1n << 40n, data: dgram }),
  ),
  concat(shb(false), idb(false), epb(false, { data: frame6 }), epb(false, { data: frame })),
];

/** Reads `bytes` whole; asserts that only a CaptureError can come out and that nothing exceeds the limits. */
function check(bytes: Uint8Array): string {
  let packets: readonly CapturePacket[];
  try {
    packets = readCapture(bytes).packets;
  } catch (error) {
    if (!(error instanceof CaptureError)) throw error;
    expect(error.message).toMatch(/^byte \d+: ./);
    expect(error.offset).toBeLessThanOrEqual(bytes.length);
    return `error: ${error.message}`;
  }
  for (const p of packets) {
    expect(p.capturedBytes).toBeLessThanOrEqual(MAX_PACKET_BYTES);
    expect(p.payload.length).toBeLessThanOrEqual(p.capturedBytes);
    expect(p.payload.length).toBeLessThanOrEqual(Math.max(0, p.payloadBytes));
    expect(p.frame).toBeGreaterThan(0);
  }
  return `packets: ${packets.length}`;
}

const seed = fc.constantFrom(...seeds);
const RUNS = 1000;

describe('hostile captures: only CaptureError, never past the limits', () => {
  it('survives truncation at any byte', () => {
    fc.assert(
      fc.property(seed, fc.nat(), (file, n) => {
        const cut = file.subarray(0, n % (file.length + 1));
        const outcome = check(cut);
        if (cut.length === file.length) expect(outcome).toMatch(/^packets/);
      }),
      { numRuns: RUNS },
    );
  });

  it('survives flipped bytes', () => {
    const flips = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
      minLength: 1,
      maxLength: 8,
    });
    fc.assert(
      fc.property(seed, flips, (file, changes) => {
        const copy = file.slice();
        for (const [at, value] of changes) copy[at % copy.length] = value;
        check(copy);
      }),
      { numRuns: RUNS },
    );
  });

  it('survives garbage, with and without a valid magic number in front', () => {
    const prefix = fc.constantFrom(
      new Uint8Array(0),
      seeds[0].subarray(0, 24),
      seeds[1].subarray(0, 24),
      seeds[3].subarray(0, 28 + 20),
      seeds[4].subarray(0, 12),
    );
    fc.assert(
      fc.property(prefix, fc.uint8Array({ maxLength: 600 }), (head, garbage) => {
        check(concat(head, garbage));
      }),
      { numRuns: RUNS },
    );
  });

  it('survives huge length fields anywhere, without allocating them', () => {
    const huge = fc.constantFrom(
      0xffff_ffff,
      0xffff_fffc,
      0x8000_0000,
      0x7fff_fffc,
      MAX_PACKET_BYTES + 1,
      MAX_BLOCK_BYTES + 4,
      MAX_BLOCK_BYTES,
    );
    fc.assert(
      fc.property(seed, fc.nat(), huge, fc.boolean(), (file, at, value, little) => {
        const copy = file.slice();
        const where = at % Math.max(1, copy.length - 3);
        new DataView(copy.buffer).setUint32(where, value, little);
        check(copy);
      }),
      { numRuns: RUNS },
    );
  });

  it('gives the same outcome streamed in random chunks as read whole', () => {
    const flips = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 });
    fc.assert(
      fc.property(seed, flips, fc.integer({ min: 1, max: 64 }), (file, changes, size) => {
        const copy = file.slice();
        for (const [at, value] of changes) copy[at % copy.length] = value;
        const whole = check(copy);
        const reader = new CaptureReader();
        let count = 0;
        let outcome: string;
        try {
          for (let at = 0; at < copy.length; at += size) {
            reader.push(copy.slice(at, at + size));
            while (reader.next() !== null) count++;
          }
          reader.end();
          while (reader.next() !== null) count++;
          outcome = `packets: ${count}`;
        } catch (error) {
          if (!(error instanceof CaptureError)) throw error;
          outcome = `error: ${error.message}`;
        }
        expect(outcome).toBe(whole);
      }),
      { numRuns: RUNS / 2 },
    );
  });
});
