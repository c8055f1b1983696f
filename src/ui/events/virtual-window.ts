/**
 * The event log's own list geometry: its row height, its end and keyboard moves. Which rows
 * are rendered is the shared row window's (../list/row-window).
 */

/** Rows rendered beyond each edge of the viewport, so a fast scroll shows no gap. */
export const OVERSCAN_ROWS = 6;

/** Below this width a row takes two lines (time and what; where and connection under). */
export const TWO_LINE_BELOW_PX = 640;

export function rowHeightPx(listWidthPx: number): number {
  return listWidthPx > 0 && listWidthPx < TWO_LINE_BELOW_PX ? 44 : 26;
}

/** The scroll position of the list's end. */
export function bottomScrollTop(count: number, rowPx: number, viewportPx: number): number {
  return Math.max(count * rowPx - viewportPx, 0);
}

/** The row a navigation key moves to from `index`, or null when the key does not navigate. */
export function navigateRows(
  key: string,
  index: number,
  count: number,
  pageRows: number,
): number | null {
  if (count === 0) return null;
  const clamp = (i: number) => Math.min(Math.max(i, 0), count - 1);
  // No row active yet: any move starts from the newest (what the log shows while following).
  const from = index < 0 ? count : index;
  switch (key) {
    case 'ArrowDown':
      return index < 0 ? count - 1 : clamp(from + 1);
    case 'ArrowUp':
      return clamp(from - 1);
    case 'PageDown':
      return clamp(from + Math.max(pageRows - 1, 1));
    case 'PageUp':
      return clamp(from - Math.max(pageRows - 1, 1));
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
