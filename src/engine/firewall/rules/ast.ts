import type { Token } from './lexer';
import type { Hook, RejectWith, VerdictCode } from './ruleset-types';

/**
 * What the parser produces and the compiler consumes. Values are already resolved to numbers
 * (addresses, ports, protocol numbers, state bits, router port indices), so compiling is only
 * a matter of choosing a matcher; names that refer to other declarations (helpers) keep their
 * token so an unknown one can be reported where it was written.
 */

/** Closed intervals [lo0, hi0, lo1, hi1, ...], sorted and merged. */
export type Intervals = readonly number[];

export type MatchAst =
  | { readonly kind: 'ct-state'; readonly negate: boolean; readonly mask: number }
  | {
      readonly kind: 'address';
      readonly field: 'saddr' | 'daddr';
      readonly negate: boolean;
      readonly intervals: Intervals;
    }
  | { readonly kind: 'protocol'; readonly negate: boolean; readonly protocols: readonly number[] }
  | {
      readonly kind: 'port';
      /** The protocol a tcp/udp port match implies (6 or 17), even when negated, as in nft. */
      readonly protocol: number;
      readonly field: 'sport' | 'dport';
      readonly negate: boolean;
      readonly intervals: Intervals;
    }
  | {
      readonly kind: 'interface';
      readonly direction: 'in' | 'out';
      readonly negate: boolean;
      /** Router port indices the names resolved to (may be empty: `lo`, or a wildcard). */
      readonly ports: readonly number[];
    };

export interface RuleAst {
  readonly line: number;
  /** The rule's tokens joined with single spaces where the source had any whitespace. */
  readonly text: string;
  readonly matches: readonly MatchAst[];
  readonly counter: boolean;
  /** One entry per `log` statement, in order; '' when it has no prefix. */
  readonly logPrefixes: readonly string[];
  /** The name token of a `ct helper set`, or null. */
  readonly helper: Token | null;
  /** -1 when the rule has no verdict (evaluation continues with the next rule). */
  readonly verdict: VerdictCode | -1;
  readonly rejectWith: RejectWith;
}

export interface ChainAst {
  readonly name: string;
  readonly token: Token;
  readonly hook: Hook;
  readonly priority: number;
  readonly policy: 'accept' | 'drop';
  readonly rules: readonly RuleAst[];
}

export interface HelperAst {
  readonly name: string;
  readonly token: Token;
  readonly type: 'ftp' | 'sip';
  readonly protocol: 'tcp' | 'udp';
}

export interface TableAst {
  readonly family: 'inet' | 'ip';
  readonly name: string;
  readonly chains: readonly ChainAst[];
  readonly helpers: readonly HelperAst[];
}

export interface FileAst {
  readonly tables: readonly TableAst[];
  /** `ct helper` objects declared outside any table (visible to every table). */
  readonly helpers: readonly HelperAst[];
}
