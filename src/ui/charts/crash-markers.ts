import type { CrashReport } from '../../engine';

export type MarkerKind = 'crash' | 'restart' | 'back';

/** A moment of a crash's story, drawn as a vertical line with its name above the plot. */
export interface Marker {
  readonly kind: MarkerKind;
  readonly timeUs: number;
}

/** The outage: from the crash until the firewall was back in service (or the run's end). */
export interface Band {
  readonly fromUs: number;
  readonly toUs: number;
}

export function crashBands(crashes: readonly CrashReport[], endUs: number): Band[] {
  return crashes
    .filter((c) => c.atUs <= endUs)
    .map((c) => ({ fromUs: c.atUs, toUs: Math.min(c.recoveredAtUs ?? endUs, endUs) }));
}

/** Every crash's markers, in time order (a crash whose firewall never came back has fewer). */
export function crashMarkers(crashes: readonly CrashReport[], endUs: number): Marker[] {
  const markers: Marker[] = [];
  for (const c of crashes) {
    markers.push({ kind: 'crash', timeUs: c.atUs });
    if (c.restartedAtUs !== null) markers.push({ kind: 'restart', timeUs: c.restartedAtUs });
    if (c.recoveredAtUs !== null) markers.push({ kind: 'back', timeUs: c.recoveredAtUs });
  }
  return markers.filter((m) => m.timeUs <= endUs).sort((a, b) => a.timeUs - b.timeUs);
}

/** A marker's label placed above the plot: its row (0 nearest the plot) and which side. */
export interface PlacedLabel {
  readonly kind: MarkerKind;
  readonly x: number;
  readonly row: number;
  /** start: the text runs right of the line; end: left of it (near the right edge). */
  readonly anchor: 'start' | 'end';
}

/** Estimated width of a label at the charts' 11 px font (no text measuring in pure code). */
export function labelWidthPx(text: string): number {
  return Math.ceil(text.length * 6.4) + 4;
}

/**
 * Labels stacked greedily: each goes in the lowest row where it does not overlap the previous
 * label of that row. A restart and its "back in service" are often a millisecond apart, so
 * they stack; labels that find no free row are left out (their lines are still drawn, and the
 * summary text names every crash).
 */
export function placeLabels(
  markers: readonly { readonly kind: MarkerKind; readonly x: number }[],
  widthPx: number,
  maxRows: number,
): PlacedLabel[] {
  const rowEnds: number[] = [];
  const placed: PlacedLabel[] = [];
  for (const m of markers) {
    const w = labelWidthPx(m.kind);
    const anchor = m.x + w > widthPx ? 'end' : 'start';
    const left = anchor === 'start' ? m.x : m.x - w;
    let row = rowEnds.findIndex((end) => end <= left);
    if (row < 0 && rowEnds.length < maxRows) row = rowEnds.length;
    if (row < 0) continue;
    rowEnds[row] = left + w;
    placed.push({ kind: m.kind, x: m.x, row, anchor });
  }
  return placed;
}
