import type { CompiledRuleset } from './rules/ruleset-types';

/** One line of the verdict summary: what was decided, why, and how often. */
export interface VerdictCount {
  verdict: 'accept' | 'drop' | 'reject';
  /** rule | policy | no-chain | invalid | mid-stream | rate-limit | table-full */
  reason: string;
  /** The rule number for reason "rule", else null. */
  rule: number | null;
  /** The chain for rule and policy verdicts, else null. */
  chain: string | null;
  packets: number;
}

/** Per-packet verdict counts, in typed arrays indexed by rule or chain number. */
export class VerdictStats {
  readonly acceptByRule: Float64Array;
  readonly dropByRule: Float64Array;
  readonly rejectByRule: Float64Array;
  readonly acceptByPolicy: Float64Array;
  readonly dropByPolicy: Float64Array;
  /** Accepted because no prerouting or forward chain exists (as Linux would forward them). */
  noChain = 0;
  invalid = 0;
  midStream = 0;
  rateLimited = 0;
  tableFull = 0;

  constructor(private readonly ruleset: CompiledRuleset) {
    const rules = ruleset.rules.length + 1;
    this.acceptByRule = new Float64Array(rules);
    this.dropByRule = new Float64Array(rules);
    this.rejectByRule = new Float64Array(rules);
    this.acceptByPolicy = new Float64Array(ruleset.chains.length);
    this.dropByPolicy = new Float64Array(ruleset.chains.length);
  }

  /** Every non-zero count, rules first in rule order. */
  summary(): VerdictCount[] {
    const out: VerdictCount[] = [];
    const chains = this.ruleset.chains;
    const chainOf = (rule: number) => chains[this.ruleset.rules[rule - 1].chain].name;
    const byRule = (verdict: VerdictCount['verdict'], counts: Float64Array) =>
      counts.forEach((packets, rule) => {
        if (packets > 0 && rule > 0)
          out.push({ verdict, reason: 'rule', rule, chain: chainOf(rule), packets });
      });
    byRule('accept', this.acceptByRule);
    byRule('drop', this.dropByRule);
    byRule('reject', this.rejectByRule);
    const byPolicy = (verdict: VerdictCount['verdict'], counts: Float64Array) =>
      counts.forEach((packets, chain) => {
        if (packets > 0)
          out.push({ verdict, reason: 'policy', rule: null, chain: chains[chain].name, packets });
      });
    byPolicy('accept', this.acceptByPolicy);
    byPolicy('drop', this.dropByPolicy);
    if (this.noChain > 0)
      out.push({
        verdict: 'accept',
        reason: 'no-chain',
        rule: null,
        chain: null,
        packets: this.noChain,
      });
    const other: Array<[string, number]> = [
      ['invalid', this.invalid],
      ['mid-stream', this.midStream],
      ['rate-limit', this.rateLimited],
      ['table-full', this.tableFull],
    ];
    for (const [reason, packets] of other) {
      if (packets > 0) out.push({ verdict: 'drop', reason, rule: null, chain: null, packets });
    }
    return out;
  }
}
