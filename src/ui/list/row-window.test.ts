import { describe, expect, it } from 'vitest';
import { rowWindow, scrollToShow } from './row-window';

describe('rowWindow', () => {
  it('renders the rows in view and a few either side; spacers stand in for the rest', () => {
    // 10,000 rows of 36 px; a 360 px viewport scrolled to row 500.
    const w = rowWindow(500 * 36, 360, 36, 10_000, 4);
    expect(w).toEqual({
      start: 496,
      end: 515,
      padTopPx: 496 * 36,
      padBottomPx: (10_000 - 515) * 36,
    });
    expect(w.padTopPx + (w.end - w.start) * 36 + w.padBottomPx).toBe(10_000 * 36);
  });

  it('stays inside the list at both ends and when it is short or empty', () => {
    expect(rowWindow(0, 360, 36, 10_000)).toMatchObject({ start: 0, end: 15, padTopPx: 0 });
    expect(rowWindow(9_999 * 36, 360, 36, 10_000)).toMatchObject({ end: 10_000, padBottomPx: 0 });
    expect(rowWindow(0, 360, 36, 3)).toEqual({ start: 0, end: 3, padTopPx: 0, padBottomPx: 0 });
    expect(rowWindow(5_000, 360, 36, 0)).toEqual({ start: 0, end: 0, padTopPx: 0, padBottomPx: 0 });
    // A list that shrank under a scrolled viewport (a filter): nothing past its end.
    expect(rowWindow(50_000, 360, 36, 20)).toEqual({
      start: 20,
      end: 20,
      padTopPx: 720,
      padBottomPx: 0,
    });
  });
});

describe('scrollToShow', () => {
  it('moves as little as needed, and not at all for a row already in view', () => {
    expect(scrollToShow(10, 0, 360, 36)).toBe(11 * 36 - 360);
    expect(scrollToShow(3, 0, 360, 36)).toBe(0);
    expect(scrollToShow(2, 500, 360, 36)).toBe(72);
    expect(scrollToShow(8, 0, 360, 36, 60)).toBe(9 * 36 - 300);
  });
});
