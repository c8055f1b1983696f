import { closeSync, openSync, writeSync } from 'node:fs';
import { UsageError } from './args';

/** A file written in large chunks as a run goes: a trace, an exported capture. */
export interface OutputFile {
  write(chunk: Uint8Array | string): void;
  close(): void;
}

const FLUSH_BYTES = 1 << 20;

/** Opens `path` for writing; a path that cannot be written is a usage error naming it. */
export function openOutput(path: string, what: string): OutputFile {
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (error) {
    throw new UsageError(`cannot write ${what} "${path}": ${(error as Error).message}`);
  }
  let pending: Array<Uint8Array | string> = [];
  let size = 0;
  const flush = () => {
    for (const chunk of pending) {
      if (typeof chunk === 'string') writeSync(fd, chunk);
      else writeSync(fd, chunk);
    }
    pending = [];
    size = 0;
  };
  return {
    write(chunk) {
      pending.push(chunk);
      size += chunk.length;
      if (size > FLUSH_BYTES) flush();
    },
    close() {
      flush();
      closeSync(fd);
    },
  };
}
