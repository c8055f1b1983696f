import { invariant } from '../../errors';
import { resized } from '../../util/resized';
import { newFtpPart, type FtpPart } from './ftp-helper';

/** Columns start this long and double up to the table's capacity. */
const INITIAL_COLUMN_LENGTH = 1024;

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
  size = 0;
  private readonly free: number[] = [];
  private used = 0;
  private live = new Uint8Array(0);
  /** Per direction (handle · 2 + dir): next expected sequence number (-1 before any byte). */
  private nextSeq = new Float64Array(0);
  private synced = new Uint8Array(0);
  private readonly line: string[] = [];
  private announced = new Uint32Array(0);

  constructor(readonly capacity: number) {
    invariant(Number.isInteger(capacity) && capacity > 0, `ftp table capacity ${capacity}`);
  }

  /** Takes a copy of the part; returns its handle. */
  add(part: FtpPart): number {
    invariant(this.size < this.capacity, `ftp table is full (${this.capacity} parts)`);
    let handle = this.free.pop();
    if (handle === undefined) {
      handle = this.used++;
      if (handle >= this.live.length) this.grow();
    }
    this.live[handle] = 1;
    this.size++;
    this.store(handle, part);
    return handle;
  }

  remove(handle: number): void {
    invariant(this.has(handle), `ftp part ${handle} removed twice`);
    this.live[handle] = 0;
    this.line[handle * 2] = '';
    this.line[handle * 2 + 1] = '';
    this.free.push(handle);
    this.size--;
  }

  has(handle: number): boolean {
    return handle >= 0 && handle < this.used && this.live[handle] === 1;
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
    invariant(part.announced === part.announced >>> 0, `ftp announcements ${part.announced}`);
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
    invariant(this.has(handle), `ftp part ${handle} does not exist`);
  }

  /** Doubles every column (at most to the capacity), keeping what they hold. */
  private grow(): void {
    const n = Math.min(Math.max(this.live.length * 2, INITIAL_COLUMN_LENGTH), this.capacity);
    this.live = resized(this.live, n);
    this.nextSeq = resized(this.nextSeq, n * 2);
    this.synced = resized(this.synced, n * 2);
    this.announced = resized(this.announced, n);
    for (let i = this.line.length; i < n * 2; i++) this.line.push('');
  }
}
