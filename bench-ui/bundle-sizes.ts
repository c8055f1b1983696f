import { gzipSync } from 'node:zlib';

/**
 * entry: loaded with the page (index.html's module script and its modulepreloads);
 * worker: a web worker's own bundle, fetched when the worker starts;
 * lazy: any other chunk (a dynamic import), fetched when first used.
 */
export type ChunkRole = 'entry' | 'worker' | 'lazy';

export interface ChunkSize {
  readonly file: string;
  readonly role: ChunkRole;
  readonly rawBytes: number;
  readonly gzipBytes: number;
}

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** The .js files index.html loads itself: its module scripts and modulepreload links. */
export function entryFiles(indexHtml: string): Set<string> {
  const found = new Set<string>();
  for (const tag of indexHtml.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const isModule = /type="module"/.test(tag) || /rel="modulepreload"/.test(tag);
    const url = /\b(?:src|href)="([^"]+\.js)"/.exec(tag)?.[1];
    if (isModule && url !== undefined) found.add(baseName(url));
  }
  return found;
}

/** The .js files some chunk starts as a worker: `new Worker(new URL('/assets/x.js', …))`. */
export function workerFiles(chunkTexts: Iterable<string>): Set<string> {
  const found = new Set<string>();
  for (const text of chunkTexts) {
    for (const m of text.matchAll(/new Worker\(\s*new URL\(\s*[`'"]([^`'"]+\.js)[`'"]/g)) {
      found.add(baseName(m[1]));
    }
  }
  return found;
}

/**
 * Raw and gzip size (level 9, as a server precompressing its files would) of every chunk,
 * named by file, with its role; entry chunks first, then by size.
 */
export function chunkSizes(indexHtml: string, chunks: ReadonlyMap<string, string>): ChunkSize[] {
  const entries = entryFiles(indexHtml);
  const workers = workerFiles(chunks.values());
  const role = (file: string): ChunkRole =>
    entries.has(file) ? 'entry' : workers.has(file) ? 'worker' : 'lazy';
  const order: ChunkRole[] = ['entry', 'worker', 'lazy'];
  return [...chunks]
    .map(([file, text]) => {
      const bytes = Buffer.from(text, 'utf8');
      return {
        file,
        role: role(file),
        rawBytes: bytes.length,
        gzipBytes: gzipSync(bytes, { level: 9 }).length,
      };
    })
    .sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role) || b.gzipBytes - a.gzipBytes);
}
