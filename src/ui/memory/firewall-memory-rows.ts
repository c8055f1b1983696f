import { describePart, MEMORY_MODULES, type FirewallMemory, type PartText } from '../../engine';
import { NONE, splitId } from '../firewall/connection-rows';
import { formatAt } from '../run/quantity-format';

/**
 * The firewall memory table's model. The engine's view is column-wise; this orders it (filter,
 * sort: a permutation of row indices, no row objects) and formats only the rows on screen.
 */

export const SORT_KEYS = [
  'number',
  'tuple',
  'admitted',
  'age',
  ...MEMORY_MODULES,
  'state',
  'helper',
  'master',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface SortOrder {
  readonly key: SortKey;
  readonly descending: boolean;
}

export const DEFAULT_SORT: SortOrder = { key: 'number', descending: false };

/** A header click: the same column again turns the order round; another column sorts up. */
export function nextSort(current: SortOrder, key: SortKey): SortOrder {
  return current.key === key
    ? { key, descending: !current.descending }
    : { key, descending: false };
}

export function ariaSort(order: SortOrder, key: SortKey): 'ascending' | 'descending' | 'none' {
  if (order.key !== key) return 'none';
  return order.descending ? 'descending' : 'ascending';
}

/** Indices of the matching rows in display order (ties by connection number, always up). */
export function orderRows(memory: FirewallMemory, query: string, order: SortOrder): Uint32Array {
  const rows = matching(memory, query.trim().toLowerCase());
  const key = sortKey(memory, order.key);
  const numbers = memory.numbers;
  const sign = order.descending ? -1 : 1;
  return rows.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -sign : ka > kb ? sign : numbers[a] - numbers[b];
  });
}

function matching(memory: FirewallMemory, q: string): Uint32Array {
  const n = memory.count;
  const all = new Uint32Array(n);
  if (q === '') {
    for (let i = 0; i < n; i++) all[i] = i;
    return all;
  }
  // Few distinct states, helpers and admitting rules: lower-case each once.
  const lower = new Map<string, string>();
  const low = (s: string): string => {
    let l = lower.get(s);
    if (l === undefined) lower.set(s, (l = s.toLowerCase()));
    return l;
  };
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (
      memory.ids[i].includes(q) ||
      low(memory.states[i]).includes(q) ||
      low(memory.admittedBy[i]).includes(q) ||
      low(memory.helpers[i]).includes(q)
    )
      all[count++] = i;
  }
  return all.slice(0, count);
}

function sortKey(memory: FirewallMemory, key: SortKey): (i: number) => number | string {
  const module = MEMORY_MODULES.indexOf(key);
  if (module >= 0) return (i) => memory.parts[module][i];
  switch (key) {
    case 'number':
      return (i) => memory.numbers[i];
    case 'tuple':
      return (i) => memory.ids[i];
    case 'admitted':
      return (i) => memory.admittedBy[i];
    case 'age':
      return (i) => -memory.createdUs[i];
    case 'state':
      return (i) => memory.states[i];
    case 'helper':
      return (i) => memory.helpers[i];
    default:
      return (i) => memory.masters[i];
  }
}

/** One row as the table shows it. */
export interface FirewallMemoryRow {
  /** The readable id: the row's key and what selecting it selects. */
  readonly id: string;
  /** "#3". */
  readonly number: string;
  /** The 5-tuple on two lines: "tcp 192.0.2.10:50048" and "→ 198.51.100.20:33981". */
  readonly from: string;
  readonly to: string;
  readonly admittedBy: string;
  readonly age: string;
  readonly created: string;
  /** One per module, MEMORY_MODULES order. */
  readonly parts: readonly PartText[];
  readonly state: string;
  readonly helper: string;
  /** "#1", or "—". */
  readonly master: string;
  readonly masterId: string | null;
  /** Rebuilt from the checkpoint server after a crash (FIG. 5B). */
  readonly rebuilt: boolean;
}

export function memoryRow(memory: FirewallMemory, i: number, nowUs: number): FirewallMemoryRow {
  const [tuple, number] = splitId(memory.ids[i]);
  const arrow = tuple.indexOf(' → ');
  const master = memory.masters[i];
  return {
    id: memory.ids[i],
    number,
    from: arrow < 0 ? tuple : tuple.slice(0, arrow),
    to: arrow < 0 ? '' : tuple.slice(arrow + 1),
    admittedBy: memory.admittedBy[i],
    age: formatAt(Math.max(nowUs - memory.createdUs[i], 0)),
    created: formatAt(memory.createdUs[i]),
    parts: memory.parts.map((codes, m) => describePart(m, codes[i])),
    state: memory.states[i] ?? NONE,
    helper: memory.helpers[i] || NONE,
    master: master === '' ? NONE : splitId(master)[1] || master,
    masterId: master === '' ? null : master,
    rebuilt: memory.rebuilt[i] === 1,
  };
}

/**
 * The connections related to the selected one: its master, and the connections its helper
 * announced (those whose master it is). Empty when nothing is selected.
 */
export function relatedConnections(memory: FirewallMemory, selected: string | null): Set<string> {
  const related = new Set<string>();
  if (selected === null) return related;
  for (let i = 0; i < memory.count; i++) {
    if (memory.ids[i] === selected && memory.masters[i] !== '') related.add(memory.masters[i]);
    else if (memory.masters[i] === selected) related.add(memory.ids[i]);
  }
  return related;
}

/** Where a connection is in display order, or -1. */
export function positionOf(memory: FirewallMemory, order: Uint32Array, id: string): number {
  for (let p = 0; p < order.length; p++) if (memory.ids[order[p]] === id) return p;
  return -1;
}

/** What replaces or heads the rows: why there are none, or how far recovery is. */
export function firewallMemoryStatus(
  memory: Pick<FirewallMemory, 'state' | 'count'>,
  connectionsBeforeCrash: number | null,
): string | null {
  if (memory.state === 'down')
    return 'Crashed — its memory is gone. The connections survive only as records on the checkpoint server.';
  if (memory.state === 'recovering')
    return `Recovering: ${memory.count} of ${connectionsBeforeCrash ?? memory.count} connections reassembled from the checkpoint server.`;
  return memory.count === 0 ? 'No connection is being tracked.' : null;
}
