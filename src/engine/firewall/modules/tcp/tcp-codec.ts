import { ByteReader } from '../../../checkpoint/byte-reader';
import type { ByteWriter } from '../../../checkpoint/byte-writer';
import { newTcpPart, TcpStatus, type TcpPart, type TcpWindowState } from './tcp-part';
import { TCP_CT_STATE_COUNT } from './tcp-states';
import { TCP_MAX_WSCALE } from './tcp-window';

/** Every status bit the tracker keeps; a record with another set is not one it wrote. */
const STATUS_BITS = TcpStatus.SEEN_REPLY | TcpStatus.ASSURED;

/** One reader for every record this module decodes (decoders do not nest). */
const reader = new ByteReader();

/**
 * The TCP module's checkpoint record: its whole part (the kernel's ip_ct_tcp) but the expiry,
 * which recovery sets afresh from the state. Only this module's own data — the connection it
 * belongs to is named by the record's header, not by anything in here.
 */
export function encodeTcpPart(part: TcpPart, w: ByteWriter): void {
  w.u8(part.state).u8(part.status).u32(part.retrans).u8(part.lastIndex).u8(part.lastDir);
  w.u32(part.lastSeq)
    .u32(part.lastAck)
    .u32(part.lastEnd)
    .u32(part.lastWin)
    .u8(part.lastWscale)
    .u8(part.lastFlags);
  for (const s of part.seen)
    w.u32(s.tdEnd).u32(s.tdMaxend).u32(s.tdMaxwin).u32(s.tdMaxack).u8(s.tdScale).u8(s.flags);
}

/** Decodes a TCP record's payload into `into` (a new part by default); the expiry is 0. */
export function decodeTcpPart(
  payload: Uint8Array,
  start = 0,
  end = payload.length,
  into = newTcpPart(),
): TcpPart {
  const r = reader.over(payload, start, end);
  const part = into;
  part.expiresUs = 0; // not checkpointed: a rebuilt part's timeout restarts (restartTimeout)
  part.state = r.u8('the TCP state');
  if (part.state >= TCP_CT_STATE_COUNT)
    throw new RangeError(`TCP state ${part.state} does not exist`);
  part.status = r.u8('the TCP status bits');
  if ((part.status & ~STATUS_BITS) !== 0)
    throw new RangeError(`TCP status bits 0x${part.status.toString(16)} are not all known`);
  part.retrans = r.u32('the retransmission count');
  part.lastIndex = r.u8('the last packet class');
  part.lastDir = r.u8('the last direction');
  part.lastSeq = r.u32();
  part.lastAck = r.u32();
  part.lastEnd = r.u32();
  part.lastWin = r.u32();
  part.lastWscale = r.u8();
  part.lastFlags = r.u8();
  for (const s of part.seen) readWindow(r, s);
  r.expectEnd();
  return part;
}

function readWindow(r: ByteReader, s: TcpWindowState): void {
  s.tdEnd = r.u32('td_end');
  s.tdMaxend = r.u32('td_maxend');
  s.tdMaxwin = r.u32('td_maxwin');
  s.tdMaxack = r.u32('td_maxack');
  s.tdScale = r.u8('td_scale');
  // The digest of a part (PartRecords.digest) has room for scales up to RFC 7323's largest.
  if (s.tdScale > TCP_MAX_WSCALE)
    throw new RangeError(`td_scale ${s.tdScale} is above ${TCP_MAX_WSCALE}`);
  s.flags = r.u8('the window flags');
}
