/**
 * How lines tell apart: a colour and a dash pattern per line, so no line depends on colour
 * alone. The colours are custom properties (set on the charts area, overridable by a theme);
 * the dashes go with them one for one.
 */
export const SERIES_DASHES: readonly string[] = ['', '8 3', '2 3', '10 3 2 3', '5 5', '1 4'];

export function seriesColor(styleIndex: number): string {
  return `var(--chart-series-${styleIndex % SERIES_DASHES.length})`;
}

export function seriesDash(styleIndex: number): string {
  return SERIES_DASHES[styleIndex % SERIES_DASHES.length];
}
