import type { ReplaySection, Scenario } from '../../engine';

/** A labelled count of the replay panel. */
export interface ReplayCount {
  readonly label: string;
  readonly value: number;
  /** Counts by reason, only the ones that happened. */
  readonly reasons: ReadonlyArray<readonly [string, number]>;
}

const happened = (record: Record<string, number>) =>
  Object.entries(record).filter(([, n]) => n > 0);

/** What the replay panel lists: frames read and each packet's fate so far. */
export function replayCounts(r: ReplaySection): ReplayCount[] {
  const skipped = [...happened(r.capture.skipped), ...happened(r.skipped)];
  return [
    { label: 'frames read', value: r.capture.frames, reasons: [] },
    { label: 'replayed', value: r.replayed, reasons: [] },
    { label: 'accepted', value: r.accepted, reasons: [] },
    { label: 'dropped', value: r.dropped, reasons: happened(r.dropReasons) },
    { label: 'not replayed', value: skipped.reduce((n, [, k]) => n + k, 0), reasons: skipped },
  ];
}

/** The router the replay runs through: each port, its network and zone, as text. */
export function replayPorts(s: Scenario): string[] {
  return s.router.ports.map((p) => `${p.name} ${p.prefix} (${p.zone})`);
}
