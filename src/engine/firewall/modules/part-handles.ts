import { violated } from '../../errors';

/** Columns start this long and double up to the table's capacity (or are reserved at once). */
const INITIAL_COLUMN_LENGTH = 1024;

/**
 * The handles of a module table kept in columns: which are live, which are free for reuse,
 * and how long the columns must be. The table owns the columns; it is told to grow them.
 */
export class PartHandles {
  size = 0;
  private readonly free: number[] = [];
  /** One past the highest handle ever used. */
  private used = 0;
  private live = new Uint8Array(0);

  constructor(
    readonly module: string,
    readonly capacity: number,
    /** Called with the new length before a handle past the columns' end is handed out. */
    private readonly grow: (length: number) => void,
  ) {
    if (!(Number.isInteger(capacity) && capacity > 0))
      violated(`${module} table capacity ${capacity}`);
  }

  /** A free handle, now live. */
  take(): number {
    if (!(this.size < this.capacity))
      violated(`${this.module} table is full (${this.capacity} parts)`);
    let handle = this.free.pop();
    if (handle === undefined) {
      handle = this.used++;
      if (handle >= this.live.length)
        this.lengthen(Math.max(this.live.length * 2, INITIAL_COLUMN_LENGTH));
    }
    this.live[handle] = 1;
    this.size++;
    return handle;
  }

  /**
   * Makes the columns hold `count` more handles than are used now (up to the capacity) in one
   * step: a recovery knows how many parts it will attach, and growing a million-part table by
   * doubling copied every column about twice.
   */
  reserve(count: number): void {
    const need = Math.min(this.used + count, this.capacity);
    if (need > this.live.length) this.lengthen(need);
  }

  release(handle: number): void {
    if (!this.has(handle)) violated(`${this.module} part ${handle} removed twice`);
    this.live[handle] = 0;
    this.free.push(handle);
    this.size--;
  }

  private lengthen(wanted: number): void {
    const length = Math.min(wanted, this.capacity);
    const live = new Uint8Array(length);
    live.set(this.live);
    this.live = live;
    this.grow(length);
  }

  has(handle: number): boolean {
    return handle >= 0 && handle < this.used && this.live[handle] === 1;
  }

  check(handle: number): void {
    if (!this.has(handle)) violated(`${this.module} part ${handle} does not exist`);
  }

  /** Every live handle, in order. */
  *handles(): IterableIterator<number> {
    for (let h = 0; h < this.used; h++) if (this.live[h] === 1) yield h;
  }
}
