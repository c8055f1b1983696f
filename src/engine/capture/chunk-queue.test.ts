import { describe, expect, it } from 'vitest';
import { ChunkQueue } from './chunk-queue';

const range = (from: number, to: number) =>
  Uint8Array.from({ length: to - from }, (_, i) => from + i);

describe('ChunkQueue', () => {
  it('peeks within a chunk without copying', () => {
    const q = new ChunkQueue();
    const chunk = range(0, 2000);
    q.push(chunk);
    const view = q.peek(10);
    expect(view?.buffer).toBe(chunk.buffer);
    expect(Array.from(view ?? [])).toEqual(Array.from(range(0, 10)));
  });

  it('assembles a read spanning chunks, and tracks the file offset', () => {
    const q = new ChunkQueue();
    q.push(range(0, 1500));
    q.push(range(1500, 3000));
    q.skip(1000);
    expect(q.offset).toBe(1000);
    expect(q.available).toBe(2000);
    expect(q.peek(2001)).toBeNull();
    expect(Array.from(q.peek(1000) ?? [])).toEqual(Array.from(range(1000, 2000)));
    // Peeking the same bytes again needs no new assembly.
    expect(q.peek(1000)?.buffer).toBe(q.peek(1000)?.buffer);
    q.skip(1500);
    expect(Array.from(q.peek(500) ?? [])).toEqual(Array.from(range(2500, 3000)));
  });

  it('gathers byte-sized chunks into a staging buffer and reads them back in order', () => {
    const q = new ChunkQueue();
    const all = Uint8Array.from({ length: 50_000 }, (_, i) => (i * 7) & 0xff);
    const seen: number[] = [];
    for (let i = 0; i < all.length; i++) {
      q.push(all.subarray(i, i + 1));
      if (q.available >= 333) {
        seen.push(...(q.peek(333) ?? []));
        q.skip(333);
      }
    }
    seen.push(...(q.peek(q.available) ?? []));
    expect(seen.length).toBe(all.length);
    expect(Uint8Array.from(seen)).toEqual(all);
  });

  it('keeps appending small chunks after a read has split the staging buffer', () => {
    const q = new ChunkQueue();
    q.push(range(0, 10));
    q.push(range(10, 2010)); // large: by reference
    q.push(range(2010, 2020));
    expect(q.peek(15)?.length).toBe(15); // assembled from the first two
    q.push(range(2020, 2030));
    q.skip(2000);
    expect(Array.from(q.peek(30) ?? [])).toEqual(Array.from(range(2000, 2030)));
  });

  it('ignores empty chunks and refuses reads past the buffered bytes', () => {
    const q = new ChunkQueue();
    q.push(new Uint8Array(0));
    expect(q.available).toBe(0);
    expect(q.peek(0)?.length).toBe(0);
    expect(q.peek(1)).toBeNull();
    expect(() => q.skip(1)).toThrow(/invariant/);
    expect(() => q.peek(10_000_000)).toThrow(/invariant/);
  });
});
