import {
  checkpointConnectionLabel,
  connectionIdOfReadable,
  type CheckpointMemory,
} from '../../engine';
import { splitId } from '../firewall/connection-rows';
import { formatBytes, formatCountOf } from '../run/quantity-format';

/**
 * The checkpoint server memory's model (FIG. 5A): per area, its totals and a bounded list of
 * records — the selected connection's and its related connections' first (so they are always
 * on screen), then the others in the server's order up to a limit, and how many more there are.
 */

export interface RecordRow {
  /** Unique within an area: the connection id. */
  readonly key: number;
  /** The connection's readable id, as its base record names it (or "#7" without one). */
  readonly connection: string;
  /** "#7". */
  readonly number: string;
  /** "tcp 192.0.2.10:50047 → 198.51.100.20:21", '' when the server holds no base record. */
  readonly tuple: string;
  readonly version: string;
  readonly size: string;
  readonly selected: boolean;
  readonly related: boolean;
}

export interface AreaView {
  readonly name: string;
  readonly records: string;
  readonly bytes: string;
  readonly rows: readonly RecordRow[];
  /** Records of this area not listed. */
  readonly hidden: number;
}

/** The selection as the server's records know connections: by compact id. */
export interface RecordSelection {
  readonly selected: number | null;
  readonly related: ReadonlySet<number>;
}

export const RECORDS_LISTED = 6;
const NO_SELECTION: RecordSelection = { selected: null, related: new Set() };

/**
 * The selected connection (a readable id) and its related connections — its master and the
 * connections it is master of — as the base records on the server tell them.
 */
export function recordSelection(
  memory: CheckpointMemory,
  index: ReadonlyMap<number, number>,
  selected: string | null,
): RecordSelection {
  const id = selected === null ? null : connectionIdOfReadable(selected);
  if (id === null) return NO_SELECTION;
  const related = new Set<number>();
  const masters = memory.bases.masters;
  const own = index.get(id);
  if (own !== undefined && masters[own] >= 0) related.add(masters[own]);
  const ids = memory.areas[0]?.ids ?? [];
  for (let i = 0; i < masters.length; i++) if (masters[i] === id) related.add(ids[i]);
  return { selected: id, related };
}

export function areaViews(
  memory: CheckpointMemory,
  index: ReadonlyMap<number, number>,
  selection: RecordSelection,
  /** Records to list per area, by name (RECORDS_LISTED for an area not named). */
  limits: Readonly<Record<string, number>> = {},
): AreaView[] {
  return memory.areas.map((area) => {
    const limit = limits[area.name] ?? RECORDS_LISTED;
    const pinned: number[] = [];
    const others: number[] = [];
    for (let i = 0; i < area.count; i++) {
      const id = area.ids[i];
      if (id === selection.selected || selection.related.has(id)) pinned.push(i);
      else if (others.length < limit) others.push(i);
    }
    // The selected connection's record heads the list, then its related ones.
    pinned.sort(
      (a, b) =>
        Number(area.ids[b] === selection.selected) - Number(area.ids[a] === selection.selected),
    );
    const rows = [...pinned, ...others].map((i): RecordRow => {
      const id = area.ids[i];
      const connection = checkpointConnectionLabel(memory, id, index.get(id) ?? -1);
      const [tuple, number] = splitId(connection);
      return {
        key: id,
        connection,
        number: number || tuple,
        tuple: number ? tuple : '',
        version: area.versions[i] === 0 ? 'unreadable' : `v${area.versions[i]}`,
        size: formatBytes(area.sizes[i]),
        selected: id === selection.selected,
        related: selection.related.has(id),
      };
    });
    return {
      name: area.name,
      records: formatCountOf(area.count, 'record'),
      bytes: formatBytes(area.bytes),
      rows,
      hidden: area.count - rows.length,
    };
  });
}
