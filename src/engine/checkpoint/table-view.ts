import type { Connection } from '../firewall/connection';
import type { Expectation } from '../firewall/expectations';
import type { Firewall } from '../firewall/firewall';
import { ModuleId } from '../firewall/modules/module-ids';
import { TcpWindowFlag } from '../firewall/modules/tcp/tcp-part';
import { IdIndex } from './id-index';

/** TCP window flags that are not part of the checkpointed state (see README). */
const UNCHECKPOINTED_FLAGS = TcpWindowFlag.DATA_UNACKNOWLEDGED | TcpWindowFlag.BE_LIBERAL;

// Where each part's numbers sit in a connection's row: a mask of the parts present, the base
// layer (its helper as an index into the view's helper names), then each module's fields.
const PRESENT = 0;
const BASE = 1;
const HELPER = BASE + 7;
const TCP = BASE + 10;
const UDP = TCP + 6;
const ICMP = UDP + 2;
const FTP = ICMP + 1;
const SIP = FTP + 1;
/** Numbers per connection. */
const FIELDS = SIP + 2;

/**
 * The checkpointed view of a firewall's table: for each connection, its base layer and every
 * module part as far as they are checkpointed — what recovery promises to rebuild exactly.
 * Left out: timeouts (recovery restarts them), TCP window positions and the annotations of
 * the last packet (recovered connections are tracked liberally until they are re-learnt; a
 * window edge is written when it has moved more than tcpWindowBytes), and an FTP helper's
 * position in the control stream (it resynchronises at the next line). Taken by the
 * supervisor just before a crash, kept aside, and used only to verify the recovery —
 * recovery itself never sees it.
 *
 * A row of numbers per connection in one typed array, found by id through an IdIndex; only
 * a helper's pending expectations (a list of any length, and rare) are kept as text. As a
 * JSON text per connection in a Map, the view of a table of 100,000 connections took 0.3 s,
 * in the frame of the page that crashed it, and the check after recovery took another.
 */
export class TableView {
  readonly size: number;
  private readonly rowOfId: IdIndex;
  private readonly ids: Float64Array;
  private readonly rows: Float64Array;
  /** Pending expectations by row, for the connections that have any. */
  private readonly pending = new Map<number, string>();
  /**
   * The names a row's helper index stands for. Names, not the firewall: a view outlives the
   * crashed instance it was taken of, and must not keep it from being collected.
   */
  private readonly helperNames: readonly string[];

  /** The view of `connections` of `fw` (`rowsOnly`: room for that many rows, none filled). */
  constructor(connections: readonly Connection[], fw: Firewall | null, rowsOnly = 0) {
    this.size = connections.length;
    this.helperNames = fw === null ? [] : fw.ruleset.helpers.map((h) => h.name);
    this.rowOfId = new IdIndex(this.size);
    this.ids = new Float64Array(this.size);
    this.rows = new Float64Array(Math.max(this.size, rowsOnly) * FIELDS);
    if (fw === null || this.size === 0) return;
    const pendingByMaster = pendingOfMasters(fw);
    for (let row = 0; row < this.size; row++) {
      const c = connections[row];
      this.ids[row] = c.id;
      this.rowOfId.set(c.id, row);
      this.fill(row, c, fw, pendingByMaster);
    }
  }

  /**
   * This view, taken before a crash, against the table of `fw` as it is now: the connections
   * of the view missing from the table, and those in both but viewed differently or in the
   * table only. The table is read where it lies, into one row at a time: a second view of
   * it, with an index of its ids, was half the check's time.
   */
  against(fw: Firewall): { lost: number[]; mismatched: number[] } {
    const probe = new TableView([], fw, 1);
    const pendingByMaster = pendingOfMasters(fw);
    const found = new Uint8Array(this.size); // 1: in the table, 2: and different
    const onlyInTable: number[] = [];
    for (const c of fw.conntrack.table.live()) {
      const mine = this.rowOfId.get(c.id);
      if (mine < 0) {
        onlyInTable.push(c.id);
        continue;
      }
      probe.fill(0, c, fw, pendingByMaster);
      found[mine] = this.sameRow(mine, probe, 0) ? 1 : 2;
    }
    const lost: number[] = [];
    const mismatched: number[] = [];
    for (let row = 0; row < this.size; row++) {
      if (found[row] === 0) lost.push(this.ids[row]);
      else if (found[row] === 2) mismatched.push(this.ids[row]);
    }
    return { lost, mismatched: [...mismatched, ...onlyInTable] };
  }

  /** Whether row `mine` here and row `row` of `other` view a connection the same way. */
  private sameRow(mine: number, other: TableView, row: number): boolean {
    const a = this.rows;
    const b = other.rows;
    for (let k = 0; k < FIELDS; k++) {
      const x = a[mine * FIELDS + k];
      const y = b[row * FIELDS + k];
      if (k === HELPER) {
        if (this.helperName(x) !== other.helperName(y)) return false;
      } else if (x !== y && !(x !== x && y !== y)) return false; // NaN equals NaN here
    }
    return this.pending.get(mine) === other.pending.get(row);
  }

  private fill(
    row: number,
    c: Connection,
    fw: Firewall,
    pendingByMaster: ReadonlyMap<number, Expectation[]>,
  ): void {
    this.rows.fill(0, row * FIELDS, (row + 1) * FIELDS); // a part absent now leaves no trace
    this.write(row * FIELDS, c, fw);
    this.pending.delete(row);
    const ofSlot = pendingByMaster.get(c.slot);
    if (ofSlot === undefined) return;
    const pending = ofSlot.filter((e) => e.masterId === c.id);
    if (pending.length > 0) this.pending.set(row, pendingText(pending));
  }

  private helperName(index: number): string {
    return index < 0 ? '' : this.helperNames[index];
  }

  private write(at: number, c: Connection, fw: Firewall): void {
    const r = this.rows;
    const m = fw.conntrack.modules;
    let present = 0;
    r[at + BASE] = c.proto;
    r[at + BASE + 1] = c.src;
    r[at + BASE + 2] = c.dst;
    r[at + BASE + 3] = c.sport;
    r[at + BASE + 4] = c.dport;
    r[at + BASE + 5] = c.createdUs;
    r[at + BASE + 6] = c.rule;
    r[at + HELPER] = c.helper;
    r[at + BASE + 8] = c.masterId;
    r[at + BASE + 9] = c.seenReply ? 1 : 0;
    if (c.part(ModuleId.tcp) >= 0) {
      present |= 1 << ModuleId.tcp;
      const t = m.tcpParts;
      const handle = c.part(ModuleId.tcp);
      r[at + TCP] = t.stateOf(handle);
      r[at + TCP + 1] = t.statusOf(handle);
      for (let d = 0; d < 2; d++) {
        r[at + TCP + 2 + 2 * d] = t.tdScaleOf(handle, d);
        r[at + TCP + 3 + 2 * d] = t.flagsOf(handle, d) & ~UNCHECKPOINTED_FLAGS;
      }
    }
    if (c.part(ModuleId.udp) >= 0) {
      present |= 1 << ModuleId.udp;
      const u = m.udpParts.get(c.part(ModuleId.udp));
      r[at + UDP] = u.state;
      r[at + UDP + 1] = u.streamFromUs;
    }
    if (c.part(ModuleId.icmp) >= 0) {
      present |= 1 << ModuleId.icmp;
      r[at + ICMP] = m.icmpParts.get(c.part(ModuleId.icmp)).state;
    }
    if (c.part(ModuleId.ftp) >= 0) {
      present |= 1 << ModuleId.ftp;
      r[at + FTP] = m.ftpParts.announcedOf(c.part(ModuleId.ftp));
    }
    if (c.part(ModuleId.sip) >= 0) {
      present |= 1 << ModuleId.sip;
      const s = m.sipParts.get(c.part(ModuleId.sip));
      r[at + SIP] = s.state;
      r[at + SIP + 1] = s.announced;
    }
    r[at + PRESENT] = present;
  }
}

/** The view of a firewall's table as it is now. */
export function tableView(fw: Firewall): TableView {
  return new TableView([...fw.conntrack.table.live()], fw);
}

/** The view of an empty table (before any flush, say). */
export function emptyView(): TableView {
  return new TableView([], null);
}

/** Each master's pending expectations, by its slot: one pass over them all, not one per connection. */
function pendingOfMasters(fw: Firewall): Map<number, Expectation[]> {
  const bySlot = new Map<number, Expectation[]>();
  for (const e of fw.conntrack.expectations.entries()) {
    const list = bySlot.get(e.masterSlot);
    if (list === undefined) bySlot.set(e.masterSlot, [e]);
    else list.push(e);
  }
  return bySlot;
}

function pendingText(list: readonly Expectation[]): string {
  return JSON.stringify(list.map((e) => [e.proto, e.src, e.dst, e.dport, e.expiresUs]));
}
