import { Pcg32 } from '../sim/prng';
import { crc32, crc32Combine } from '../util/crc32';

/** Period of the generated content: a prime, so segment boundaries never line up with it. */
const PERIOD_BYTES = 65_521;

/**
 * The bytes of a simulated file: pseudo-random content derived from the file name, generated
 * by copying from one seeded block so that producing 20 MB costs a memcpy, not a PRNG call per
 * byte. Both ends can compute the expected checksum, so the receiver's content is checked.
 */
export class FileContent {
  private readonly block: Uint8Array;

  constructor(
    readonly name: string,
    readonly size: number,
  ) {
    const rng = new Pcg32(hashName(name), 0x66696c65);
    this.block = new Uint8Array(PERIOD_BYTES);
    for (let i = 0; i < PERIOD_BYTES; i++) this.block[i] = rng.nextU32() & 0xff;
  }

  /** Copies bytes [offset, offset + length) of the file into target. */
  read(offset: number, target: Uint8Array, targetOffset: number, length: number): void {
    let done = 0;
    while (done < length) {
      const at = (offset + done) % PERIOD_BYTES;
      const n = Math.min(length - done, PERIOD_BYTES - at);
      target.set(this.block.subarray(at, at + n), targetOffset + done);
      done += n;
    }
  }

  /**
   * CRC-32 of the whole file, without reading it: the file is its block repeated, so the
   * checksum of 2^k blocks comes from that of 2^(k-1) (crc32Combine), and the whole from those
   * whose bits the block count has — O(log size) instead of a pass over every byte.
   */
  checksum(): number {
    const blocks = Math.floor(this.size / PERIOD_BYTES);
    let crc = 0;
    let powerCrc = crc32(this.block);
    let powerBytes = PERIOD_BYTES;
    for (let k = blocks; k > 0; k = Math.floor(k / 2)) {
      if (k % 2 === 1) crc = crc32Combine(crc, powerCrc, powerBytes);
      powerCrc = crc32Combine(powerCrc, powerCrc, powerBytes);
      powerBytes *= 2;
    }
    return crc32(this.block, 0, this.size - blocks * PERIOD_BYTES, crc);
  }
}

function hashName(name: string): number {
  let h = 0x811c9dc5; // FNV-1a
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
