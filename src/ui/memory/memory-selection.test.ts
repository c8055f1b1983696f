import { describe, expect, it } from 'vitest';
import { movedTo, rowKey, toggled } from './memory-selection';

describe('memory selection', () => {
  it('selects a connection, and clears it when chosen again', () => {
    expect(toggled(null, 'a #1')).toBe('a #1');
    expect(toggled('a #1', 'b #2')).toBe('b #2');
    expect(toggled('a #1', 'a #1')).toBeNull();
  });

  it('maps Enter to select and the arrows, Home and End to moves; leaves Space alone', () => {
    expect(['Enter', 'ArrowUp', 'ArrowDown', 'Home', 'End', ' ', 'ArrowRight'].map(rowKey)).toEqual(
      ['select', 'previous', 'next', 'first', 'last', null, null],
    );
  });

  it('moves within the list', () => {
    expect(movedTo('next', 3, 10)).toBe(4);
    expect(movedTo('next', 9, 10)).toBe(9);
    expect(movedTo('previous', 0, 10)).toBe(0);
    expect(movedTo('first', 5, 10)).toBe(0);
    expect(movedTo('last', 5, 10)).toBe(9);
    expect(movedTo('last', 0, 0)).toBe(0);
  });
});
