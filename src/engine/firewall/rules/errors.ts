import { InputError } from '../../errors';

/**
 * A ruleset the simulator refuses, with the place (line and column, both 1-based; a tab counts
 * as one column) and what was expected there. Users paste real rulesets: a refusal must say
 * exactly where and why, because silently skipping a rule would simulate a different firewall.
 */
export class RulesetError extends InputError {
  constructor(
    readonly source: string,
    readonly line: number,
    readonly column: number,
    /** What the parser would have accepted at this place, in words. */
    readonly expected: string,
    /** What it found instead: a quoted token, 'the end of the line' or 'the end of the text'. */
    readonly found: string,
    /** A sentence that replaces the generic "expected X, found Y" when it says more. */
    detail?: string,
  ) {
    super(detail ?? `expected ${expected}, found ${found}`, `${source}:${line}:${column}`);
    this.name = 'RulesetError';
  }
}

/** "'a', 'b' or 'c'" — the way error messages list alternatives. */
export function oneOf(words: readonly string[]): string {
  const quoted = words.map((w) => `'${w}'`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

/** What the rule grammar of this subset accepts, appended to every "not supported" refusal. */
export const SUPPORTED_SUMMARY =
  'supported: matches ct state, ip saddr/daddr/protocol, tcp/udp sport/dport, meta l4proto, ' +
  'iifname/oifname (also iif/oif and the meta forms); statements counter, log, ' +
  'ct helper set, comment; verdicts accept, drop, reject';

export function notSupported(what: string, supported = SUPPORTED_SUMMARY): string {
  return `${what} is not supported by this simulator's nftables subset (${supported})`;
}
