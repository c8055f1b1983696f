import { partialSort } from '../util/partial-sort';
import type { Connection } from './connection';
import type { ConnectionId } from './connection-id';
import type { Firewall } from './firewall';
import type { FirewallState } from './firewall-report';
import { MEMORY_MODULES, partCode, pendingBySlot, stateName } from './memory-view';
import { MODULE_COUNT } from './modules/module-ids';

/**
 * The firewall application's memory space as a person looks at it (FIG. 4B, and FIG. 5B after
 * a restart): its live connections — base layer and, per module, the part's key state —
 * filtered, sorted, and read a page at a time.
 *
 * Bounded: the table may hold 100k connections and a screen shows twenty, ten times a second.
 * A look makes one pass over the table (numeric keys, no string per connection unless a
 * filter asks for text) and orders only the page asked for (partialSort); strings are made
 * for the rows returned and nothing else. Reading changes nothing in the firewall.
 */

export const MEMORY_SORT_KEYS = [
  'number',
  'tuple',
  'admitted',
  'age',
  ...(MEMORY_MODULES as readonly ('tcp' | 'udp' | 'icmp' | 'ftp' | 'sip')[]),
  'state',
  'helper',
  'master',
] as const;
export type MemorySortKey = (typeof MEMORY_SORT_KEYS)[number];

export interface FirewallMemoryRequest {
  /** Text a listed connection's id, state, admitting rule or helper contains, any case; '' for all. */
  readonly filter: string;
  readonly sort: MemorySortKey;
  /** The sort key's order; ties always go by connection number, up. */
  readonly descending: boolean;
  /** First position wanted in the filtered, sorted order, and how many from there. */
  readonly start: number;
  readonly limit: number;
  /** The selected connection's compact id (its row and its related rows are marked), or null. */
  readonly selected: ConnectionId | null;
}

/** Rows a page holds at most, whatever the request asks. */
export const MAX_PAGE_ROWS = 500;

export interface FirewallMemoryRow {
  /** Readable connection id ("tcp 192.0.2.10:50047 → 198.51.100.20:21 #1"). */
  readonly id: string;
  /** Compact connection id (epoch · 2³² + serial): the base layer's unique identifier. */
  readonly number: ConnectionId;
  readonly createdUs: number;
  /** "rule 4", "policy", "expectation (ftp)", "recovery". */
  readonly admittedBy: string;
  /** The layer-4 state by the kernel's name; '' for none. */
  readonly state: string;
  /** Name of the `ct helper` object assigned, '' for none. */
  readonly helper: string;
  /** Readable id of the master connection (FTP control, SIP call), '' for none. */
  readonly master: string;
  /** Rebuilt from the checkpoint server (FIG. 5B). */
  readonly rebuilt: boolean;
  /** The selected connection's master, or a connection whose master is the selected one. */
  readonly related: boolean;
  /** Per module (ModuleId order): the part's code (see describePart), -1 when it has none. */
  readonly parts: readonly number[];
}

export interface FirewallMemoryPage {
  readonly state: FirewallState;
  /** Live connections in the table. */
  readonly count: number;
  /** Of them, those the filter lets through. */
  readonly matched: number;
  /** Position of rows[0] in the order (the request's start, within 0 … matched). */
  readonly start: number;
  readonly rows: readonly FirewallMemoryRow[];
  /** Position of the selected connection in the order; -1 when it is not there. */
  readonly selectedPosition: number;
}

export function queryFirewallMemory(
  fw: Firewall | null,
  state: FirewallState,
  request: FirewallMemoryRequest,
): FirewallMemoryPage {
  const empty = { state, count: 0, matched: 0, start: 0, rows: [], selectedPosition: -1 };
  const table = fw?.conntrack.table;
  if (fw === null || table === undefined || table.count === 0) return empty;
  const look = new Look(fw, state, request);
  const m = look.matched;
  const order = new Uint32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  const compare = look.comparator();
  const start = Math.min(Math.max(Math.floor(request.start), 0), m);
  const end = Math.min(start + Math.min(Math.max(Math.floor(request.limit), 0), MAX_PAGE_ROWS), m);
  partialSort(order, start, end, compare);
  const rows: FirewallMemoryRow[] = [];
  for (let p = start; p < end; p++) rows.push(look.row(order[p]));
  return { state, count: table.count, matched: m, start, rows, selectedPosition: look.position() };
}

/**
 * One look at the firewall's memory. A single pass over the table reads each connection once
 * (with 100k of them, every pass costs milliseconds: each connection read is a view made for
 * it, a filter's text test two more of its ledger entry) and keeps what ordering needs in
 * typed arrays: the matching slots, their numbers and their sort keys.
 */
class Look {
  /** Connections the filter let through, 0 … matched, as slots; then their numbers and keys. */
  matched = 0;
  private readonly slots: Uint32Array;
  private readonly numbers: Float64Array;
  private readonly first: Float64Array;
  /** Only for the tuple, which takes three numbers (empty otherwise). */
  private readonly second: Float64Array;
  private readonly third: Float64Array;
  /** Text keys (state, rule, helper) while scanning: an id per distinct text, made a rank after. */
  private readonly texts = new Map<string, number>();
  private readonly lowered = new Map<string, string>();
  private readonly pending: Map<number, number>;
  private selected: Connection | null = null;
  private selectedIndex = -1;
  /** The module whose part codes are the sort key, or -1. */
  private readonly sortModule: number;

  constructor(
    private readonly fw: Firewall,
    private readonly state: FirewallState,
    private readonly request: FirewallMemoryRequest,
  ) {
    const n = fw.conntrack.table.count;
    this.slots = new Uint32Array(n);
    this.numbers = new Float64Array(n);
    this.first = new Float64Array(request.sort === 'number' ? 0 : n);
    this.second = new Float64Array(request.sort === 'tuple' ? n : 0);
    this.third = new Float64Array(request.sort === 'tuple' ? n : 0);
    this.pending = pendingBySlot(fw);
    this.sortModule = MEMORY_MODULES.indexOf(request.sort);
    this.scan(request.filter.trim().toLowerCase());
  }

  /**
   * Orders indices below `matched` by the sort key, then by connection number (always up):
   * a strict total order, since connection numbers are unique.
   */
  comparator(): (a: number, b: number) => number {
    const { numbers, first, second, third } = this;
    const sign = this.request.descending ? -1 : 1;
    if (this.request.sort === 'number') return (a, b) => (numbers[a] - numbers[b]) * sign;
    if (this.request.sort === 'tuple')
      return (a, b) =>
        (first[a] - first[b] || second[a] - second[b] || third[a] - third[b]) * sign ||
        numbers[a] - numbers[b];
    return (a, b) => (first[a] - first[b]) * sign || numbers[a] - numbers[b];
  }

  /** How many matching connections the order puts before the selected one, or -1. */
  position(): number {
    const at = this.selectedIndex;
    if (at < 0) return -1;
    const compare = this.comparator();
    let before = 0;
    for (let i = 0; i < this.matched; i++) if (compare(i, at) < 0) before++;
    return before;
  }

  row(index: number): FirewallMemoryRow {
    const c = this.fw.conntrack.table.get(this.slots[index]);
    const h = c.history;
    const selected = this.request.selected;
    const parts: number[] = [];
    for (let m = 0; m < MODULE_COUNT; m++) parts.push(this.partCode(c, m));
    return {
      id: h.id,
      number: c.id,
      createdUs: c.createdUs,
      admittedBy: h.admittedBy,
      state: stateName(this.fw.conntrack.modules, c),
      helper: this.helperName(c),
      master: h.related ?? '',
      // While recovering every connection of the new instance is a rebuilt one; afterwards
      // the ledger counts the recoveries it came back from.
      rebuilt: this.state === 'recovering' || h.recoveries > 0,
      related:
        selected !== null &&
        c.id !== selected &&
        (c.masterId === selected || c.id === this.selected?.masterId),
      parts,
    };
  }

  /** The pass: the connections whose text contains `q` (lower case), in slot order. */
  private scan(q: string): void {
    const table = this.fw.conntrack.table;
    for (let slot = 0; slot < table.slotCount; slot++) {
      const c = table.at(slot);
      if (c === null) continue;
      const isSelected = c.id === this.request.selected;
      if (isSelected) this.selected = c; // matching or not: its related rows are marked
      if (q !== '' && !this.contains(c, q)) continue;
      const k = this.matched++;
      if (isSelected) this.selectedIndex = k;
      this.slots[k] = slot;
      this.numbers[k] = c.id;
      this.keyInto(k, c);
    }
    if (this.texts.size > 0) this.rankTexts();
  }

  private keyInto(k: number, c: Connection): void {
    const key = this.request.sort;
    if (key === 'number') return; // the numbers are the key
    if (this.sortModule >= 0) this.first[k] = this.partCode(c, this.sortModule);
    else if (key === 'tuple') {
      // proto · 2³² + src, then sport · 2³² + dst, then dport: exact in doubles, and the
      // numeric order of addresses (192.0.2.9 before 192.0.2.10), as Wireshark sorts them.
      this.first[k] = c.proto * 2 ** 32 + c.src;
      this.second[k] = c.sport * 2 ** 32 + c.dst;
      this.third[k] = c.dport;
    } else if (key === 'age') this.first[k] = -c.createdUs;
    else if (key === 'master')
      this.first[k] = c.masterId; // -1, none, first
    else if (key === 'admitted') this.first[k] = this.textId(c.history.admittedBy);
    else if (key === 'state') this.first[k] = this.textId(stateName(this.fw.conntrack.modules, c));
    else if (key === 'helper') this.first[k] = this.textId(this.helperName(c));
  }

  private textId(text: string): number {
    let id = this.texts.get(text);
    if (id === undefined) this.texts.set(text, (id = this.texts.size));
    return id;
  }

  /** Text ids (first seen, first numbered) become ranks in the texts' order. */
  private rankTexts(): void {
    const rankOfId = new Float64Array(this.texts.size);
    [...this.texts.keys()].sort().forEach((text, rank) => {
      rankOfId[this.texts.get(text) ?? 0] = rank;
    });
    for (let k = 0; k < this.matched; k++) this.first[k] = rankOfId[this.first[k]];
  }

  private contains(c: Connection, q: string): boolean {
    return (
      c.history.id.includes(q) ||
      this.lower(stateName(this.fw.conntrack.modules, c)).includes(q) ||
      this.lower(c.history.admittedBy).includes(q) ||
      this.lower(this.helperName(c)).includes(q)
    );
  }

  /** Few distinct states, rules and helpers: each lower-cased once a look. */
  private lower(text: string): string {
    let low = this.lowered.get(text);
    if (low === undefined) this.lowered.set(text, (low = text.toLowerCase()));
    return low;
  }

  private helperName(c: Connection): string {
    return c.helper >= 0 ? (this.fw.ruleset.helpers[c.helper]?.name ?? '') : '';
  }

  private partCode(c: Connection, module: number): number {
    return partCode(this.fw.conntrack.modules, c, module, this.pending);
  }
}
