import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PacketSummary, TraceEvent } from '../../engine';
import { EventColumns } from './event-columns';
import { EVENT_KINDS, EVENT_SCHEMA, type FieldType } from './event-schema';

const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffff_ffff });
const text = fc.string({ maxLength: 40 });

const summary: fc.Arbitrary<PacketSummary> = fc
  .record({
    id: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
    proto: fc.constantFrom('tcp', 'udp', 'icmp', 'other'),
    src: fc.ipV4(),
    dst: fc.ipV4(),
    sport: u16,
    dport: u16,
    flags: text,
    seq: u32,
    ack: u32,
    len: u16,
    bytes: u16,
    ttl: fc.integer({ min: 0, max: 255 }),
    ipId: u16,
    window: u16,
    icmpType: fc.option(fc.integer({ min: 0, max: 255 }), { nil: null }),
    icmpCode: fc.option(fc.integer({ min: 0, max: 255 }), { nil: null }),
    text: fc.option(text, { nil: null }),
  })
  .map((s) => ({ ...s })); // fc.record's objects have no prototype

const FIELD_VALUES: Record<FieldType, fc.Arbitrary<unknown>> = {
  num: fc.double(),
  'num?': fc.option(fc.double({ noNaN: true }), { nil: null }),
  str: text,
  'str?': fc.option(text, { nil: null }),
  value: fc.array(fc.integer({ min: 0, max: 1_000 }), { maxLength: 4 }),
  bool: fc.boolean(),
};

/** Any event of any kind, its fields in the schema's order (the engine's, see recorder-runs). */
const event: fc.Arbitrary<TraceEvent> = fc.oneof(
  ...EVENT_KINDS.map((kind) => {
    const { fields, packet } = EVENT_SCHEMA[kind];
    const parts = fields.map((f) => FIELD_VALUES[f.type]);
    return fc.tuple(fc.tuple(...parts), packet ? summary : fc.constant(null)).map(([values, p]) => {
      const e: Record<string, unknown> = { kind };
      fields.forEach((f, i) => (e[f.name] = values[i]));
      if (packet) e.packet = p;
      return e as unknown as TraceEvent;
    });
  }),
);

describe('EventColumns', () => {
  it('gives back any event of any kind as it was written, through a ring that laps', () => {
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 300 }), (events) => {
        const capacity = 16;
        const columns = new EventColumns(capacity);
        events.forEach((e, seq) => columns.write(seq % capacity, e));
        for (let seq = Math.max(0, events.length - capacity); seq < events.length; seq++) {
          expect(columns.read(seq % capacity)).toStrictEqual(events[seq]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a field that is not what its kind says, naming it, and the slot then holds nothing', () => {
    const columns = new EventColumns(4);
    const bad = { kind: 'checkpoint.delete', atUs: 5, connection: 7 } as unknown as TraceEvent;
    expect(() => columns.write(0, bad)).toThrow('checkpoint.delete.connection is 7, not a str');
    expect(() => columns.read(0)).toThrow(/holds no event/);
    const nan = { kind: 'supervisor', atUs: 1, event: 'detected', act: NaN, epoch: 1 };
    expect(() => columns.write(1, nan as TraceEvent)).toThrow('supervisor.act is NaN');
    const unknown = { kind: 'no.such', atUs: 1 } as unknown as TraceEvent;
    expect(() => columns.write(2, unknown)).toThrow('no kind "no.such"');
  });

  it('refuses a packet summary whose numbers do not fit its columns rather than change them', () => {
    const sample = fc.sample(summary, { numRuns: 1, seed: 1 })[0];
    const columns = new EventColumns(2);
    const deliver = (packet: PacketSummary) =>
      ({ kind: 'packet.deliver', atUs: 1, host: 'h', packet }) as TraceEvent;
    for (const wrong of [
      { sport: 70_000 },
      { seq: -1 },
      { ttl: 256 },
      { icmpType: -1 },
      { window: 65_536 },
      { proto: 'sctp' },
    ]) {
      const packet = { ...sample, ...wrong } as PacketSummary;
      expect(() => columns.write(0, deliver(packet))).toThrow(/does not fit/);
    }
    columns.write(0, deliver(sample));
    expect(columns.read(0)).toStrictEqual(deliver(sample));
  });
});
