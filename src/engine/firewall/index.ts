export { Firewall, type FirewallHost } from './firewall';
export { buildFirewallReport, type FirewallReport, type FirewallState } from './firewall-report';
export { summarizeConnections, type ConnectionSummary } from './connection-summary';
export { defaultRuleset } from './default-ruleset';
export {
  CtStateBit,
  newRuleContext,
  newRulesetResult,
  parseRuleset,
  RulesetError,
  Verdict,
  type CompiledRuleset,
  type CtStateName,
  type RuleContext,
  type RulesetResult,
} from './rules';
export type { ConnectionHistory } from './connection';
export type { VerdictCount } from './verdict-stats';
