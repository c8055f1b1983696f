import { violated } from '../errors';

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

/**
 * Most verdicts a log keeps (16 bytes each): a 100 MB capture of minimum-size packets stays
 * inside. Past it the log stops growing and counts what it left out.
 */
export const MAX_LOGGED_VERDICTS = 16_000_000;

/**
 * Per-packet verdicts of a replay in injection order (= file order), whatever order the
 * packets met their fate in — a packet held by a synchronous checkpoint write is overtaken by
 * one dropped at once. Kept compact: frame numbers and codes in typed arrays, each distinct
 * reason and connection text stored once. Grows by doubling up to its limit.
 */
export class VerdictLog {
  private frames = new Float64Array(1024);
  private codes = new Uint32Array(1024);
  private connectionOf = new Uint32Array(1024);
  private count = 0;
  /** Verdicts past MAX_LOGGED_VERDICTS, not kept. */
  omitted = 0;
  private readonly texts: string[] = [];
  private readonly textIndex = new Map<string, number>();
  private readonly connections: Array<string | null> = [null];
  private readonly connectionIndex = new Map<string, number>();

  constructor(private readonly limit = MAX_LOGGED_VERDICTS) {}

  /** Entries 0 … length-1: the packets injected, each given its verdict by the end. */
  get length(): number {
    return this.count;
  }

  /** The verdict of the `index`-th packet injected (0-based). */
  put(index: number, v: FrameVerdict): void {
    if (!(v.frame >= 1)) violated(`frame ${v.frame}: frames count from 1`);
    if (index >= this.limit) {
      this.omitted++;
      return;
    }
    while (index >= this.frames.length) this.grow();
    if (!(this.frames[index] === 0)) violated(`packet ${index} given a second verdict`);
    this.frames[index] = v.frame;
    this.codes[index] =
      (intern(this.texts, this.textIndex, v.reason) << 1) | Number(v.verdict === 'accept');
    this.connectionOf[index] =
      v.connection === null ? 0 : intern(this.connections, this.connectionIndex, v.connection);
    this.count = Math.max(this.count, index + 1);
  }

  at(i: number): FrameVerdict {
    if (!(i >= 0 && i < this.count && this.frames[i] > 0))
      violated(`no verdict ${i} of ${this.count}`);
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
    const size = Math.min(this.frames.length * 2, this.limit);
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
