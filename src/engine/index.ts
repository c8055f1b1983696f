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
export type { PacketSummary } from './net/packet';
export { InputError } from './errors';
export {
  applyOverrides,
  builtinScenarios,
  builtinScenarioNames,
  parseScenario,
  parseScenarioJson,
  ScenarioError,
  type Scenario,
  type ScenarioInput,
  type ScenarioIssue,
  type RunOverrides,
  type HostConfig,
  type LinkConfig,
  type RouterConfig,
  type Traffic,
} from './scenarios';
export { dropReasonNames } from './net/drop-reason';
export {
  CtStateBit,
  defaultRuleset,
  newRuleContext,
  newRulesetResult,
  parseRuleset,
  RulesetError,
  Verdict,
  type CompiledRuleset,
  type CtStateName,
  type RuleContext,
  type RulesetResult,
  type ConnectionHistory,
  type FirewallReport,
  type FirewallState,
  type VerdictCount,
  summarizeConnections,
  type ConnectionSummary,
} from './firewall';
export type { CrashReport } from './firewall-service';
export type { CheckpointReport } from './checkpoint/checkpoint-report';
export { AREA_NAMES as checkpointAreaNames } from './firewall/part-records';
export {
  connectionIdOfReadable,
  connectionNumber,
  describePart,
  MEMORY_MODULES,
  type PartText,
} from './firewall/memory-view';
export {
  MAX_PAGE_ROWS,
  MEMORY_SORT_KEYS,
  queryFirewallMemory,
  type FirewallMemoryPage,
  type FirewallMemoryRequest,
  type FirewallMemoryRow,
  type MemorySortKey,
} from './firewall/memory-query';
export {
  checkpointTotals,
  readCheckpointMemory,
  RECORDS_LISTED,
  type CheckpointAreaMemory,
  type CheckpointMemory,
  type CheckpointMemoryRequest,
  type CheckpointRecordEntry,
  type CheckpointTotals,
} from './checkpoint/memory-view';
export { formatIpv4, parseIpv4, parsePrefix } from './net/ipv4';
export { tcpStateNames } from './net/tcp/tcp-state';
export type { Flow, FlowKind } from './apps/flow';
export {
  CaptureError,
  CaptureReader,
  concatBytes as concatCaptureChunks,
  forEachPacket,
  PcapngWriter,
  PcapWriter,
  encodeIpv4Packet,
  type CaptureDirection,
  type CaptureFrame,
  type CaptureInterfaceSpec,
  readCapture,
  MAX_PACKET_BYTES as maxCapturePacketBytes,
  type CaptureContents,
  type CaptureFormat,
  type CaptureFragment,
  type CaptureIcmp,
  type CaptureInterface,
  type CaptureNetwork,
  type CapturePacket,
  type CaptureProtocol,
  type CaptureSummary,
  type CaptureTcp,
  type SkipReason as CaptureSkipReason,
} from './capture';
export * from './replay';
