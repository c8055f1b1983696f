import { invariant, violated } from '../errors';
import { Connection, type LedgerHistory } from './connection';
import { ConnectionColumns, type LedgerRowsSource } from './connection-columns';
import type { ConnectionId } from './connection-id';
import { TupleTable } from './tuple-table';

/**
 * The firewall's connection table: live connections in slots, found by either direction's
 * tuple. Bounded (conntrack's nf_conntrack_max): the firewall refuses new connections when it
 * is full rather than growing without limit.
 *
 * The table keeps no object per connection: its columns hold every number, and a Connection
 * is a view of a slot made when one is asked for.
 */
export class ConnectionTable {
  /** One past the highest slot ever used. */
  private used = 0;
  private readonly free: number[] = [];
  private readonly tuples: TupleTable;
  /** Everything the table holds of each connection, by slot: base layer, handles, bookkeeping. */
  private readonly columns: ConnectionColumns;
  private sweepCursor = 0;
  count = 0;

  constructor(
    readonly maxConnections: number,
    /** The ledger keeping the connections' histories (tests may leave it out). */
    ledger: LedgerRowsSource | null = null,
  ) {
    this.tuples = new TupleTable(maxConnections);
    this.columns = new ConnectionColumns(maxConnections, ledger);
  }

  get full(): boolean {
    return this.count >= this.maxConnections;
  }

  /** slot · 2 + direction of the connection owning this tuple, or -1. */
  find(src: number, dst: number, sport: number, dport: number, proto: number): number {
    return this.tuples.get(src, dst, sport, dport, proto);
  }

  /** The connection in a slot (a view of it); the slot must hold one. */
  get(slot: number): Connection {
    if (!this.holds(slot)) violated(`no connection in slot ${slot}`);
    return new Connection(this.columns, slot, this.columns.generations[slot]);
  }

  /** The connection in a slot, or null. */
  at(slot: number): Connection | null {
    return this.holds(slot) ? this.get(slot) : null;
  }

  /** The slot holds a connection. */
  holds(slot: number): boolean {
    const ids = this.columns.ids;
    return slot >= 0 && slot < this.used && ids[slot] === ids[slot]; // NaN: free
  }

  /** The connection is this table's (it has not left it). */
  has(c: Connection): boolean {
    return c.columns === this.columns && c.inTable;
  }

  /** Room for `count` connections past the highest slot ever used, made in one step. */
  reserve(count: number): void {
    this.columns.reserve(this.used + count);
  }

  /**
   * Takes a connection in: it gets a slot, whose columns hold its base layer and say no
   * part, nothing written. Returns a view of it.
   */
  open(
    id: ConnectionId,
    proto: number,
    src: number,
    dst: number,
    sport: number,
    dport: number,
    createdUs: number,
    rule: number,
    masterId: ConnectionId,
    history: LedgerHistory,
  ): Connection {
    invariant(!this.full, 'connection table is full');
    const free = this.free.length;
    const slot = free > 0 ? this.free[free - 1] : this.used;
    const c = this.columns;
    c.open(slot, id, proto, src, dst, sport, dport, createdUs, rule, masterId, history);
    // Taken only once the row is written: a connection refused by its checks takes no slot.
    if (free > 0) this.free.pop();
    else this.used++;
    this.tuples.set(src >>> 0, dst >>> 0, sport, dport, proto, slot);
    this.count++;
    return this.get(slot);
  }

  remove(c: Connection): void {
    if (!this.has(c)) violated(`the connection viewed at slot ${c.slot} is not in the table`);
    this.tuples.delete(c.src, c.dst, c.sport, c.dport, c.proto);
    this.columns.close(c.slot);
    this.free.push(c.slot);
    this.count--;
  }

  /** One past the highest slot ever used: at(slot) below it finds every live connection. */
  get slotCount(): number {
    return this.used;
  }

  /** Live connections, in slot order. */
  *live(): IterableIterator<Connection> {
    for (let slot = 0; slot < this.used; slot++) if (this.holds(slot)) yield this.get(slot);
  }

  /**
   * Looks at up to `budget` slots after the last one looked at, handing expired connections
   * to `expire` (which must remove them). Like the kernel's conntrack GC worker: bounded
   * work per run, the whole table covered over successive runs.
   */
  sweep(nowUs: number, budget: number, expire: (c: Connection) => void): void {
    const n = this.used;
    for (let k = 0; k < Math.min(budget, n); k++) {
      if (this.sweepCursor >= n) this.sweepCursor = 0;
      const slot = this.sweepCursor++;
      // The expiry column first: most slots are not due, and their connections stay untouched.
      if (this.columns.expiresUs[slot] > nowUs) continue;
      if (this.holds(slot)) expire(this.get(slot));
    }
  }
}
