import {
  CtStateBit,
  defaultRuleset,
  newRuleContext,
  newRulesetResult,
  parseIpv4,
  parseRuleset,
  Verdict,
  type CompiledRuleset,
  type PacketSummary,
  type RuleContext,
  type Scenario,
} from '../../engine';

const PROTOCOLS: Record<string, number> = { icmp: 1, tcp: 6, udp: 17 };

/**
 * A second opinion on the firewall's accepts: the scenario's ruleset compiled afresh (its own
 * counters, nothing shared with the running firewall) and evaluated on what the trace says of
 * a forwarded packet — its headers, the ports it crossed, and the ct state the firewall gave
 * it. Connection tracking itself is not redone: the ct state is taken as the firewall saw it.
 */
export class RulesOracle {
  private readonly ruleset: CompiledRuleset;
  private readonly ports: readonly string[];
  private readonly context: RuleContext = newRuleContext();
  private readonly result = newRulesetResult();

  constructor(scenario: Scenario) {
    this.ports = scenario.router.ports.map((p) => p.name);
    const text = scenario.firewall.rules ?? defaultRuleset(scenario);
    this.ruleset = parseRuleset(text, 'rules', this.ports);
  }

  /**
   * Why the rules refuse this packet, or null when they accept it: "the rules say drop
   * (rule 5)". `ctState` is the name the firewall's verdict gave ("established", …).
   */
  refusal(packet: PacketSummary, ctState: string, inPort: string, outPort: string): string | null {
    const c = this.context;
    const bit = CtStateBit[ctState as keyof typeof CtStateBit];
    if (bit === undefined) return `unknown ct state "${ctState}"`;
    c.ctState = bit;
    c.srcAddr = parseIpv4(packet.src);
    c.dstAddr = parseIpv4(packet.dst);
    c.proto = PROTOCOLS[packet.proto] ?? 0;
    // As the firewall fills them: ICMP has no ports.
    c.sport = c.proto === 1 ? 0 : packet.sport;
    c.dport = c.proto === 1 ? 0 : packet.dport;
    c.inPort = this.ports.indexOf(inPort);
    c.outPort = this.ports.indexOf(outPort);
    c.ipBytes = packet.bytes;
    this.ruleset.evaluate(c, this.result, () => {});
    if (this.result.verdict === Verdict.accept) return null;
    const r = this.result;
    const by = r.rule > 0 ? `rule ${r.rule}` : `policy of ${this.ruleset.chains[r.chain]?.name}`;
    return `the rules say ${r.verdict === Verdict.reject ? 'reject' : 'drop'} (${by})`;
  }
}
