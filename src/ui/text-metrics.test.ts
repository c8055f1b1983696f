import { describe, expect, it } from 'vitest';
import { fitText, textWidth, widestWord, wrapPhrases, wrapWords } from './text-metrics';

describe('text metrics', () => {
  it('estimates widths per character', () => {
    expect(textWidth('abcd', 'detail')).toBe(Math.ceil(4 * 12 * 0.62));
    expect(widestWord('a bcd ef', 'detail')).toBe(textWidth('bcd', 'detail'));
  });

  it('shortens text with an ellipsis', () => {
    expect(fitText('short', 'detail', 200)).toBe('short');
    expect(fitText('a rather long router name', 'detail', textWidth('a rather…', 'detail'))).toBe(
      'a rather…',
    );
  });

  it('wraps words greedily', () => {
    const width = textWidth('switching', 'caption');
    expect(wrapWords('switching fabric', 'caption', width)).toEqual(['switching', 'fabric']);
    expect(wrapWords('switching fabric', 'caption', 1_000)).toEqual(['switching fabric']);
  });

  it('wraps whole phrases, with the separator only between phrases on one line', () => {
    const phrases = ['5 rules', 'policy drop'];
    expect(wrapPhrases(phrases, 'caption', 1_000, ' · ')).toEqual(['5 rules · policy drop']);
    const narrow = textWidth('policy drop', 'caption');
    expect(wrapPhrases(phrases, 'caption', narrow, ' · ')).toEqual(['5 rules', 'policy drop']);
    expect(wrapPhrases(['a', 'b', 'c'], 'caption', textWidth('a b', 'caption'))).toEqual([
      'a b',
      'c',
    ]);
    expect(wrapPhrases([], 'caption', 100)).toEqual([]);
  });
});
