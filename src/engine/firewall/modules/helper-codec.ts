import { ByteReader } from '../../checkpoint/byte-reader';
import type { ByteWriter } from '../../checkpoint/byte-writer';
import {
  decodeExpectations,
  encodeExpectations,
  type SavedExpectation,
} from '../expectation-codec';
import type { Expectation } from '../expectations';
import { newFtpPart, type FtpPart } from './ftp-helper';
import type { SipPart } from './sip-helper';

/** One reader for every record this module decodes (decoders do not nest). */
const reader = new ByteReader();

/**
 * The FTP helper's record: where it is in each direction of the control stream, any
 * unfinished line, and the data connections it expects.
 */
export function encodeFtpPart(part: FtpPart, pending: readonly Expectation[], w: ByteWriter): void {
  for (const d of [0, 1] as const) w.f64(part.nextSeq[d]).bool(part.synced[d]).ascii(part.line[d]);
  w.u32(part.announced);
  encodeExpectations(pending, w);
}

/** Decodes an FTP record's payload into `into` (a new part by default), with its expectations. */
export function decodeFtpPart(
  payload: Uint8Array,
  start = 0,
  end = payload.length,
  into = newFtpPart(),
): { part: FtpPart; pending: readonly SavedExpectation[] } {
  const r = reader.over(payload, start, end);
  const part = into;
  for (let d = 0; d < 2; d++) {
    part.nextSeq[d] = r.f64('a stream position');
    part.synced[d] = r.bool('a line-start flag');
    part.line[d] = r.ascii('an unfinished line');
  }
  part.announced = r.u32('the announcements count');
  const pending = decodeExpectations(r);
  r.expectEnd();
  return { part, pending };
}

/** The SIP helper's record: the call's state and the media streams it expects. */
export function encodeSipPart(part: SipPart, pending: readonly Expectation[], w: ByteWriter): void {
  w.u8(part.state).u32(part.announced);
  encodeExpectations(pending, w);
}

export function decodeSipPart(
  payload: Uint8Array,
  start = 0,
  end = payload.length,
): { part: SipPart; pending: readonly SavedExpectation[] } {
  const r = reader.over(payload, start, end);
  const part: SipPart = {
    state: r.u8('the call state'),
    announced: r.u32('the announcements count'),
  };
  if (part.state > 3) throw new RangeError(`SIP call state ${part.state} does not exist`);
  const pending = decodeExpectations(r);
  r.expectEnd();
  return { part, pending };
}
