import type { SimulationReport } from '../../engine';
import { formatCount } from '../run/quantity-format';

/**
 * What the checkpoint server's memory space holds, per area (FIG. 5A: a base area and one per
 * module, each record tagged with its connection's unique id), as table rows with a total.
 */

type Report = Pick<SimulationReport, 'checkpoint'>;

/** Base first, then the layer-4 modules, then the layer-7 helpers. */
export const AREA_ORDER = ['base', 'tcp', 'udp', 'icmp', 'ftp', 'sip'] as const;

export interface AreaRow {
  readonly area: string;
  readonly records: string;
  readonly bytes: string;
  readonly empty: boolean;
}

/** One row per area (known ones in order, any other after them) and the total. */
export function areaRows(r: Report): { rows: AreaRow[]; total: AreaRow } {
  const byArea = r.checkpoint.byArea;
  const names = [
    ...AREA_ORDER,
    ...Object.keys(byArea).filter((n) => !(AREA_ORDER as readonly string[]).includes(n)),
  ];
  const row = (area: string, records: number, bytes: number): AreaRow => ({
    area,
    records: formatCount(records),
    bytes: formatCount(bytes),
    empty: records === 0,
  });
  return {
    rows: names.map((n) => row(n, byArea[n]?.records ?? 0, byArea[n]?.bytes ?? 0)),
    total: row('total', r.checkpoint.recordsLive, r.checkpoint.bytesLive),
  };
}
