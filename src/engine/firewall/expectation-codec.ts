import type { ByteReader } from '../checkpoint/byte-reader';
import type { ByteWriter } from '../checkpoint/byte-writer';
import type { Expectation } from './expectations';

/** A helper's pending expectation as its record carries it (the master is the record's connection). */
export type SavedExpectation = Omit<Expectation, 'masterSlot' | 'masterId' | 'helper'>;

/**
 * Expectations belong to the helper that made them, so they travel inside that helper's
 * record: created or consumed, the helper's part has changed and is checkpointed again.
 */
export function encodeExpectations(list: readonly Expectation[], w: ByteWriter): void {
  w.u16(list.length);
  for (const e of list)
    w.u8(e.proto).u32(e.src).u32(e.dst).u16(e.dport).f64(e.createdUs).f64(e.expiresUs);
}

/** What a record with no pending expectations decodes to: one shared, frozen empty list. */
const NONE: readonly SavedExpectation[] = Object.freeze([]);

export function decodeExpectations(r: ByteReader): readonly SavedExpectation[] {
  const count = r.u16('the number of expectations');
  if (count === 0) return NONE; // nearly every record: no list made per record
  const out: SavedExpectation[] = [];
  for (let i = 0; i < count; i++) {
    out.push({
      proto: r.u8('an expectation protocol'),
      src: r.u32('an expectation source'),
      dst: r.u32('an expectation destination'),
      dport: r.u16('an expectation port'),
      createdUs: r.f64('an expectation creation time'),
      expiresUs: r.f64('an expectation expiry'),
    });
  }
  return out;
}
