import { describe, expect, it } from 'vitest';
import { lex } from './lexer';

describe('lex', () => {
  const shape = (text: string) =>
    lex(text, 'x.nft').map((t) => [t.kind, t.value, t.line, t.column]);

  it('splits words, strings and punctuation with 1-based positions', () => {
    expect(shape('ip saddr != { 192.0.2.0/24, 10.0.0.1-10.0.0.9 } log prefix "a # b"')).toEqual([
      ['word', 'ip', 1, 1],
      ['word', 'saddr', 1, 4],
      ['punct', '!=', 1, 10],
      ['punct', '{', 1, 13],
      ['word', '192.0.2.0/24', 1, 15],
      ['punct', ',', 1, 27],
      ['word', '10.0.0.1-10.0.0.9', 1, 29],
      ['punct', '}', 1, 47],
      ['word', 'log', 1, 49],
      ['word', 'prefix', 1, 53],
      ['string', 'a # b', 1, 60],
      ['eof', '', 1, 67],
    ]);
  });

  it('drops comments, reads CRLF and a trailing backslash as a continuation', () => {
    expect(shape('accept # handle 7\r\ntcp dport \\\r\n  22\t;')).toEqual([
      ['word', 'accept', 1, 1],
      ['newline', '\n', 1, 19],
      ['word', 'tcp', 2, 1],
      ['word', 'dport', 2, 5],
      ['word', '22', 3, 3],
      ['punct', ';', 3, 6],
      ['eof', '', 3, 7],
    ]);
  });

  it('refuses a string left open at the end of its line, at its opening quote', () => {
    expect(() => lex('log prefix "open\n"', 'x.nft')).toThrow(
      `x.nft:1:12: expected '"' to close the string that starts here, found the end of the line`,
    );
  });
});
