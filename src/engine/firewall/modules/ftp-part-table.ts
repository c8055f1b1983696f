import { violated } from '../../errors';
import { resized } from '../../util/resized';
import { newFtpPart, type FtpPart } from './ftp-helper';
import { PartHandles } from './part-handles';

/**
 * The FTP helper's own table: each control connection's part in columns indexed by handle.
 * As an object with its three two-element arrays a part cost about 250 bytes and four objects
 * to trace; here 24 bytes and two string references (the unfinished lines, nearly always the
 * one empty string). No connection identifier: the handle is the only link.
 *
 * The helper works on an FtpPart object: load() copies a part out, store() copies it back.
 */
export class FtpPartTable {
  readonly module = 'ftp';
  private readonly handles: PartHandles;
  /** Per direction (handle · 2 + dir): next expected sequence number (-1 before any byte). */
  private nextSeq = new Float64Array(0);
  private synced = new Uint8Array(0);
  private readonly line: string[] = [];
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
    checkAnnounced(part);
    const handle = this.handles.take();
    this.store(handle, part);
    return handle;
  }

  remove(handle: number): void {
    this.handles.release(handle);
    this.line[handle * 2] = ''; // no unfinished line kept alive by a dead part
    this.line[handle * 2 + 1] = '';
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
      into.nextSeq[d] = this.nextSeq[handle * 2 + d];
      into.synced[d] = this.synced[handle * 2 + d] === 1;
      into.line[d] = this.line[handle * 2 + d];
    }
    into.announced = this.announced[handle];
    return into;
  }

  /** Writes the part over the stored one (a count its column cannot hold throws). */
  store(handle: number, part: FtpPart): void {
    this.check(handle);
    checkAnnounced(part);
    for (let d = 0; d < 2; d++) {
      this.nextSeq[handle * 2 + d] = part.nextSeq[d];
      this.synced[handle * 2 + d] = part.synced[d] ? 1 : 0;
      this.line[handle * 2 + d] = part.line[d];
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
    this.synced = resized(this.synced, n * 2);
    this.announced = resized(this.announced, n);
    for (let i = this.line.length; i < n * 2; i++) this.line.push('');
  }
}

/** The count fits its column: a wrapped count would be checkpointed, and recovered, wrong. */
function checkAnnounced(part: FtpPart): void {
  if (!(part.announced === part.announced >>> 0)) violated(`ftp announcements ${part.announced}`);
}
