import { invariant } from '../../../errors';
import { resized } from '../../../util/resized';
import { PartHandles } from '../part-handles';
import { newTcpPart, type TcpPart, type TcpWindowState } from './tcp-part';

/**
 * The TCP module's own table: each part's fields in typed-array columns indexed by handle,
 * rather than one object per part. As objects, a part (with its two direction objects, their
 * array and the doubles V8 boxes) cost about 450 bytes and three objects for the garbage
 * collector to trace; in columns it costs 70 bytes and none. Like every module table it holds
 * no connection identifier: the handle is all that links a part to its base layer.
 *
 * The tracker works on a TcpPart object: load() copies a part out into one, store() copies it
 * back. The checks made per packet (state, expiry, flags, window edge) read the columns.
 */
export class TcpPartTable {
  readonly module = 'tcp';
  private readonly handles: PartHandles;
  private state = new Uint8Array(0);
  private status = new Uint8Array(0);
  private retrans = new Uint32Array(0);
  private lastIndex = new Uint8Array(0);
  private lastDir = new Uint8Array(0);
  private lastSeq = new Uint32Array(0);
  private lastAck = new Uint32Array(0);
  private lastEnd = new Uint32Array(0);
  private lastWin = new Uint32Array(0);
  private lastWscale = new Uint8Array(0);
  private lastFlags = new Uint8Array(0);
  private expires = new Float64Array(0);
  // Per direction: index handle · 2 + dir.
  private tdEnd = new Uint32Array(0);
  private tdMaxend = new Uint32Array(0);
  private tdMaxwin = new Uint32Array(0);
  private tdMaxack = new Uint32Array(0);
  private tdScale = new Uint8Array(0);
  private flags = new Uint8Array(0);

  constructor(readonly capacity: number) {
    this.handles = new PartHandles('tcp', capacity, (length) => this.grow(length));
  }

  get size(): number {
    return this.handles.size;
  }

  /** Room for `count` more parts, made in one step (PartHandles.reserve). */
  reserve(count: number): void {
    this.handles.reserve(count);
  }

  /** Takes a copy of the part; returns its handle. */
  add(part: TcpPart): number {
    invariant(fits(part), 'a TCP part field is out of range for its column');
    const handle = this.handles.take();
    this.write(handle, part);
    return handle;
  }

  remove(handle: number): void {
    this.handles.release(handle);
  }

  has(handle: number): boolean {
    return this.handles.has(handle);
  }

  /** A copy of the part, as a new object (views; the tracker loads into its own). */
  get(handle: number): TcpPart {
    return this.load(handle, newTcpPart());
  }

  /** Copies the part into `into` and returns it. */
  load(handle: number, into: TcpPart): TcpPart {
    this.check(handle);
    into.state = this.state[handle];
    into.status = this.status[handle];
    into.retrans = this.retrans[handle];
    into.lastIndex = this.lastIndex[handle];
    into.lastDir = this.lastDir[handle];
    into.lastSeq = this.lastSeq[handle];
    into.lastAck = this.lastAck[handle];
    into.lastEnd = this.lastEnd[handle];
    into.lastWin = this.lastWin[handle];
    into.lastWscale = this.lastWscale[handle];
    into.lastFlags = this.lastFlags[handle];
    into.expiresUs = this.expires[handle];
    this.loadWindow(handle * 2, into.seen[0]);
    this.loadWindow(handle * 2 + 1, into.seen[1]);
    return into;
  }

  /**
   * Writes the part's fields over the stored ones. A value its column cannot hold throws
   * rather than being wrapped: the tracker's state would silently change.
   */
  store(handle: number, part: TcpPart): void {
    this.check(handle);
    invariant(fits(part), 'a TCP part field is out of range for its column');
    this.write(handle, part);
  }

  private write(handle: number, part: TcpPart): void {
    this.state[handle] = part.state;
    this.status[handle] = part.status;
    this.retrans[handle] = part.retrans;
    this.lastIndex[handle] = part.lastIndex;
    this.lastDir[handle] = part.lastDir;
    this.lastSeq[handle] = part.lastSeq;
    this.lastAck[handle] = part.lastAck;
    this.lastEnd[handle] = part.lastEnd;
    this.lastWin[handle] = part.lastWin;
    this.lastWscale[handle] = part.lastWscale;
    this.lastFlags[handle] = part.lastFlags;
    this.expires[handle] = part.expiresUs;
    this.storeWindow(handle * 2, part.seen[0]);
    this.storeWindow(handle * 2 + 1, part.seen[1]);
  }

  stateOf(handle: number): number {
    this.check(handle);
    return this.state[handle];
  }

  statusOf(handle: number): number {
    this.check(handle);
    return this.status[handle];
  }

  expiresUsOf(handle: number): number {
    this.check(handle);
    return this.expires[handle];
  }

  /** A direction's TcpWindowFlag bits. */
  flagsOf(handle: number, dir: number): number {
    this.check(handle);
    return this.flags[handle * 2 + dir];
  }

  tdScaleOf(handle: number, dir: number): number {
    this.check(handle);
    return this.tdScale[handle * 2 + dir];
  }

  tdEndOf(handle: number, dir: number): number {
    this.check(handle);
    return this.tdEnd[handle * 2 + dir];
  }

  /** Every live part with its handle, each a new copy. */
  *entries(): IterableIterator<[number, TcpPart]> {
    for (const h of this.handles.handles()) yield [h, this.get(h)];
  }

  private check(handle: number): void {
    this.handles.check(handle);
  }

  private loadWindow(i: number, s: TcpWindowState): void {
    s.tdEnd = this.tdEnd[i];
    s.tdMaxend = this.tdMaxend[i];
    s.tdMaxwin = this.tdMaxwin[i];
    s.tdMaxack = this.tdMaxack[i];
    s.tdScale = this.tdScale[i];
    s.flags = this.flags[i];
  }

  private storeWindow(i: number, s: TcpWindowState): void {
    this.tdEnd[i] = s.tdEnd;
    this.tdMaxend[i] = s.tdMaxend;
    this.tdMaxwin[i] = s.tdMaxwin;
    this.tdMaxack[i] = s.tdMaxack;
    this.tdScale[i] = s.tdScale;
    this.flags[i] = s.flags;
  }

  /** Makes every column `n` handles long, keeping what they hold. */
  private grow(n: number): void {
    this.state = resized(this.state, n);
    this.status = resized(this.status, n);
    this.retrans = resized(this.retrans, n);
    this.lastIndex = resized(this.lastIndex, n);
    this.lastDir = resized(this.lastDir, n);
    this.lastSeq = resized(this.lastSeq, n);
    this.lastAck = resized(this.lastAck, n);
    this.lastEnd = resized(this.lastEnd, n);
    this.lastWin = resized(this.lastWin, n);
    this.lastWscale = resized(this.lastWscale, n);
    this.lastFlags = resized(this.lastFlags, n);
    this.expires = resized(this.expires, n);
    this.tdEnd = resized(this.tdEnd, n * 2);
    this.tdMaxend = resized(this.tdMaxend, n * 2);
    this.tdMaxwin = resized(this.tdMaxwin, n * 2);
    this.tdMaxack = resized(this.tdMaxack, n * 2);
    this.tdScale = resized(this.tdScale, n * 2);
    this.flags = resized(this.flags, n * 2);
  }
}

/** Every field in its column's range (the expiry is a double). */
function fits(p: TcpPart): boolean {
  return (
    u8(p.state) &&
    u8(p.status) &&
    u8(p.lastIndex) &&
    u8(p.lastDir) &&
    u8(p.lastWscale) &&
    u8(p.lastFlags) &&
    u32(p.retrans) &&
    u32(p.lastSeq) &&
    u32(p.lastAck) &&
    u32(p.lastEnd) &&
    u32(p.lastWin) &&
    windowFits(p.seen[0]) &&
    windowFits(p.seen[1])
  );
}

function windowFits(s: TcpWindowState): boolean {
  return (
    u32(s.tdEnd) &&
    u32(s.tdMaxend) &&
    u32(s.tdMaxwin) &&
    u32(s.tdMaxack) &&
    u8(s.tdScale) &&
    u8(s.flags)
  );
}

function u8(value: number): boolean {
  return value === (value & 0xff);
}

function u32(value: number): boolean {
  return value === value >>> 0;
}
