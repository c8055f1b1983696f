export { Firewall, type FirewallHost } from './firewall';
export { buildFirewallReport, type FirewallReport, type FirewallState } from './firewall-report';
export { defaultRuleset } from './default-ruleset';
export { parseRuleset, RulesetError } from './rules';
export type { ConnectionHistory } from './connection';
export type { VerdictCount } from './verdict-stats';
