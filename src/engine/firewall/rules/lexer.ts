import { RulesetError } from './errors';

/**
 * Splits nftables text into tokens. nft's own scanner is context-sensitive (the same
 * characters are a number, a string or an address depending on the keyword before); here a
 * "word" is any run of characters that can appear in an identifier, number, address, prefix or
 * range (`ftp-data`, `192.0.2.0/24`, `1024-65535`, `-150`), and the parser decides what it
 * means. That keeps the lexer total: the only text it refuses is an unterminated string.
 */
export type TokenKind = 'word' | 'string' | 'punct' | 'newline' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** The source text of the token (for a string: with its quotes). */
  readonly raw: string;
  /** For a string: its contents; otherwise the same as raw. */
  readonly value: string;
  readonly line: number;
  readonly column: number;
  /** Offsets into the text, for rebuilding a rule's normalised text. */
  readonly start: number;
  readonly end: number;
}

const WORD_CHAR = /[A-Za-z0-9_./:*-]/;
/** Two-character operators; every other non-word character is a one-character token. */
const PAIRS = new Set(['!=', '==', '<=', '>=']);

export function lex(text: string, source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const push = (kind: TokenKind, start: number, end: number, value?: string) => {
    const raw = text.slice(start, end);
    tokens.push({
      kind,
      raw,
      value: value ?? raw,
      line,
      column: start - lineStart + 1,
      start,
      end,
    });
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') {
      push('newline', i, i + 1);
      i++;
      line++;
      lineStart = i;
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
      i++;
    } else if (c === '#') {
      // A comment runs to the end of the line (this also covers `# handle 7` from `nft -a`).
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '\\' && /^\\[ \t\r]*\n/.test(text.slice(i, i + 80))) {
      // Line continuation, as nft reads it: the next line belongs to this statement.
      while (text[i] !== '\n') i++;
      i++;
      line++;
      lineStart = i;
    } else if (c === '"') {
      const close = findClose(text, i + 1);
      if (close < 0) {
        throw new RulesetError(
          source,
          line,
          i - lineStart + 1,
          `'"' to close the string that starts here`,
          'the end of the line',
        );
      }
      push('string', i, close + 1, text.slice(i + 1, close));
      i = close + 1;
    } else if (WORD_CHAR.test(c)) {
      const start = i;
      while (i < text.length && WORD_CHAR.test(text[i])) i++;
      push('word', start, i);
    } else {
      // A whole code point, so that an emoji in an error message is not cut in half.
      const pair = PAIRS.has(text.slice(i, i + 2)) || (text.codePointAt(i) ?? 0) > 0xffff;
      const width = pair ? 2 : 1;
      push('punct', i, i + width);
      i += width;
    }
  }
  push('eof', text.length, text.length);
  return tokens;
}

/** nft strings have no escapes and end on the line they start on. */
function findClose(text: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    if (text[j] === '"') return j;
    if (text[j] === '\n') return -1;
  }
  return -1;
}

/** How an error message names a token. */
export function describeToken(token: Token): string {
  if (token.kind === 'newline') return 'the end of the line';
  if (token.kind === 'eof') return 'the end of the text';
  return `'${token.raw}'`;
}
