import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PacketSummary } from '../../engine';
import { summary } from '../events/event-fixture';
import { TupleKeys } from './tuple-keys';

type Flow = [PacketSummary['proto'], string, number, string, number];

const packetOf = ([proto, src, sport, dst, dport]: Flow): PacketSummary =>
  summary({ proto, src, sport, dst, dport });
const replyOf = ([proto, src, sport, dst, dport]: Flow): Flow => [proto, dst, dport, src, sport];

const address = fc.integer({ min: 1, max: 6 }).map((n) => `10.0.0.${n}`);
const port = fc.integer({ min: 0, max: 65_535 });
const proto = fc.constantFrom('tcp' as const, 'udp' as const, 'other' as const);
const flow = fc.tuple(proto, address, port, address, port);

/** A flow differing from `f` in one field, or with its addresses or its ports swapped. */
function changedOne(f: Flow, field: number, pick: number): Flow {
  const out = [...f] as Flow;
  if (field === 5)
    return f[1] === f[3] ? [f[0], f[1], f[2], `${f[3]}9`, f[4]] : [f[0], f[3], f[2], f[1], f[4]];
  if (field === 6) return [f[0], f[1], f[4], f[3], f[2] === f[4] ? f[2] + 1 : f[2]];
  if (field === 0) out[0] = (['tcp', 'udp', 'other'] as const).filter((p) => p !== f[0])[pick % 2];
  else if (field === 1 || field === 3) out[field] = `${f[field]}9`;
  else out[field] = ((f[field] as number) + 1 + pick) % 65_536;
  return out;
}

describe('TupleKeys', () => {
  it('gives a flow one key each way, and a flow one field apart another key', () => {
    fc.assert(
      fc.property(flow, fc.integer({ min: 0, max: 6 }), fc.nat(100), (f, field, pick) => {
        const keys = new TupleKeys(() => {});
        const key = keys.forward(packetOf(f));
        expect(keys.reverse(packetOf(replyOf(f)))).toBe(key);
        expect(keys.known(packetOf(f))).toBe(key);
        const other = changedOne(f, field, pick);
        expect(keys.forward(packetOf(other))).not.toBe(key);
      }),
    );
  });

  it('keeps keys exact at the top of every field', () => {
    let restarts = 0;
    const keys = new TupleKeys(() => restarts++, { maxPairs: 2 ** 19, maxAddresses: 2 ** 26 });
    const top = summary({ proto: 'other', src: 'a', dst: 'b', sport: 65_535, dport: 65_535 });
    expect(Number.isSafeInteger(keys.forward(top))).toBe(true);
    expect(keys.forward(top)).toBe(3 * 2 ** 51 + 2 ** 32 - 1);
    expect(restarts).toBe(0);
  });

  it('keys an ICMP echo by its id alone, both ways', () => {
    const keys = new TupleKeys(() => {});
    const echo = (src: string, dst: string, id: number, seq: number) =>
      summary({ proto: 'icmp', src, dst, sport: id, dport: seq });
    const request = keys.forward(echo('10.0.0.1', '10.0.0.2', 7, 1));
    expect(keys.reverse(echo('10.0.0.2', '10.0.0.1', 7, 2))).toBe(request);
    expect(keys.forward(echo('10.0.0.1', '10.0.0.2', 7, 9))).toBe(request);
    expect(keys.forward(echo('10.0.0.1', '10.0.0.2', 8, 1))).not.toBe(request);
  });

  it('answers -1 for addresses never paired, and numbers nothing then', () => {
    const keys = new TupleKeys(() => {});
    const f: Flow = ['tcp', '10.0.0.1', 1, '10.0.0.2', 2];
    expect(keys.known(packetOf(f))).toBe(-1);
    keys.forward(packetOf(['udp', '10.0.0.1', 1, '10.0.0.3', 2]));
    expect(keys.known(packetOf(f))).toBe(-1); // both addresses known, never as this pair
    const key = keys.forward(packetOf(f));
    expect(keys.known(packetOf(f))).toBe(key);
  });

  it('numbers afresh past its bounds, wherever the bound is met, as a fresh start would', () => {
    fc.assert(
      fc.property(
        fc.array(flow, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 2, max: 5 }),
        (flows, maxPairs, maxAddresses) => {
          let since = 0; // where the numbering last started
          const keys = new TupleKeys(() => (since = made.length), { maxPairs, maxAddresses });
          const made: number[] = [];
          for (const f of flows) made.push(keys.forward(packetOf(f)));
          // Replayed into a fresh one from the last start, the keys since come out the same.
          const fresh = new TupleKeys(() => {}, { maxPairs, maxAddresses });
          const again = flows.slice(since).map((f) => fresh.forward(packetOf(f)));
          expect(made.slice(since)).toEqual(again);
        },
      ),
    );
  });

  it('refuses bounds a key cannot hold', () => {
    expect(() => new TupleKeys(() => {}, { maxPairs: 2 ** 19 + 1, maxAddresses: 4 })).toThrow(
      RangeError,
    );
    expect(() => new TupleKeys(() => {}, { maxPairs: 1, maxAddresses: 1 })).toThrow(RangeError);
  });
});
