/**
 * The engine's public API: everything outside src/engine imports from here only.
 */
export {
  createSimulation,
  Simulation,
  type SimulationOptions,
  type HostLinks,
  type PortQueues,
} from './simulation';
export { buildReport, type SimulationReport, type FlowReport } from './report';
export type { TraceEvent, TraceEventKind } from './trace-event';
export { InputError } from './errors';
export {
  builtinScenarios,
  builtinScenarioNames,
  parseScenario,
  parseScenarioJson,
  ScenarioError,
  type Scenario,
  type ScenarioInput,
  type ScenarioIssue,
  type HostConfig,
  type LinkConfig,
  type RouterConfig,
  type Traffic,
} from './scenarios';
export { dropReasonNames } from './net/drop-reason';
export {
  defaultRuleset,
  parseRuleset,
  RulesetError,
  type ConnectionHistory,
  type FirewallReport,
  type VerdictCount,
} from './firewall';
export { formatIpv4, parseIpv4, parsePrefix } from './net/ipv4';
export { tcpStateNames } from './net/tcp/tcp-state';
export type { Flow, FlowKind } from './apps/flow';
