import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteReader } from '../checkpoint/byte-reader';
import { ByteWriter } from '../checkpoint/byte-writer';
import { RecordFormatError } from '../checkpoint/record-format-error';
import { baseMasterOf, decodeBase, encodeBase } from './base-codec';
import type { LedgerHistory } from './connection';
import { ConnectionTable } from './connection-table';
import { decodeExpectations } from './expectation-codec';
import { decodeFtpPart, decodeSipPart, encodeFtpPart, encodeSipPart } from './modules/helper-codec';
import { decodeTcpPart, encodeTcpPart } from './modules/tcp/tcp-codec';
import {
  decodeIcmpPart,
  decodeUdpPart,
  encodeIcmpPart,
  encodeUdpPart,
} from './modules/udp-icmp-codec';
import { tcpPartArbitrary } from '../testing/tcp-part-arbitrary';

const u32 = fc.integer({ min: 0, max: 0xffffffff });
const tcpArb = tcpPartArbitrary(fc.constant(0)); // the expiry is not checkpointed
const expectationArb = fc.record({
  masterSlot: fc.constant(0),
  masterId: fc.constant(1),
  proto: fc.constantFrom(6, 17),
  src: u32,
  dst: u32,
  dport: fc.integer({ min: 1, max: 65_535 }),
  createdUs: fc.integer({ min: 0, max: 2 ** 40 }),
  expiresUs: fc.integer({ min: 0, max: 2 ** 40 }),
  helper: fc.constant('ftp'),
});

const bytesOf = (encode: (w: ByteWriter) => void) => {
  const w = new ByteWriter();
  encode(w);
  return w.finish();
};

describe('module part codecs', () => {
  it('round-trip a TCP part (all but its expiry, which recovery sets afresh)', () => {
    fc.assert(
      fc.property(tcpArb, (part) => {
        expect(decodeTcpPart(bytesOf((w) => encodeTcpPart(part, w)))).toEqual(part);
      }),
    );
  });

  it('round-trip UDP and ICMP parts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 2 ** 45 }),
        (state, streamFromUs) => {
          const udp = { state, streamFromUs };
          expect(decodeUdpPart(bytesOf((w) => encodeUdpPart(udp, w)))).toEqual(udp);
        },
      ),
    );
    expect(decodeIcmpPart(bytesOf((w) => encodeIcmpPart({ state: 1 }, w)))).toEqual({ state: 1 });
  });

  it('round-trip helper parts with their pending expectations', () => {
    const text = fc.string({ maxLength: 40 }).map((s) => s.replace(/[^\x20-\x7e]/g, ''));
    fc.assert(
      fc.property(
        fc.tuple(fc.integer({ min: -1, max: 0xffffffff }), u32),
        fc.tuple(text, text),
        fc.array(expectationArb, { maxLength: 4 }),
        (nextSeq, line, pending) => {
          const part = { nextSeq, line, synced: [true, false] as [boolean, boolean], announced: 3 };
          const decoded = decodeFtpPart(bytesOf((w) => encodeFtpPart(part, pending, w)));
          expect(decoded.part).toEqual(part);
          expect(decoded.pending).toEqual(
            pending.map(({ proto, src, dst, dport, createdUs, expiresUs }) => ({
              proto,
              src,
              dst,
              dport,
              createdUs,
              expiresUs,
            })),
          );
          const sip = decodeSipPart(
            bytesOf((w) => encodeSipPart({ state: 2, announced: 4 }, pending, w)),
          );
          expect(sip.part).toEqual({ state: 2, announced: 4 });
        },
      ),
    );
  });

  it('refuses payloads that are cut short, too long or out of range', () => {
    const tcp = bytesOf((w) => encodeTcpPart(fc.sample(tcpArb, 1)[0], w));
    expect(() => decodeTcpPart(tcp.subarray(0, tcp.length - 1))).toThrow();
    expect(() => decodeTcpPart(Uint8Array.of(...tcp, 0))).toThrow();
    // Status bits the tracker never sets, and a window scale above 14 (the first direction's
    // td_scale follows 26 bytes of the last packet's annotations and four u32s).
    const patched = (at: number, value: number) =>
      Uint8Array.from(tcp, (b, i) => (i === at ? value : b));
    expect(() => decodeTcpPart(patched(1, 4))).toThrow(/TCP status bits 0x4/);
    expect(() => decodeTcpPart(patched(42, 15))).toThrow(/td_scale 15 is above 14/);
    expect(decodeTcpPart(patched(42, 14)).seen[0].tdScale).toBe(14);
    expect(() => decodeUdpPart(bytesOf((w) => w.u8(7).f64(0)))).toThrow(/UDP state 7/);
    expect(() => decodeExpectations(new ByteReader(Uint8Array.of(5, 0)))).toThrow();
  });
});

describe('baseMasterOf', () => {
  const history = {} as LedgerHistory; // the codec does not read it
  const baseOf = (masterId: number, helper: string) => {
    // Its part handles (none) live in a table's columns.
    const c = new ConnectionTable(1).open(
      7,
      6,
      0xc000020a,
      0xc6336414,
      50_048,
      33_981,
      5_000,
      4,
      masterId,
      history,
    );
    return bytesOf((w) => encodeBase(c, helper, w));
  };

  it('reads the master id decodeBase would, in place inside a larger buffer', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1, max: 2 ** 40 }),
        fc.constantFrom('', 'ftp-standard'),
        fc.nat(9),
        (masterId, helper, before) => {
          const payload = baseOf(masterId, helper);
          const buffer = new Uint8Array(before + payload.length + 3);
          buffer.set(payload, before);
          expect(baseMasterOf(buffer, before, before + payload.length)).toBe(
            decodeBase(payload).masterId,
          );
          expect(decodeBase(payload).masterId).toBe(masterId);
        },
      ),
    );
  });

  it('decodes into the object it is given, and leaves it as it was when a payload fails', () => {
    const into = decodeBase(baseOf(12, 'ftp-standard'));
    const kept = { ...into };
    const other = baseOf(-1, '');
    expect(() =>
      decodeBase(other.subarray(0, other.length - 1), 0, other.length - 1, into),
    ).toThrow(RecordFormatError);
    expect(into).toEqual(kept);
    expect(decodeBase(other, 0, other.length, into)).toBe(into);
    expect(into).toEqual({ ...kept, masterId: -1, helper: '' });
  });

  it('refuses a payload cut short before the master id', () => {
    const payload = baseOf(1, 'ftp-standard');
    const buffer = new Uint8Array(payload.length + 16); // bytes follow: a reader could run on
    buffer.set(payload);
    expect(() => baseMasterOf(buffer, 0, payload.length - 3)).toThrow(RecordFormatError);
  });
});
