import { violated } from '../../errors';

/**
 * A module's own per-connection storage: parts addressed by a numeric handle, with a free
 * list. Parts hold only the module's data — never the connection identifier (that is the
 * situation the patent starts from; the base layer holds the handle). Bounded like the
 * connection table it serves.
 */
export class PartTable<T> {
  private readonly parts: Array<T | null> = [];
  private readonly free: number[] = [];
  size = 0;

  constructor(
    readonly module: string,
    readonly capacity: number,
  ) {}

  add(part: T): number {
    if (!(this.size < this.capacity))
      violated(`${this.module} table is full (${this.capacity} parts)`);
    let handle = this.free.pop();
    if (handle === undefined) {
      handle = this.parts.length;
      this.parts.push(part);
    } else {
      this.parts[handle] = part;
    }
    this.size++;
    return handle;
  }

  get(handle: number): T {
    const part = this.parts[handle];
    if (!(part !== null && part !== undefined))
      violated(`${this.module} part ${handle} does not exist`);
    return part;
  }

  remove(handle: number): void {
    if (!(this.parts[handle] !== null && this.parts[handle] !== undefined))
      violated(`${this.module} part ${handle} removed twice`);
    this.parts[handle] = null;
    this.free.push(handle);
    this.size--;
  }

  /** Every live part with its handle (for views and checkpoint strategies). */
  *entries(): IterableIterator<[number, T]> {
    for (let h = 0; h < this.parts.length; h++) {
      const part = this.parts[h];
      if (part !== null) yield [h, part];
    }
  }
}
