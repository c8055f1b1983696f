import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joined } from './joined-text';

describe('joined', () => {
  // Whether V8 keeps the result flat is not observable from a program (the heap snapshot in
  // BENCHMARKS.md measured it); what a test can hold it to is the text.
  it('says what the same template literal says', () => {
    expect(joined``).toBe('');
    expect(joined`no values`).toBe('no values');
    expect(joined`${1}`).toBe('1');
    expect(joined`tcp ${'192.0.2.10'}:${40000} → ${'198.51.100.20'}:${21} #${'1.7'}`).toBe(
      'tcp 192.0.2.10:40000 → 198.51.100.20:21 #1.7',
    );
    fc.assert(
      fc.property(fc.string(), fc.oneof(fc.string(), fc.integer()), fc.string(), (a, b, c) => {
        expect(joined`${a}-${b}${c}!`).toBe(`${a}-${b}${c}!`);
      }),
    );
  });
});
