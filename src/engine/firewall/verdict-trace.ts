import type { NetworkContext } from '../net/network-context';
import { summarizePacket, type Packet } from '../net/packet';
import { ruleText } from './admitted-by';
import type { ConnectionHistory } from './connection';
import { CtStateBit, type CompiledRuleset, type RulesetResult } from './rules/ruleset-types';

const ctStateNames: Record<number, string> = {
  [CtStateBit.invalid]: 'invalid',
  [CtStateBit.established]: 'established',
  [CtStateBit.related]: 'related',
  [CtStateBit.new]: 'new',
  [CtStateBit.untracked]: 'untracked',
};

/**
 * The firewall's trace events: each verdict with its reason, and the rules' `log`
 * statements. Callers check `ctx.trace.enabled` first, so an untraced run builds no text.
 */
export class VerdictTrace {
  /** The reason a chain's policy gives, by chain (reason()). */
  private readonly policyReasons: string[] = [];

  constructor(
    private readonly ctx: NetworkContext,
    private readonly ruleset: CompiledRuleset,
  ) {}

  /** One string per rule and chain policy: made per verdict, the page's recorder held 50k copies. */
  reason(result: RulesetResult): string {
    if (result.rule > 0) return ruleText(result.rule);
    if (result.chain < 0) return 'no forward chain';
    return (this.policyReasons[result.chain] ??=
      `policy (${this.ruleset.chains[result.chain].name})`);
  }

  /**
   * `history`: the packet's connection's, the one it has just created for a new connection's
   * first (a history, not the connection: the packet may have ended it).
   */
  verdict(
    p: Packet,
    verdict: 'accept' | 'drop' | 'reject',
    reason: string,
    ctState: number,
    history: ConnectionHistory | null,
  ): void {
    this.ctx.trace.emit({
      kind: 'firewall.verdict',
      atUs: this.ctx.nowUs,
      verdict,
      reason,
      ctState: ctStateNames[ctState] ?? 'untracked',
      connection: history?.id ?? null,
      packet: summarizePacket(p),
    });
  }

  /** A rule's `log` statement matched packet `p`. */
  log(rule: number, prefix: string, p: Packet): void {
    this.ctx.trace.emit({
      kind: 'firewall.log',
      atUs: this.ctx.nowUs,
      rule,
      prefix,
      packet: summarizePacket(p),
    });
  }
}
