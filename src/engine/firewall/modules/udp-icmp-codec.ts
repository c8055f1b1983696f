import { ByteReader } from '../../checkpoint/byte-reader';
import type { ByteWriter } from '../../checkpoint/byte-writer';
import type { IcmpPart } from './icmp-tracker';
import type { UdpPart } from './udp-tracker';

/** One reader for every record this module decodes (decoders do not nest). */
const reader = new ByteReader();

/** The UDP module's record: its state and when two-way traffic starts to count as a stream. */
export function encodeUdpPart(part: UdpPart, w: ByteWriter): void {
  w.u8(part.state).f64(part.streamFromUs);
}

export function decodeUdpPart(payload: Uint8Array, start = 0, end = payload.length): UdpPart {
  const r = reader.over(payload, start, end);
  const part = { state: r.u8('the UDP state'), streamFromUs: r.f64('the stream time') };
  if (part.state > 2) throw new RangeError(`UDP state ${part.state} does not exist`);
  r.expectEnd();
  return part;
}

/** The ICMP module's record: whether the echo was answered. */
export function encodeIcmpPart(part: IcmpPart, w: ByteWriter): void {
  w.u8(part.state);
}

export function decodeIcmpPart(payload: Uint8Array, start = 0, end = payload.length): IcmpPart {
  const r = reader.over(payload, start, end);
  const part = { state: r.u8('the ICMP state') };
  if (part.state > 1) throw new RangeError(`ICMP state ${part.state} does not exist`);
  r.expectEnd();
  return part;
}
