import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chunkSizes, entryFiles, workerFiles } from './bundle-sizes';

const indexHtml = `<!doctype html>
<html><head>
  <link rel="icon" type="image/svg+xml" href="/favicon.svg" />
  <script type="module" crossorigin src="/assets/index-Dj.js"></script>
  <link rel="modulepreload" crossorigin href="/assets/vendor-Ab.js">
  <link rel="stylesheet" crossorigin href="/assets/index-Bj.css">
  <script src="/legacy.js"></script>
</head><body></body></html>`;

describe('entryFiles', () => {
  it('takes module scripts and modulepreloads, not stylesheets or classic scripts', () => {
    expect([...entryFiles(indexHtml)]).toEqual(['index-Dj.js', 'vendor-Ab.js']);
  });
});

describe('workerFiles', () => {
  it('finds the worker URLs a built chunk starts, in any quotes', () => {
    const built =
      'a=new Worker(new URL(`/assets/overview-worker-Bs.js`,``+import.meta.url),{type:`module`});' +
      "b=new Worker(new URL('/assets/export-worker-CR.js', import.meta.url))";
    expect([...workerFiles([built, 'no workers here'])]).toEqual([
      'overview-worker-Bs.js',
      'export-worker-CR.js',
    ]);
  });
});

describe('chunkSizes', () => {
  it('gives each chunk its role and its raw and gzip -9 bytes, entry chunks first', () => {
    const index = 'new Worker(new URL(`/assets/overview-worker-Bs.js`,``+import.meta.url))';
    const chunks = new Map([
      ['overview-worker-Bs.js', 'x'.repeat(5_000)],
      ['lazy-Cc.js', 'export const y = 1;'],
      ['index-Dj.js', index],
      ['vendor-Ab.js', 'export const v = 2;'],
    ]);
    const sizes = chunkSizes(indexHtml, chunks);
    expect(sizes.map((c) => [c.file, c.role])).toEqual([
      ['index-Dj.js', 'entry'],
      ['vendor-Ab.js', 'entry'],
      ['overview-worker-Bs.js', 'worker'],
      ['lazy-Cc.js', 'lazy'],
    ]);
    expect(sizes[0].rawBytes).toBe(index.length);
    expect(sizes[0].gzipBytes).toBe(gzipSync(index, { level: 9 }).length);
    expect(sizes[2].gzipBytes).toBeLessThan(100);
  });
});
