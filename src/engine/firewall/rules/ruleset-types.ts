/**
 * What the firewall and the nftables-subset ruleset say to each other. The firewall fills a
 * RuleContext per packet (one reused object, no allocation) and asks the compiled ruleset for a
 * verdict; the ruleset never sees packets or connections, only these facts.
 */

/** Conntrack state as `ct state` matches it; the values are nftables' own bits. */
export const CtStateBit = {
  invalid: 1,
  established: 2,
  related: 4,
  new: 8,
  untracked: 64,
} as const;

export type CtStateName = keyof typeof CtStateBit;

/** Facts about one packet that rules may test. */
export interface RuleContext {
  /** Exactly one CtStateBit value. */
  ctState: number;
  srcAddr: number;
  dstAddr: number;
  /** IP protocol number (1 ICMP, 6 TCP, 17 UDP). */
  proto: number;
  /** Transport ports; 0 when the protocol has none (ICMP). */
  sport: number;
  dport: number;
  /** Router port the packet came in on (index into the port names given at compile time). */
  inPort: number;
  /** Router port it will leave by, or -1 when there is no route. */
  outPort: number;
  /** IP packet length, for byte counters. */
  ipBytes: number;
}

/** A context to fill per packet (one reused object per evaluator). */
export function newRuleContext(): RuleContext {
  return {
    ctState: 0,
    srcAddr: 0,
    dstAddr: 0,
    proto: 0,
    sport: 0,
    dport: 0,
    inPort: 0,
    outPort: 0,
    ipBytes: 0,
  };
}

export const Verdict = { accept: 0, drop: 1, reject: 2 } as const;
export type VerdictCode = (typeof Verdict)[keyof typeof Verdict];

/** How a `reject` answers: a TCP reset, or an ICMP destination-unreachable with a code. */
export type RejectWith = 'tcp-reset' | 'port-unreachable' | 'host-unreachable' | 'admin-prohibited';

/** Written by CompiledRuleset.evaluate(); reused across packets. */
export interface RulesetResult {
  verdict: VerdictCode;
  /** 1-based number of the rule that decided; 0 when a chain's policy decided. */
  rule: number;
  /** Index (into `chains`) of the chain whose rule or policy decided. */
  chain: number;
  /** For reject: how. */
  rejectWith: RejectWith;
  /** Index into `helpers` of the helper a `ct helper set` assigned, or -1. */
  helper: number;
}

export function newRulesetResult(): RulesetResult {
  return {
    verdict: Verdict.accept,
    rule: 0,
    chain: -1,
    rejectWith: 'port-unreachable',
    helper: -1,
  };
}

export type Hook = 'prerouting' | 'forward' | 'input' | 'output' | 'postrouting';

export interface ChainInfo {
  /** The table's family as written (`inet`, or `ip`), and its name. */
  readonly family: 'inet' | 'ip';
  readonly table: string;
  readonly name: string;
  readonly hook: Hook;
  readonly priority: number;
  readonly policy: 'accept' | 'drop';
  /** Packets the policy decided. */
  policyPackets: number;
}

export interface RuleInfo {
  /** 1-based, in the order rules appear in the text. */
  readonly number: number;
  /** Index into `chains`. */
  readonly chain: number;
  /** The rule as written, whitespace normalised (for people). */
  readonly text: string;
  readonly line: number;
  /** True when the rule has an explicit `counter` statement (nft only counts those). */
  readonly counter: boolean;
  /** Packets and bytes that matched this rule (kept for every rule, shown for all). */
  packets: number;
  bytes: number;
}

export interface HelperObject {
  readonly name: string;
  readonly type: 'ftp' | 'sip';
  readonly protocol: 'tcp' | 'udp';
}

export interface CompiledRuleset {
  readonly rules: readonly RuleInfo[];
  readonly chains: readonly ChainInfo[];
  readonly helpers: readonly HelperObject[];
  /**
   * Runs the packet through the prerouting base chains, then the forward base chains (each
   * group in priority order). `ct helper set` only takes effect for ctState new. `log`
   * statements call onLog. Updates counters. Input/output/postrouting chains never see
   * forwarded packets.
   */
  evaluate(
    ctx: RuleContext,
    out: RulesetResult,
    onLog: (rule: number, prefix: string) => void,
  ): void;
}
