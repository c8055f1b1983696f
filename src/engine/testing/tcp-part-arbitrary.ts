import fc from 'fast-check';
import type { TcpPart } from '../firewall/modules/tcp/tcp-part';

// For tests: TCP parts as the tracker can leave them, each field within its record's range.

const u32 = fc.integer({ min: 0, max: 0xffff_ffff });
const u8 = fc.integer({ min: 0, max: 255 });

const tcpWindow = fc.record({
  tdEnd: u32,
  tdMaxend: u32,
  tdMaxwin: u32,
  tdMaxack: u32,
  tdScale: fc.integer({ min: 0, max: 14 }),
  flags: u8,
});

/** A TCP part; its expiry is any whole µs time unless `expiresUs` says otherwise. */
export function tcpPartArbitrary(
  expiresUs: fc.Arbitrary<number> = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
): fc.Arbitrary<TcpPart> {
  return fc.record({
    state: fc.integer({ min: 0, max: 9 }),
    seen: fc.tuple(tcpWindow, tcpWindow),
    retrans: u32,
    lastIndex: fc.integer({ min: 0, max: 5 }),
    lastDir: fc.integer({ min: 0, max: 1 }),
    lastSeq: u32,
    lastAck: u32,
    lastEnd: u32,
    lastWin: u32,
    lastWscale: u8,
    lastFlags: u8,
    status: fc.integer({ min: 0, max: 3 }),
    expiresUs,
  });
}
