import { describe, expect, it } from 'vitest';
import { keySeekUs } from './seek-keys';

describe('keySeekUs', () => {
  it('moves one bucket with ←/→, ten with Shift', () => {
    expect(keySeekUs('ArrowRight', false, 1_000_000, 8_000, 4_000_000)).toBe(1_008_000);
    expect(keySeekUs('ArrowLeft', false, 1_000_000, 8_000, 4_000_000)).toBe(992_000);
    expect(keySeekUs('ArrowRight', true, 1_000_000, 8_000, 4_000_000)).toBe(1_080_000);
  });

  it('goes to the ends with Home/End and stays within the run', () => {
    expect(keySeekUs('Home', false, 1_000_000, 8_000, 4_000_000)).toBe(0);
    expect(keySeekUs('End', false, 1_000_000, 8_000, 4_000_000)).toBe(4_000_000);
    expect(keySeekUs('ArrowLeft', false, 3_000, 8_000, 4_000_000)).toBe(0);
    expect(keySeekUs('ArrowRight', false, 3_999_000, 8_000, 4_000_000)).toBe(4_000_000);
  });

  it('leaves other keys to the page', () => {
    expect(keySeekUs(' ', false, 0, 8_000, 4_000_000)).toBeNull();
    expect(keySeekUs('c', false, 0, 8_000, 4_000_000)).toBeNull();
  });
});
