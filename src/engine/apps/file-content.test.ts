import { describe, expect, it } from 'vitest';
import { crc32 } from '../util/crc32';
import { FileContent } from './file-content';

/** The checksum the slow way: every byte read and checked. */
function readAll(file: FileContent): number {
  const chunk = new Uint8Array(10_007);
  let crc = 0;
  for (let offset = 0; offset < file.size; offset += chunk.length) {
    const n = Math.min(chunk.length, file.size - offset);
    file.read(offset, chunk, 0, n);
    crc = crc32(chunk, 0, n, crc);
  }
  return crc;
}

describe('FileContent.checksum', () => {
  it('equals the CRC-32 of every byte read, at sizes around the block period and large', () => {
    const period = 65_521;
    for (const size of [0, 1, period - 1, period, period + 1, 5 * period + 17, 20_000_000]) {
      const file = new FileContent('big.iso', size);
      expect(file.checksum(), `size ${size}`).toBe(readAll(file));
    }
  });
});
