import { describe, expect, it } from 'vitest';
import { bottomScrollTop, navigateRows, rowHeightPx, TWO_LINE_BELOW_PX } from './virtual-window';

describe('virtual window', () => {
  it('scrolls to the end of the list', () => {
    expect(bottomScrollTop(100, 26, 260)).toBe(2340);
    expect(bottomScrollTop(3, 26, 260)).toBe(0);
  });

  it('gives two-line rows to narrow lists', () => {
    expect(rowHeightPx(TWO_LINE_BELOW_PX - 1)).toBeGreaterThan(rowHeightPx(TWO_LINE_BELOW_PX));
    expect(rowHeightPx(0)).toBe(rowHeightPx(1000)); // not measured yet
  });

  it('moves between rows with the keys of a list', () => {
    expect(navigateRows('ArrowDown', 3, 10, 5)).toBe(4);
    expect(navigateRows('ArrowDown', 9, 10, 5)).toBe(9);
    expect(navigateRows('ArrowUp', 0, 10, 5)).toBe(0);
    expect(navigateRows('ArrowUp', -1, 10, 5)).toBe(9);
    expect(navigateRows('ArrowDown', -1, 10, 5)).toBe(9);
    expect(navigateRows('PageDown', 0, 10, 5)).toBe(4);
    expect(navigateRows('PageUp', 9, 10, 5)).toBe(5);
    expect(navigateRows('Home', 5, 10, 5)).toBe(0);
    expect(navigateRows('End', 5, 10, 5)).toBe(9);
    expect(navigateRows('Enter', 5, 10, 5)).toBeNull();
    expect(navigateRows('ArrowDown', -1, 0, 5)).toBeNull();
  });
});
