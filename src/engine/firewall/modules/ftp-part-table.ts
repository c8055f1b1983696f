import { violated } from '../../errors';
import { resized } from '../../util/resized';
import { newFtpPart, type FtpPart } from './ftp-helper';
import { PartHandles } from './part-handles';

/**
 * The FTP helper's own table: each control connection's part in columns indexed by handle.
 * As an object with its three two-element arrays a part cost about 250 bytes and four objects
 * to trace; here 14 bytes. The unfinished lines are kept apart, by handle and direction, only
 * while there is one (nearly never: a command is one segment). No connection identifier: the
 * handle is the only link.
 *
 * The helper works on an FtpPart object: load() copies a part out, store() copies it back.
 */
export class FtpPartTable {
  readonly module = 'ftp';
  private readonly handles: PartHandles;
  /** Per direction (handle · 2 + dir): next expected sequence number, when SEQ_KNOWN. */
  private nextSeq = new Uint32Array(0);
  /** Per direction: SYNCED, SEQ_KNOWN. */
  private flags = new Uint8Array(0);
  /** The unfinished lines that are not empty, at handle · 2 + dir (at most two a part). */
  private readonly lines = new Map<number, string>();
  private announced = new Uint32Array(0);

  constructor(readonly capacity: number) {
    this.handles = new PartHandles('ftp', capacity, (length) => this.grow(length));
  }

  get size(): number {
    return this.handles.size;
  }

  /** Room for `count` more parts, made in one step (PartHandles.reserve). */
  reserve(count: number): void {
    this.handles.reserve(count);
  }

  /** Takes a copy of the part; returns its handle. */
  add(part: FtpPart): number {
    checkPart(part);
    const handle = this.handles.take();
    this.store(handle, part);
    return handle;
  }

  remove(handle: number): void {
    this.handles.release(handle);
    this.lines.delete(handle * 2); // no unfinished line kept alive by a dead part
    this.lines.delete(handle * 2 + 1);
  }

  has(handle: number): boolean {
    return this.handles.has(handle);
  }

  /** A copy of the part, as a new object. */
  get(handle: number): FtpPart {
    return this.load(handle, newFtpPart());
  }

  /** Copies the part into `into` and returns it. */
  load(handle: number, into: FtpPart): FtpPart {
    this.check(handle);
    for (let d = 0; d < 2; d++) {
      const i = handle * 2 + d;
      const flags = this.flags[i];
      into.nextSeq[d] = (flags & SEQ_KNOWN) !== 0 ? this.nextSeq[i] : -1;
      into.synced[d] = (flags & SYNCED) !== 0;
      into.line[d] = this.lines.get(i) ?? '';
    }
    into.announced = this.announced[handle];
    return into;
  }

  /** Writes the part over the stored one (a count or sequence number its column cannot hold throws). */
  store(handle: number, part: FtpPart): void {
    this.check(handle);
    checkPart(part);
    for (let d = 0; d < 2; d++) {
      const i = handle * 2 + d;
      const seq = part.nextSeq[d];
      this.nextSeq[i] = seq < 0 ? 0 : seq;
      this.flags[i] = (seq < 0 ? 0 : SEQ_KNOWN) | (part.synced[d] ? SYNCED : 0);
      if (part.line[d] === '') this.lines.delete(i);
      else this.lines.set(i, part.line[d]);
    }
    this.announced[handle] = part.announced;
  }

  announcedOf(handle: number): number {
    this.check(handle);
    return this.announced[handle];
  }

  private check(handle: number): void {
    this.handles.check(handle);
  }

  /** Makes every column `n` handles long, keeping what they hold. */
  private grow(n: number): void {
    this.nextSeq = resized(this.nextSeq, n * 2);
    this.flags = resized(this.flags, n * 2);
    this.announced = resized(this.announced, n);
  }
}

const SYNCED = 1;
const SEQ_KNOWN = 2;

/**
 * The part fits the columns: a sequence number is 32 bits or -1 (none yet), and a wrapped
 * count would be checkpointed, and recovered, wrong.
 */
function checkPart(part: FtpPart): void {
  if (!(part.announced === part.announced >>> 0)) violated(`ftp announcements ${part.announced}`);
  for (let d = 0; d < 2; d++) {
    const seq = part.nextSeq[d];
    if (!(seq === -1 || seq === seq >>> 0)) violated(`ftp sequence number ${seq}`);
  }
}
