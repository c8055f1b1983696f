/** Replaying packet captures through the router and its firewall. */
export { CaptureSide } from './capture-side';
export { REPLAY_TAIL_US, ReplayInjector } from './replay-injector';
export {
  HELD_AT_END,
  MAX_LISTED_EXPECTATIONS,
  NOT_INSPECTED,
  ReplayOutcomes,
  type FrameExpectation,
} from './replay-outcomes';
export type { ReplaySkipReason } from './replay-packet';
export {
  buildReplaySection,
  MAX_LISTED_DIFFERENCES,
  type CrashComparison,
  type ReplaySection,
  type VerdictDifference,
} from './replay-report';
export {
  asReplayScenario,
  CAPTURE_SIDE_LINK,
  REPLAY_DURATION_US,
  replayScenario,
  type ReplayPortSpec,
} from './replay-scenario';
export { bytesSource, chunkedSource, REPLAY_CHUNK_BYTES, type ReplaySource } from './replay-source';
export { runReplay, type ReplayReport, type ReplayRunOptions } from './run-replay';
export { type FrameVerdict } from './verdict-log';
export { PortCapture, type CaptureFileFormat, type PortCaptureOptions } from './port-capture';
export { PortInference } from './infer-ports';
