import type { MatchAst } from './ast';
import { inIntervals } from './intervals';
import type { RuleContext } from './ruleset-types';

/**
 * Turns each parsed match into a small function, built once when the ruleset loads. The
 * functions read only numbers from the reused RuleContext: bitmasks for states, lookup tables
 * for protocols and ports of the router, interval arrays for addresses and transport ports —
 * no allocation, strings or string-keyed maps per packet.
 */
export type Matcher = (ctx: RuleContext) => boolean;

export function compileMatch(match: MatchAst, portCount: number): Matcher {
  switch (match.kind) {
    case 'ct-state': {
      const { mask, negate } = match;
      return negate ? (ctx) => (ctx.ctState & mask) === 0 : (ctx) => (ctx.ctState & mask) !== 0;
    }
    case 'address':
      return addressMatcher(match.field, match.intervals, match.negate);
    case 'protocol': {
      const table = new Uint8Array(256);
      for (const p of match.protocols) table[p] = 1;
      const want = match.negate ? 0 : 1;
      // Out-of-range numbers read undefined and so match neither form, like a failed load.
      return (ctx) => table[ctx.proto] === want;
    }
    case 'port': {
      const { protocol, negate } = match;
      const intervals = Float64Array.from(match.intervals);
      // The protocol check is nft's implicit dependency: `tcp dport != 22` still wants TCP.
      return match.field === 'dport'
        ? (ctx) => ctx.proto === protocol && inIntervals(intervals, ctx.dport) !== negate
        : (ctx) => ctx.proto === protocol && inIntervals(intervals, ctx.sport) !== negate;
    }
    case 'interface': {
      const table = new Uint8Array(portCount);
      for (const p of match.ports) table[p] = 1;
      const want = match.negate ? 0 : 1;
      // Port -1 (no route) reads undefined: with no interface, nft's meta load fails and the
      // rule does not match, whichever the operator.
      return match.direction === 'in'
        ? (ctx) => table[ctx.inPort] === want
        : (ctx) => table[ctx.outPort] === want;
    }
  }
}

function addressMatcher(
  field: 'saddr' | 'daddr',
  list: readonly number[],
  negate: boolean,
): Matcher {
  if (list.length === 2) {
    // One prefix or range — by far the common case — needs no search.
    const lo = list[0];
    const hi = list[1];
    return field === 'saddr'
      ? (ctx) => (ctx.srcAddr >>> 0 >= lo && ctx.srcAddr >>> 0 <= hi) !== negate
      : (ctx) => (ctx.dstAddr >>> 0 >= lo && ctx.dstAddr >>> 0 <= hi) !== negate;
  }
  const intervals = Float64Array.from(list);
  return field === 'saddr'
    ? (ctx) => inIntervals(intervals, ctx.srcAddr >>> 0) !== negate
    : (ctx) => inIntervals(intervals, ctx.dstAddr >>> 0) !== negate;
}
