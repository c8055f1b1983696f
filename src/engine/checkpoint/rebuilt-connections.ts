import { violated } from '../errors';
import type { PendingExpectations } from './part-restore';
import type { Connection } from '../firewall/connection';
import type { ConnectionTable } from '../firewall/connection-table';
import { MODULE_COUNT } from '../firewall/modules/module-ids';
import { IdIndex } from './id-index';

/**
 * What the ledger said of a rebuilt connection before the recovery revived its entry: it was
 * live, it had ended (when and why), or the ledger did not know it ('new').
 */
export type LedgerBefore =
  'live' | 'new' | { readonly endedAtUs: number; readonly endReason: string };

/** What the ledger said of a rebuilt connection before, as kept in a column. */
const LIVE = 0;
const NEW = 1;
const ENDED = 2;

/**
 * The connections a recovery has rebuilt from base records, while their module parts are
 * attached: found by the identifier a module record names, each with the parts its base
 * record said to expect and whether a part of it failed to decode. Kept by slot in typed
 * arrays (the rebuilt connections are already in the new table): a million rebuilt
 * connections then cost the garbage collector no waiting object and no map entry (a Map of a
 * million ids was a tenth of a 1 M reassembly).
 *
 * The checkpoint server lists every area in the order of its connections' first records (in
 * any area), which is the order of their ids, so the connections are mostly rebuilt in
 * increasing id order and a module's records name them in that same order. A lookup first tries the
 * connection after the one found last; while the ids rebuilt are increasing, one found
 * elsewhere is found by binary search and a repeated id is impossible to miss (it would not
 * be larger than the last). Only once the order breaks (masters first, or a record the server
 * filed out of order) is an IdIndex of the ids built, and kept from then on. At a million connections the
 * hash lookups had been the slowest part of rebuilding (each a cache miss into the index).
 */
export class RebuiltConnections {
  /** Built when the ids stop increasing: id → position in rebuild order. */
  private positionById: IdIndex | null = null;
  /** Ids and slots in the order they were rebuilt (masters first). */
  private readonly ids: Float64Array;
  private readonly slots: Int32Array;
  private count = 0;
  /** Where the next lookup looks first: after the last connection found. */
  private cursor = 0;
  private readonly expected: Uint8Array;
  private readonly broken: Uint8Array;
  /** What the ledger said before, by slot: LIVE, NEW or ENDED. */
  private readonly beforeKind: Uint8Array;
  /**
   * When and why the ENDED ones had ended, by slot. A map only for those: a connection the
   * ledger no longer holds (it keeps a bounded number) is 'new', and a map entry for each of a
   * million of them was a tenth of rebuilding the bases.
   */
  private readonly endedBefore = new Map<number, LedgerBefore>();
  /** The helpers' expectations their records held, until the connection is adopted. */
  readonly pendingExpectations: PendingExpectations = new Map();

  /** `capacity`: the base records read, an upper bound on the connections rebuilt from them. */
  constructor(
    private readonly table: ConnectionTable,
    readonly capacity: number,
  ) {
    this.ids = new Float64Array(capacity);
    this.slots = new Int32Array(capacity);
    this.expected = new Uint8Array(table.maxConnections);
    this.broken = new Uint8Array(table.maxConnections);
    this.beforeKind = new Uint8Array(table.maxConnections);
  }

  /** A connection rebuilt and in the table; `partsMask` has bit m when module m holds a part. */
  add(conn: Connection, partsMask: number, broken: boolean, before: LedgerBefore): void {
    if (!this.table.has(conn))
      violated(`the rebuilt connection viewed at slot ${conn.slot} holds no slot`);
    if (!(this.count < this.capacity)) violated(`more than ${this.capacity} rebuilt connections`);
    if (this.has(conn.id)) violated(`connection ${conn.id} rebuilt twice`);
    const at = this.count++;
    this.ids[at] = conn.id;
    this.slots[at] = conn.slot;
    if (this.positionById !== null) this.positionById.set(conn.id, at);
    else if (at > 0 && !(conn.id > this.ids[at - 1])) this.positionById = this.indexOfIds();
    this.beforeKind[conn.slot] = before === 'live' ? LIVE : before === 'new' ? NEW : ENDED;
    if (before !== 'live' && before !== 'new') this.endedBefore.set(conn.slot, before);
    this.expected[conn.slot] = partsMask;
    this.broken[conn.slot] = broken ? 1 : 0;
  }

  has(id: number): boolean {
    return this.positionOf(id) >= 0;
  }

  /** The rebuilt connection with this identifier, or null. */
  byId(id: number): Connection | null {
    let at = this.cursor;
    if (!(at < this.count && this.ids[at] === id)) {
      at = this.positionOf(id);
      if (at < 0) return null;
    }
    this.cursor = at + 1;
    return this.table.get(this.slots[at]);
  }

  /** Position in rebuild order of the connection with this id, or -1. */
  private positionOf(id: number): number {
    if (this.positionById !== null) return this.positionById.get(id);
    // The ids are increasing: binary search, and nothing past the last one.
    let low = 0;
    let high = this.count - 1;
    if (high < 0 || id > this.ids[high]) return -1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const found = this.ids[mid];
      if (found === id) return mid;
      if (found < id) low = mid + 1;
      else high = mid - 1;
    }
    return -1;
  }

  /** An index of every id rebuilt so far. */
  private indexOfIds(): IdIndex {
    const index = new IdIndex(this.capacity);
    for (let i = 0; i < this.count; i++) index.set(this.ids[i], i);
    return index;
  }

  /** A part of it failed to decode: it will not be taken into service. */
  markBroken(conn: Connection): void {
    this.broken[conn.slot] = 1;
  }

  /** Connections rebuilt so far. */
  get size(): number {
    return this.count;
  }

  /**
   * Calls `visit` with the rebuilt connection at `position` in rebuild order (0 to size - 1),
   * whether it is whole, and what the ledger said of it before. `visit` may take the
   * connection out of the table.
   */
  visit(
    position: number,
    visit: (conn: Connection, whole: boolean, before: LedgerBefore) => void,
  ): void {
    if (!(position >= 0 && position < this.count)) violated(`no rebuilt connection ${position}`);
    const slot = this.slots[position];
    const conn = this.table.get(slot);
    const whole = this.broken[slot] === 0 && this.hasExpectedParts(conn);
    visit(conn, whole, this.before(slot));
  }

  private before(slot: number): LedgerBefore {
    const kind = this.beforeKind[slot];
    if (kind === LIVE) return 'live';
    if (kind === NEW) return 'new';
    const ended = this.endedBefore.get(slot);
    if (ended === undefined) violated(`no end kept for the rebuilt connection in slot ${slot}`);
    return ended;
  }

  /** Every module its base layer lists holds its part. */
  private hasExpectedParts(conn: Connection): boolean {
    const mask = this.expected[conn.slot];
    for (let m = 0; m < MODULE_COUNT; m++) {
      if ((mask & (1 << m)) !== 0 && conn.part(m) < 0) return false;
    }
    return true;
  }
}
