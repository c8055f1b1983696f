import { invariant } from '../errors';

/** What became of one replayed packet (one entry of the CLI's `verdicts`). */
export interface FrameVerdict {
  /** 1-based frame number in the capture file. */
  readonly frame: number;
  readonly verdict: 'accept' | 'drop';
  /** The firewall's reason ("rule 2", "policy (forward)", "invalid state: …") or the router's. */
  readonly reason: string;
  /** Readable id of the packet's connection, or null when it belongs to none. */
  readonly connection: string | null;
}

/** Most verdicts a log keeps: a 100 MB capture of minimum-size packets stays well inside. */
export const MAX_LOGGED_VERDICTS = 16_000_000;

/**
 * Per-frame verdicts of a replay, kept compact: frame numbers and codes in typed arrays, each
 * distinct reason and connection text stored once. Grows by doubling up to its limit.
 */
export class VerdictLog {
  private frames = new Float64Array(1024);
  private codes = new Uint32Array(1024);
  private count = 0;
  private readonly texts: string[] = [];
  private readonly textIndex = new Map<string, number>();
  private readonly connections: Array<string | null> = [null];
  private readonly connectionIndex = new Map<string, number>();
  private connectionOf = new Uint32Array(1024);

  get length(): number {
    return this.count;
  }

  add(v: FrameVerdict): void {
    invariant(this.count < MAX_LOGGED_VERDICTS, `more than ${MAX_LOGGED_VERDICTS} verdicts`);
    if (this.count === this.frames.length) this.grow();
    const reason = intern(this.texts, this.textIndex, v.reason);
    this.frames[this.count] = v.frame;
    this.codes[this.count] = (reason << 1) | (v.verdict === 'accept' ? 1 : 0);
    this.connectionOf[this.count] =
      v.connection === null ? 0 : intern(this.connections, this.connectionIndex, v.connection);
    this.count++;
  }

  at(i: number): FrameVerdict {
    invariant(i >= 0 && i < this.count, `verdict ${i} of ${this.count}`);
    const code = this.codes[i];
    return {
      frame: this.frames[i],
      verdict: (code & 1) === 1 ? 'accept' : 'drop',
      reason: this.texts[code >>> 1],
      connection: this.connections[this.connectionOf[i]],
    };
  }

  /** Whether entry i was accepted, without building an object. */
  accepted(i: number): boolean {
    return (this.codes[i] & 1) === 1;
  }

  frame(i: number): number {
    return this.frames[i];
  }

  toArray(): FrameVerdict[] {
    const out: FrameVerdict[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.at(i));
    return out;
  }

  private grow(): void {
    const size = Math.min(this.frames.length * 2, MAX_LOGGED_VERDICTS);
    this.frames = copyInto(new Float64Array(size), this.frames);
    this.codes = copyInto(new Uint32Array(size), this.codes);
    this.connectionOf = copyInto(new Uint32Array(size), this.connectionOf);
  }
}

function copyInto<T extends Float64Array | Uint32Array>(to: T, from: T): T {
  to.set(from);
  return to;
}

function intern<T extends string | null>(
  list: T[],
  index: Map<string, number>,
  text: string,
): number {
  let i = index.get(text);
  if (i === undefined) {
    i = list.push(text as T) - 1;
    index.set(text, i);
  }
  return i;
}
