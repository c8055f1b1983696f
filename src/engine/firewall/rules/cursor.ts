import { RulesetError } from './errors';
import { describeToken, type Token } from './lexer';

/**
 * Walks the token list for the recursive-descent parser and builds its errors, so that every
 * refusal carries the same source:line:column prefix and the token it stopped at.
 */
export class Cursor {
  private index = 0;

  constructor(
    private readonly tokens: readonly Token[],
    readonly source: string,
  ) {}

  /** Where the cursor is, for `since`. */
  mark(): number {
    return this.index;
  }

  /** The tokens consumed since `mark`. */
  since(mark: number): readonly Token[] {
    return this.tokens.slice(mark, this.index);
  }

  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)];
  }

  next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.index++;
    return token;
  }

  /** The token is the given keyword (nft keywords are lower-case and case-sensitive). */
  isWord(text: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'word' && t.raw === text;
  }

  isPunct(text: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'punct' && t.raw === text;
  }

  /** A statement ends at a new line, a `;`, the `}` of its block or the end of the text. */
  atStatementEnd(): boolean {
    const t = this.peek();
    return t.kind === 'newline' || t.kind === 'eof' || (t.kind === 'punct' && /^[;}]$/.test(t.raw));
  }

  skipNewlines(): void {
    while (this.peek().kind === 'newline') this.index++;
  }

  skipSeparators(): void {
    while (this.peek().kind === 'newline' || this.isPunct(';')) this.index++;
  }

  /** Consumes the end of a statement; `}` and the end of the text are left for the caller. */
  endStatement(): void {
    if (!this.atStatementEnd()) this.fail(this.peek(), "';' or a new line");
    if (!this.isPunct('}') && this.peek().kind !== 'eof') this.next();
  }

  fail(token: Token, expected: string, detail?: string): never {
    throw new RulesetError(
      this.source,
      token.line,
      token.column,
      expected,
      describeToken(token),
      detail,
    );
  }

  /** Fails at a place inside a token, e.g. the upper bound of `1024-70000`. */
  failAt(token: Token, offset: number, expected: string, found: string, detail?: string): never {
    throw new RulesetError(this.source, token.line, token.column + offset, expected, found, detail);
  }

  expectWord(text: string, expected = `'${text}'`): Token {
    if (!this.isWord(text)) this.fail(this.peek(), expected);
    return this.next();
  }

  expectPunct(text: string, expected = `'${text}'`): Token {
    if (!this.isPunct(text)) this.fail(this.peek(), expected);
    return this.next();
  }

  /** A name: a bare word or a quoted string (nft accepts both for tables, chains, objects). */
  expectName(expected: string): Token {
    const t = this.peek();
    if (t.kind !== 'word' && t.kind !== 'string') this.fail(t, expected);
    return this.next();
  }
}
