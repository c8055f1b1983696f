import { invariant, violated } from '../errors';
import type { Connection } from './connection';
import { ConnectionColumns } from './connection-columns';
import { TupleTable } from './tuple-table';

/**
 * The firewall's connection table: live connections in slots, found by either direction's
 * tuple. Bounded (conntrack's nf_conntrack_max): the firewall refuses new connections when it
 * is full rather than growing without limit.
 */
export class ConnectionTable {
  private readonly slots: Array<Connection | null> = [];
  private readonly free: number[] = [];
  private readonly tuples: TupleTable;
  /** Module handles and checkpoint bookkeeping by slot. */
  private readonly columns: ConnectionColumns;
  private sweepCursor = 0;
  count = 0;

  constructor(readonly maxConnections: number) {
    this.tuples = new TupleTable(maxConnections);
    this.columns = new ConnectionColumns(maxConnections);
  }

  get full(): boolean {
    return this.count >= this.maxConnections;
  }

  /** slot · 2 + direction of the connection owning this tuple, or -1. */
  find(src: number, dst: number, sport: number, dport: number, proto: number): number {
    return this.tuples.get(src, dst, sport, dport, proto);
  }

  get(slot: number): Connection {
    const c = this.slots[slot];
    if (!(c !== null && c !== undefined)) violated(`no connection in slot ${slot}`);
    return c;
  }

  /** The connection in a slot, or null. */
  at(slot: number): Connection | null {
    return this.slots[slot] ?? null;
  }

  /** Room for `count` connections past the highest slot ever used, made in one step. */
  reserve(count: number): void {
    this.columns.reserve(this.slots.length + count);
  }

  /** Takes the connection in: it gets a slot, and its columns there say no part, nothing written. */
  add(c: Connection): void {
    invariant(!this.full, 'connection table is full');
    if (!(c.slot < 0 && c.columns === null)) violated(`connection ${c.id} is already in a table`);
    let slot = this.free.pop();
    if (slot === undefined) {
      slot = this.slots.length;
      this.slots.push(c);
    } else {
      this.slots[slot] = c;
    }
    c.slot = slot;
    this.columns.open(slot, c.createdUs);
    c.columns = this.columns;
    this.tuples.set(c.src, c.dst, c.sport, c.dport, c.proto, slot);
    this.count++;
  }

  remove(c: Connection): void {
    if (!(this.slots[c.slot] === c)) violated(`connection ${c.id} is not in slot ${c.slot}`);
    this.tuples.delete(c.src, c.dst, c.sport, c.dport, c.proto);
    this.slots[c.slot] = null;
    this.free.push(c.slot);
    c.slot = -1;
    c.columns = null;
    this.count--;
  }

  /** One past the highest slot ever used: at(slot) below it finds every live connection. */
  get slotCount(): number {
    return this.slots.length;
  }

  /** Live connections, in slot order. */
  *live(): IterableIterator<Connection> {
    for (const c of this.slots) if (c !== null) yield c;
  }

  /**
   * Looks at up to `budget` slots after the last one looked at, handing expired connections
   * to `expire` (which must remove them). Like the kernel's conntrack GC worker: bounded
   * work per run, the whole table covered over successive runs.
   */
  sweep(nowUs: number, budget: number, expire: (c: Connection) => void): void {
    const n = this.slots.length;
    for (let k = 0; k < Math.min(budget, n); k++) {
      if (this.sweepCursor >= n) this.sweepCursor = 0;
      const slot = this.sweepCursor++;
      // The expiry column first: most slots are not due, and their connections stay untouched.
      if (this.columns.expiresUs[slot] > nowUs) continue;
      const c = this.slots[slot];
      if (c !== null) expire(c);
    }
  }
}
