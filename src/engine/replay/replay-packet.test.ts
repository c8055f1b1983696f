import { describe, expect, it } from 'vitest';
import { readCapture } from '../capture/read-capture';
import { Packet } from '../net/packet';
import { pcapFile, tcpFrame } from '../testing/capture/test-captures';
import { fillReplayPacket } from './replay-packet';

const read = (data: Uint8Array, snapLength?: number) =>
  readCapture(pcapFile({ records: [{ data }], snapLength })).packets[0];

describe('fillReplayPacket', () => {
  it('carries the SYN options conntrack needs and the recorded sizes', () => {
    const options = [2, 4, 5, 180, 1, 3, 3, 7];
    const cp = read(tcpFrame({ flags: 0x02, seq: 77, window: 64240, options }, { ttl: 63 }));
    const p = new Packet(0);
    fillReplayPacket(p, cp);
    expect(p).toMatchObject({
      seq: 77,
      flags: 0x02,
      window: 64240,
      ttl: 63,
      mssOption: 1460,
      wscaleOption: 7,
    });
    expect(p.ipBytes).toBe(cp.ipBytes);
  });

  it('keeps a payload larger than the MTU whole (a capture taken before segmentation offload)', () => {
    const payload = Uint8Array.from({ length: 9000 }, (_, i) => i % 251);
    const p = new Packet(0);
    fillReplayPacket(p, read(tcpFrame({ flags: 0x18, payload })));
    expect(p.payloadLen).toBe(9000);
    expect(p.payload.subarray(0, 9000)).toEqual(payload);
  });

  it('keeps a truncated payload’s stated length, zeros where bytes were not captured', () => {
    const payload = new Uint8Array(100).fill(9);
    const cp = read(tcpFrame({ flags: 0x18, payload }), 14 + 20 + 20 + 10);
    expect(cp.truncated).toBe(true);
    const p = new Packet(0);
    p.setPayload(new Uint8Array(100).fill(1), 0, 100); // a reused packet's old bytes
    fillReplayPacket(p, cp);
    expect(p.payloadLen).toBe(100);
    expect([...p.payload.subarray(0, 12)]).toEqual([9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 0, 0]);
    expect(p.payload.subarray(10, 100).every((b) => b === 0)).toBe(true);
  });
});
