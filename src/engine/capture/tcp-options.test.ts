import { describe, expect, it } from 'vitest';
import { readTcpOptions } from './tcp-options';

const read = (...bytes: number[]) => readTcpOptions(Uint8Array.from(bytes), 0, bytes.length);

describe('readTcpOptions', () => {
  it('reads MSS and window scale as Linux sends them on a SYN', () => {
    // mss 1460, sackOK, timestamps, nop, wscale 7
    const linux = [2, 4, 5, 180, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7];
    expect(read(...linux)).toEqual({ mss: 1460, windowScale: 7 });
  });

  it('says null for options that are absent', () => {
    expect(read()).toEqual({ mss: null, windowScale: null });
    expect(read(1, 1, 1, 1)).toEqual({ mss: null, windowScale: null });
  });

  it('caps the shift at 14 (RFC 7323)', () => {
    expect(read(3, 3, 15, 0)).toEqual({ mss: null, windowScale: 14 });
  });

  it('stops at end-of-list and at an impossible length, keeping what came before', () => {
    expect(read(2, 4, 1, 0, 0, 3, 3, 7)).toEqual({ mss: 256, windowScale: null });
    expect(read(2, 4, 1, 0, 8, 1, 3, 3, 7)).toEqual({ mss: 256, windowScale: null });
    expect(read(2, 4, 1, 0, 3, 9, 7)).toEqual({ mss: 256, windowScale: null });
    expect(read(3)).toEqual({ mss: null, windowScale: null });
  });

  it('ignores MSS and scale options of the wrong length', () => {
    expect(read(2, 3, 5, 3, 4, 7, 0)).toEqual({ mss: null, windowScale: null });
  });
});
