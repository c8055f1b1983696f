import { ByteReader } from '../checkpoint/byte-reader';
import type { ByteWriter } from '../checkpoint/byte-writer';
import type { Connection } from './connection';
import { MODULE_COUNT } from './modules/module-ids';

/** One reader for every record this module decodes (decoders do not nest). */
const reader = new ByteReader();

/** The base layer as its record carries it (the id is in the record's header). */
export interface SavedBase {
  proto: number;
  src: number;
  dst: number;
  sport: number;
  dport: number;
  createdUs: number;
  rule: number;
  /** Name of the `ct helper` object assigned, '' for none. */
  helper: string;
  masterId: number;
  seenReply: boolean;
  /** Bit m set when module m takes part: recovery knows which parts to expect. */
  parts: number;
}

export function newSavedBase(): SavedBase {
  return {
    proto: 0,
    src: 0,
    dst: 0,
    sport: 0,
    dport: 0,
    createdUs: 0,
    rule: 0,
    helper: '',
    masterId: -1,
    seenReply: false,
    parts: 0,
  };
}

/**
 * The base layer's record (FIG. 6, act 604): the original 5-tuple, times, the admitting rule,
 * the helper, the master, and which modules hold a part of this connection.
 */
export function encodeBase(c: Connection, helperName: string, w: ByteWriter): void {
  let parts = 0;
  for (let m = 0; m < MODULE_COUNT; m++) if (c.part(m) >= 0) parts |= 1 << m;
  w.u8(c.proto).u32(c.src).u32(c.dst).u16(c.sport).u16(c.dport).f64(c.createdUs).u32(c.rule);
  w.ascii(helperName)
    .bool(c.masterId >= 0)
    .u53(Math.max(c.masterId, 0))
    .bool(c.seenReply)
    .u8(parts);
}

/** Bytes before the helper name: proto, src, dst, sport, dport, createdUs, rule. */
const FIXED_PREFIX_BYTES = 1 + 4 + 4 + 2 + 2 + 8 + 4;

/**
 * The master connection's id a base payload names (-1 for none), read where it lies in
 * `bytes` between `start` and `end` without decoding the rest: a view looking for the
 * connections related to a selected one reads it from every base record. Throws a
 * RecordFormatError as decodeBase would for what it reads, and when it runs past `end`.
 */
export function baseMasterOf(bytes: Uint8Array, start: number, end: number): number {
  const r = reader.over(bytes, start, end);
  r.skip(FIXED_PREFIX_BYTES, 'the fields before the helper name');
  r.ascii('the helper name');
  const hasMaster = r.bool('the master flag');
  const master = r.u53('the master id');
  r.release();
  return hasMaster ? master : -1;
}

/**
 * Decodes a base payload into `into` (a new object by default): recovery decodes a million
 * of them into one, read before the next is decoded.
 */
export function decodeBase(
  payload: Uint8Array,
  start = 0,
  end = payload.length,
  into = newSavedBase(),
): SavedBase {
  const r = reader.over(payload, start, end);
  const proto = r.u8('the protocol');
  const src = r.u32('the source address');
  const dst = r.u32('the destination address');
  const sport = r.u16('the source port');
  const dport = r.u16('the destination port');
  const createdUs = r.f64('the creation time');
  const rule = r.u32('the admitting rule');
  const helper = r.ascii('the helper name');
  const hasMaster = r.bool('the master flag');
  const master = r.u53('the master id');
  const seenReply = r.bool('the seen-reply flag');
  const parts = r.u8('the parts mask');
  r.expectEnd();
  // Filled only once every field has decoded: a record that fails leaves `into` as it was.
  into.proto = proto;
  into.src = src;
  into.dst = dst;
  into.sport = sport;
  into.dport = dport;
  into.createdUs = createdUs;
  into.rule = rule;
  into.helper = helper;
  into.masterId = hasMaster ? master : -1;
  into.seenReply = seenReply;
  into.parts = parts;
  return into;
}
