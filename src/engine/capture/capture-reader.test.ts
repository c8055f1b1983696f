import { describe, expect, it } from 'vitest';
import { CaptureError } from './capture-error';
import type { CapturePacket } from './capture-packet';
import type { CaptureSummary } from './capture-summary';
import { CaptureReader } from './capture-reader';
import { MAX_BLOCK_BYTES } from './limits';
import { forEachPacket, readCapture } from './read-capture';
import {
  arp,
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
  sll,
  spb,
  tcp,
  tcpFrame,
  text,
  udp,
} from '../testing/capture/test-captures';

/** A bit of everything, so that chunk boundaries fall in every kind of place. */
function frames(): Uint8Array[] {
  return [
    tcpFrame({ flags: 0x02, payload: text('SYN') }),
    ethernet(0x0806, arp()),
    tcpFrame({ flags: 0x18, payload: new Uint8Array(1400).fill(0x61) }, { src: '10.0.0.9' }),
    ethernet(0x86dd, ipv6({ nextHeader: 58, payload: icmp({ type: 128, id: 1, seq: 2 }) })),
    ethernet(0x0800, ipv4({ protocol: 17, payload: udp({ payload: new Uint8Array(5000) }) }), [
      [0x8100, 7],
    ]),
    ethernet(0x0800, ipv4({ protocol: 1, payload: icmp({ type: 8, id: 3, seq: 4 }) })),
  ];
}

function richPcap(littleEndian: boolean, nanoseconds: boolean): Uint8Array {
  const records = Array.from({ length: 24 }, (_, i) => ({
    seconds: 1_700_000_000 + i,
    fraction: i * 1000,
    data: frames()[i % 6],
  }));
  return pcapFile({ littleEndian, nanoseconds, snapLength: 3000, records });
}

function richPcapng(le: boolean): Uint8Array {
  const blocks = [shb(le), idb(le, { linkType: 1, tsresol: 9 }), idb(le, { linkType: 113 })];
  frames().forEach((data, i) => {
    blocks.push(epb(le, { interfaceId: 0, units: 1_700_000_000_000_000_000n + BigInt(i), data }));
    blocks.push(block(le, 5, new Uint8Array(20 + i)));
    blocks.push(
      epb(le, {
        interfaceId: 1,
        units: 1_700_000_000_000_000n + BigInt(i),
        data: sll(0x0800, ipv4({ protocol: 6, payload: tcp({ seq: i }) })),
      }),
    );
  });
  blocks.push(spb(le, { data: frames()[2] }));
  blocks.push(shb(!le), idb(!le, { linkType: 101 }));
  blocks.push(epb(!le, { units: 9n, data: ipv4({ protocol: 17, payload: udp({}) }) }));
  return concat(...blocks);
}

interface Outcome {
  packets: CapturePacket[];
  summary: CaptureSummary;
  error: string | null;
}

/** Feeds `bytes` in chunks of `size`, draining after each; what came out, and any error. */
function stream(bytes: Uint8Array, size: number, bound = Infinity): Outcome {
  const reader = new CaptureReader();
  const packets: CapturePacket[] = [];
  const drain = () => {
    for (let p = reader.next(); p !== null; p = reader.next()) packets.push(p);
  };
  try {
    for (let at = 0; at < bytes.length; at += size) {
      // A copy, as a file reader would hand out: nothing may depend on the whole array.
      reader.push(bytes.slice(at, at + size));
      drain();
      if (reader.bufferedBytes > bound) throw new Error(`holds ${reader.bufferedBytes} bytes`);
    }
    reader.end();
    drain();
    expect(reader.done).toBe(true);
    return { packets, summary: reader.summary(), error: null };
  } catch (error) {
    if (!(error instanceof CaptureError)) throw error;
    expect(() => reader.next()).toThrow(error); // the failure stays
    return { packets, summary: reader.summary(), error: error.message };
  }
}

describe('the streaming reader', () => {
  const files: [string, Uint8Array][] = [
    ['pcap, big-endian µs', richPcap(false, false)],
    ['pcap, little-endian ns', richPcap(true, true)],
    ['pcapng, little-endian first', richPcapng(true)],
    ['pcapng, big-endian first', richPcapng(false)],
  ];

  it.each(files)(
    'gives the same packets and summary in chunks of 1, 7 and 4096 bytes: %s',
    (_name, file) => {
      const whole = readCapture(file);
      expect(whole.packets.length).toBeGreaterThan(10);
      for (const size of [1, 7, 4096]) {
        const streamed = stream(file, size);
        expect(streamed.error).toBeNull();
        expect(streamed.packets).toEqual(whole.packets);
        expect(streamed.summary).toEqual(whole.summary);
      }
    },
  );

  it.each(files)('gives the same error, at the same point, in any chunking: %s', (_name, file) => {
    const cut = file.subarray(0, file.length - 3);
    const outcomes = [1, 7, 4096, cut.length].map((size) => stream(cut, size));
    expect(outcomes[0].error).toMatch(/^byte \d+: .* needs \d+ bytes, but the file ends after/);
    for (const o of outcomes) {
      expect(o.error).toBe(outcomes[0].error);
      expect(o.packets).toEqual(outcomes[0].packets);
    }
  });

  it('returns null until a whole record has arrived, then the packet', () => {
    const file = pcapFile({ records: [{ data: tcpFrame() }] });
    const reader = new CaptureReader();
    reader.push(file.subarray(0, file.length - 1));
    expect(reader.next()).toBeNull();
    expect(reader.done).toBe(false);
    expect(reader.bytesRead).toBe(24);
    reader.push(file.subarray(file.length - 1));
    expect(reader.next()).toMatchObject({ frame: 1, protocol: 'tcp' });
    expect(reader.next()).toBeNull();
    reader.end();
    expect(reader.next()).toBeNull();
    expect(reader.done).toBe(true);
    expect(reader.bytesRead).toBe(file.length);
    expect(() => reader.push(file)).toThrow(/push after end/);
  });

  it('holds at most a block and a chunk of a large file, whatever its size', () => {
    const records = Array.from({ length: 1000 }, (_, i) => ({
      data: tcpFrame({ seq: i, payload: new Uint8Array(1400) }),
    }));
    const file = pcapFile({ records });
    const chunk = 65_536;
    const { error } = stream(file, chunk, chunk + MAX_BLOCK_BYTES);
    expect(error).toBeNull();
    const seqs: (number | undefined)[] = [];
    forEachPacket(file, (p) => seqs.push(p.tcp?.seq));
    expect(seqs).toEqual(records.map((_, i) => i));
  });

  it('refuses a hostile skipped block before the rest of it arrives, and streams past a large one', () => {
    const head = concat(shb(true), idb(true));
    const big = block(true, 0x0bad, new Uint8Array(MAX_BLOCK_BYTES * 3));
    const file = concat(head, big, epb(true, { data: tcpFrame() }));
    const { packets, summary } = stream(file, 4096, 4096 + MAX_BLOCK_BYTES);
    expect(packets.length).toBe(1);
    expect(summary.skippedBlocks).toEqual({ custom: 1 });
  });
});
