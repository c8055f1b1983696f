import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { epb, ipv4, tcpFrame, udp } from '../testing/capture/test-captures';
import { concatBytes, PcapngWriter, PcapWriter, type CaptureFrame } from './capture-writer';
import { LINKTYPE_ETHERNET, LINKTYPE_RAW } from './link-layer';
import { readCapture } from './read-capture';

const write = (w: PcapWriter | PcapngWriter, frames: readonly CaptureFrame[]) =>
  concatBytes([w.header(), ...frames.map((f) => w.frame(f))]);

const frames: CaptureFrame[] = [
  { timeUs: 0, data: tcpFrame({ srcPort: 40000, dstPort: 21, flags: 0x02 }) },
  { timeUs: 1_234_567, data: tcpFrame({ srcPort: 21, dstPort: 40000, flags: 0x12 }) },
  { timeUs: 5_000_000_001, data: tcpFrame({ srcPort: 40000, dstPort: 21, flags: 0x10 }) },
];

describe('capture writers: what they write reads back the same', () => {
  it('pcap: every frame, its time to the µs, its bytes', () => {
    const { packets, summary } = readCapture(write(new PcapWriter(LINKTYPE_ETHERNET), frames));
    expect(summary.format).toBe('pcap');
    expect(summary.interfaces.map((i) => i.linkType)).toEqual([LINKTYPE_ETHERNET]);
    expect(packets.map((p) => p.timeUs)).toEqual([0, 1_234_567, 5_000_000_001]);
    expect(packets.map((p) => [p.srcPort, p.dstPort, p.tcp?.flags])).toEqual([
      [40000, 21, 0x02],
      [21, 40000, 0x12],
      [40000, 21, 0x10],
    ]);
    expect(packets.map((p) => p.capturedBytes)).toEqual(frames.map((f) => f.data.length));
  });

  it('pcapng: one interface block per port, each frame on its own interface', () => {
    const writer = new PcapngWriter([
      { name: 'router eth0', linkType: LINKTYPE_ETHERNET },
      { name: 'router eth3', linkType: LINKTYPE_RAW },
    ]);
    const raw = ipv4({ protocol: 17, payload: udp({ srcPort: 5004, dstPort: 5004 }) });
    const bytes = write(writer, [
      { ...frames[0], interfaceIndex: 0 },
      { timeUs: 2_000_000, interfaceIndex: 1, data: raw },
      { ...frames[2], interfaceIndex: 0 },
    ]);
    const { packets, summary } = readCapture(bytes);
    expect(summary.format).toBe('pcapng');
    expect(summary.interfaces.map((i) => [i.name, i.linkType])).toEqual([
      ['router eth0', LINKTYPE_ETHERNET],
      ['router eth3', LINKTYPE_RAW],
    ]);
    expect(packets.map((p) => [p.interfaceIndex, p.timeUs, p.protocol])).toEqual([
      [0, 0, 'tcp'],
      [1, 2_000_000, 'udp'],
      [0, 5_000_000_001, 'tcp'],
    ]);
  });

  it('keeps a frame cut short with its length on the wire', () => {
    const full = frames[0].data;
    // 54 bytes: Ethernet, IPv4 and the TCP header whole; the frame said it was longer.
    const cut = { timeUs: 7, data: full.subarray(0, 54), originalBytes: full.length + 100 };
    const writers = [new PcapWriter(1), new PcapngWriter([{ name: 'e', linkType: 1 }])];
    for (const w of writers) {
      const [p] = readCapture(write(w, [cut])).packets;
      expect([p.capturedBytes, p.originalBytes, p.truncated]).toEqual([
        54,
        full.length + 100,
        true,
      ]);
    }
  });

  it('round-trips any times and payload sizes (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            timeUs: fc.integer({ min: 0, max: 2 ** 40 }),
            payload: fc.uint8Array({ maxLength: 1400 }),
          }),
          { maxLength: 20 },
        ),
        (items) => {
          const list = items.map((i) => ({
            timeUs: i.timeUs,
            data: tcpFrame({ payload: i.payload }),
          }));
          for (const w of [new PcapWriter(1), new PcapngWriter([{ name: 'p', linkType: 1 }])]) {
            const { packets } = readCapture(write(w, list));
            expect(packets.map((p) => p.timeUs)).toEqual(list.map((f) => f.timeUs));
            expect(packets.map((p) => p.payloadBytes)).toEqual(items.map((i) => i.payload.length));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('pcapng: a direction is the epb_flags option, after the padded data', () => {
    const writer = new PcapngWriter([{ name: 'router eth0', linkType: LINKTYPE_RAW }]);
    const data = ipv4({ protocol: 17, payload: udp({ payload: new Uint8Array(3) }) }); // 31 bytes
    const block = writer.frame({ timeUs: 9, data, direction: 'outbound' });
    const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
    const optionsAt = 28 + 32;
    expect(block.length).toBe(optionsAt + 12 + 4);
    expect(view.getUint32(4, true)).toBe(block.length);
    expect(view.getUint32(block.length - 4, true)).toBe(block.length);
    expect([
      view.getUint16(optionsAt, true), // epb_flags
      view.getUint16(optionsAt + 2, true), // its length
      view.getUint32(optionsAt + 4, true), // bits 0-1: 10 outbound
      view.getUint32(optionsAt + 8, true), // opt_endofopt, length 0
    ]).toEqual([2, 4, 0b10, 0]);
    // The same block as the test helper builds it, for the other direction too.
    expect(writer.frame({ timeUs: 9, data, direction: 'inbound' })).toEqual(
      epb(true, { units: 9n, data, options: [{ code: 2, value: [0b01, 0, 0, 0] }] }),
    );
  });

  it('pcapng: frames with a direction read back; without one the block has no options', () => {
    const writer = new PcapngWriter([{ name: 'router eth0', linkType: LINKTYPE_ETHERNET }]);
    const plain = writer.frame(frames[1]);
    expect(plain).toEqual(epb(true, { units: 1_234_567n, data: frames[1].data }));
    const bytes = write(writer, [
      { ...frames[0], direction: 'inbound' },
      frames[1],
      { ...frames[2], direction: 'outbound' },
    ]);
    const { packets } = readCapture(bytes);
    expect(packets.map((p) => [p.timeUs, p.srcPort, p.tcp?.flags])).toEqual([
      [0, 40000, 0x02],
      [1_234_567, 21, 0x12],
      [5_000_000_001, 40000, 0x10],
    ]);
  });

  it('pcap: a direction has no place and changes nothing', () => {
    const w = new PcapWriter(LINKTYPE_ETHERNET);
    expect(w.frame({ ...frames[0], direction: 'inbound' })).toEqual(w.frame(frames[0]));
  });

  it('refuses what it cannot write: a negative time, a frame over the limit', () => {
    const w = new PcapWriter(1);
    expect(() => w.frame({ timeUs: -1, data: frames[0].data })).toThrow(/time/);
    expect(() => w.frame({ timeUs: 0, data: new Uint8Array(300_000) })).toThrow(/too long/);
    expect(() => new PcapngWriter([])).toThrow(/interfaces/);
  });
});
