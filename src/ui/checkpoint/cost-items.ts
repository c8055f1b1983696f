import type { SimulationReport } from '../../engine';
import { formatBytes, formatCount, formatMs } from '../run/quantity-format';

/** What checkpointing has done and cost so far: writes, deletes, refusals, time, latency. */

export interface CostItem {
  readonly key: string;
  readonly label: string;
  readonly value: string;
  /** A second, smaller line: "47.0 kB", "516 packets". */
  readonly detail: string;
  readonly title: string;
  /** Worth drawing the eye to (refused or lost writes). */
  readonly alarm: boolean;
}

/** Writes, deletes, refusals and the time checkpointing cost, in the order a reader asks. */
export function costItems(
  r: Pick<SimulationReport, 'checkpointMode' | 'checkpoint' | 'failOpenExposure'>,
): CostItem[] {
  const c = r.checkpoint;
  const items: CostItem[] = [
    {
      key: 'writes',
      label: 'writes',
      value: formatCount(c.writes),
      detail: formatBytes(c.bytes),
      title: 'Records written to the checkpoint server, and their bytes',
      alarm: false,
    },
    {
      key: 'deletes',
      label: 'deletes',
      value: formatCount(c.deletes),
      detail: '',
      title: 'Records deleted because their connection ended',
      alarm: false,
    },
    {
      key: 'refused',
      label: 'refused',
      value: formatCount(c.refused),
      detail: '',
      title: 'Writes the server refused (memory full, stale version) or the queue could not take',
      alarm: c.refused > 0,
    },
  ];
  if (r.checkpointMode === 'async' || c.lostInQueue > 0) {
    items.push({
      key: 'lost-in-queue',
      label: 'lost in queue',
      value: formatCount(c.lostInQueue),
      detail: '',
      title: 'Queued writes and deletes lost with the firewall when it crashed',
      alarm: c.lostInQueue > 0,
    });
  }
  items.push(
    {
      key: 'time',
      label: 'time writing',
      value: formatMs(c.timeUs),
      detail: '',
      title: 'Simulated time the firewall spent writing checkpoints',
      alarm: false,
    },
    {
      key: 'latency',
      label: 'added latency',
      value: formatMs(c.addedLatencyUs),
      detail: `${formatCount(c.heldPackets)} ${c.heldPackets === 1 ? 'packet' : 'packets'} held`,
      title: 'Total time packets waited for checkpoint writes, and how many waited',
      alarm: false,
    },
  );
  if (r.failOpenExposure > 0) {
    items.push({
      key: 'exposure',
      label: 'unchecked',
      value: formatCount(r.failOpenExposure),
      detail: 'packets, fail-open',
      title: 'Packets let through without inspection while the firewall was down (fail-open)',
      alarm: true,
    });
  }
  return items;
}
