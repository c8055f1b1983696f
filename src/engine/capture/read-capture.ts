import type { CapturePacket } from './capture-packet';
import type { CaptureSummary } from './capture-summary';
import { CaptureReader } from './capture-reader';

export interface CaptureContents {
  readonly packets: readonly CapturePacket[];
  readonly summary: CaptureSummary;
}

/**
 * Reads a whole capture held in memory. All or nothing: either every packet and the summary,
 * or a CaptureError — never the packets before a broken part. Packets hold their own payload
 * copies, so the result does not keep `bytes` alive.
 */
export function readCapture(bytes: Uint8Array): CaptureContents {
  const packets: CapturePacket[] = [];
  const summary = forEachPacket(bytes, (packet) => packets.push(packet));
  return { packets, summary };
}

/**
 * Hands each packet of a capture held in memory to `visit`, holding one packet at a time, and
 * returns the summary. A CaptureError may come after some packets were visited.
 */
export function forEachPacket(
  bytes: Uint8Array,
  visit: (packet: CapturePacket) => void,
): CaptureSummary {
  const reader = new CaptureReader();
  reader.push(bytes);
  reader.end();
  for (let packet = reader.next(); packet !== null; packet = reader.next()) visit(packet);
  return reader.summary();
}
