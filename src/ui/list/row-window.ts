/**
 * Which rows of a long, fixed-row-height list to render: those in the viewport, a few more on
 * each side so a fast scroll does not show blanks, and the heights of the space above and
 * below that stands in for the rest. The list scrolls as if every row were there.
 */
export interface RowWindow {
  /** First row rendered (a position in the list). */
  readonly start: number;
  /** One past the last row rendered. */
  readonly end: number;
  readonly padTopPx: number;
  readonly padBottomPx: number;
}

export function rowWindow(
  scrollTopPx: number,
  viewportPx: number,
  rowPx: number,
  total: number,
  overscan = 4,
): RowWindow {
  const first = Math.floor(Math.max(scrollTopPx, 0) / rowPx);
  const visible = Math.ceil(Math.max(viewportPx, rowPx) / rowPx) + 1;
  const start = Math.min(Math.max(first - overscan, 0), total);
  const end = Math.min(first + visible + overscan, total);
  return {
    start,
    end: Math.max(end, start),
    padTopPx: start * rowPx,
    padBottomPx: (total - Math.max(end, start)) * rowPx,
  };
}

/**
 * The scroll position that brings row `position` into view with as little movement as
 * possible (none when it is already whole in view); `headerPx` of the viewport's top is
 * covered by a sticky header.
 */
export function scrollToShow(
  position: number,
  scrollTopPx: number,
  viewportPx: number,
  rowPx: number,
  headerPx = 0,
): number {
  const top = position * rowPx;
  const bottom = top + rowPx;
  const rowsViewPx = viewportPx - headerPx;
  if (top < scrollTopPx) return top;
  if (bottom > scrollTopPx + rowsViewPx) return Math.max(bottom - rowsViewPx, 0);
  return scrollTopPx;
}
