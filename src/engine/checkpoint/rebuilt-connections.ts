import { violated } from '../errors';
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

/**
 * The connections a recovery has rebuilt from base records, while their module parts are
 * attached: found by the identifier a module record names, each with the parts its base
 * record said to expect and whether a part of it failed to decode. Kept by slot in typed
 * arrays (the rebuilt connections are already in the new table), found by id through an
 * IdIndex: a million rebuilt connections then cost the garbage collector no waiting object and
 * no map entry (a Map of a million ids was a tenth of a 1 M reassembly).
 */
export class RebuiltConnections {
  private readonly slotById = new IdIndex();
  /** Slots in the order they were rebuilt (masters first). */
  private readonly order: number[] = [];
  private readonly expected: Uint8Array;
  private readonly broken: Uint8Array;
  /** The ledger's word before, for the few that were not live (a map, not a column). */
  private readonly notLiveBefore = new Map<number, LedgerBefore>();

  constructor(private readonly table: ConnectionTable) {
    this.expected = new Uint8Array(table.maxConnections);
    this.broken = new Uint8Array(table.maxConnections);
  }

  /** A connection rebuilt and in the table; `partsMask` has bit m when module m holds a part. */
  add(conn: Connection, partsMask: number, broken: boolean, before: LedgerBefore): void {
    if (!(this.table.at(conn.slot) === conn))
      violated(`rebuilt connection ${conn.id} holds no slot`);
    if (this.slotById.has(conn.id)) violated(`connection ${conn.id} rebuilt twice`);
    if (before !== 'live') this.notLiveBefore.set(conn.slot, before);
    this.slotById.set(conn.id, conn.slot);
    this.order.push(conn.slot);
    this.expected[conn.slot] = partsMask;
    this.broken[conn.slot] = broken ? 1 : 0;
  }

  /** The rebuilt connection with this identifier, or null. */
  byId(id: number): Connection | null {
    const slot = this.slotById.get(id);
    return slot < 0 ? null : this.table.get(slot);
  }

  /** A part of it failed to decode: it will not be taken into service. */
  markBroken(conn: Connection): void {
    this.broken[conn.slot] = 1;
  }

  /**
   * Calls `visit` with each rebuilt connection in rebuild order, whether it is whole, and what
   * the ledger said of it before. `visit` may take the connection out of the table.
   */
  forEach(visit: (conn: Connection, whole: boolean, before: LedgerBefore) => void): void {
    for (let i = 0; i < this.order.length; i++) {
      const slot = this.order[i];
      const conn = this.table.get(slot);
      const whole = this.broken[slot] === 0 && this.hasExpectedParts(conn);
      visit(conn, whole, this.notLiveBefore.get(slot) ?? 'live');
    }
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
