import { describe, expect, it } from 'vitest';
import { SPEEDS, parseSpeed, speedLabel } from './speed';

describe('speed', () => {
  it('labels speeds as multipliers', () => {
    expect(SPEEDS.map(speedLabel)).toEqual([
      '0.001×',
      '0.01×',
      '0.1×',
      '1×',
      '10×',
      '100×',
      '1000×',
      'max',
    ]);
  });

  it('parses option values back, refusing unknown ones', () => {
    for (const speed of SPEEDS) expect(parseSpeed(String(speed))).toBe(speed);
    expect(() => parseSpeed('3')).toThrow('unknown speed "3"');
  });
});
