import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locateJsonError } from './json-error';

describe('locateJsonError', () => {
  it.each([
    ['{"name": "x",\n  "router": }', { line: 2, column: 13, expected: 'a value' }],
    ['{"a": 1,}', { line: 1, column: 9, expected: 'a property name in double quotes' }],
    ['[1 2]', { line: 1, column: 4, expected: "',' or ']'" }],
    ['{"a" 1}', { line: 1, column: 6, expected: "':'" }],
    ['{"a": tru}', { line: 1, column: 7, expected: 'a value' }],
    ['"abc', { line: 1, column: 5, expected: 'a closing quote' }],
    ['{} x', { line: 1, column: 4, expected: 'the end of the text' }],
    ['', { line: 1, column: 1, expected: 'a value before the end of the text' }],
  ])('locates the error in %j', (text, where) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(locateJsonError(text)).toEqual(where);
  });

  it('agrees with JSON.parse on what is valid', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(locateJsonError(text)).toBeNull();
      }),
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(locateJsonError(text) === null).toBe(valid);
      }),
    );
  });
});
