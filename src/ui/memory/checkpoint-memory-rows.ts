import type { CheckpointMemory } from '../../engine';
import { splitId } from '../firewall/connection-rows';
import { formatBytes, formatCountOf } from '../run/quantity-format';

/**
 * The checkpoint server memory's rows (FIG. 5A): per area, its totals and the records the
 * engine listed — the selected connection's and its related connections' first (so they are
 * always on screen), then others in the server's order — and how many more there are.
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

export function areaViews(memory: CheckpointMemory): AreaView[] {
  return memory.areas.map((area) => ({
    name: area.name,
    records: formatCountOf(area.count, 'record'),
    bytes: formatBytes(area.bytes),
    rows: area.listed.map((r): RecordRow => {
      const [tuple, number] = splitId(r.connection);
      return {
        key: r.id,
        connection: r.connection,
        number: number || tuple,
        tuple: number ? tuple : '',
        version: r.version === 0 ? 'unreadable' : `v${r.version}`,
        size: formatBytes(r.size),
        selected: r.selected,
        related: r.related,
      };
    }),
    hidden: area.count - area.listed.length,
  }));
}
