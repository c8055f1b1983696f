import type { Matcher } from './matchers';
import {
  CtStateBit,
  Verdict,
  type ChainInfo,
  type CompiledRuleset,
  type HelperObject,
  type RejectWith,
  type RuleContext,
  type RuleInfo,
  type RulesetResult,
  type VerdictCode,
} from './ruleset-types';

/**
 * The per-packet walk, on the hot path of every forwarded packet: only array reads, number
 * comparisons and the calls to matchers built at load time.
 */

export interface CompiledRule {
  readonly info: RuleInfo;
  readonly matchers: readonly Matcher[];
  readonly logPrefixes: readonly string[];
  /** Index into `helpers`, or -1. */
  readonly helper: number;
  /** The helper's protocol number: the kernel assigns a helper only to its own protocol. */
  readonly helperProtocol: number;
  readonly verdict: VerdictCode | -1;
  readonly rejectWith: RejectWith;
}

export interface CompiledChain {
  /** Index into `chains`. */
  readonly index: number;
  readonly info: ChainInfo;
  readonly policy: VerdictCode;
  readonly rules: readonly CompiledRule[];
}

const DEFAULT_REJECT: RejectWith = 'port-unreachable';

export class Ruleset implements CompiledRuleset {
  constructor(
    readonly rules: readonly RuleInfo[],
    readonly chains: readonly ChainInfo[],
    readonly helpers: readonly HelperObject[],
    /** Prerouting base chains, then forward ones, each group by ascending priority. */
    private readonly order: readonly CompiledChain[],
  ) {}

  evaluate(
    ctx: RuleContext,
    out: RulesetResult,
    onLog: (rule: number, prefix: string) => void,
  ): void {
    // With no prerouting or forward chain, Linux forwards the packet: accept, decided by none.
    out.verdict = Verdict.accept;
    out.rule = 0;
    out.chain = -1;
    out.rejectWith = DEFAULT_REJECT;
    out.helper = -1;
    const order = this.order;
    for (let c = 0; c < order.length; c++) {
      const chain = order[c];
      const rules = chain.rules;
      let decided = false;
      for (let r = 0; r < rules.length; r++) {
        const rule = rules[r];
        const matchers = rule.matchers;
        let m = 0;
        while (m < matchers.length && matchers[m](ctx)) m++;
        if (m < matchers.length) continue;
        const info = rule.info;
        info.packets++;
        info.bytes += ctx.ipBytes;
        const logs = rule.logPrefixes;
        for (let l = 0; l < logs.length; l++) onLog(info.number, logs[l]);
        // The kernel assigns a helper only to a connection not yet confirmed (its first
        // packet), of the helper's protocol, and keeps the first one assigned.
        if (
          rule.helper >= 0 &&
          out.helper < 0 &&
          ctx.ctState === CtStateBit.new &&
          ctx.proto === rule.helperProtocol
        ) {
          out.helper = rule.helper;
        }
        if (rule.verdict !== -1) {
          out.verdict = rule.verdict;
          out.rule = info.number;
          out.chain = chain.index;
          out.rejectWith = rule.rejectWith;
          decided = true;
          break;
        }
      }
      if (!decided) {
        chain.info.policyPackets++;
        out.verdict = chain.policy;
        out.rule = 0;
        out.chain = chain.index;
        out.rejectWith = DEFAULT_REJECT;
      }
      // accept only ends this chain; drop and reject end the packet's walk.
      if (out.verdict !== Verdict.accept) return;
    }
  }
}
