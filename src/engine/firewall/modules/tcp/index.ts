/** The firewall's TCP module: Linux nf_conntrack's TCP tracking (see tcp-tracker.ts). */
export { TcpTracker } from './tcp-tracker';
export {
  defaultTcpTimeoutsUs,
  defaultTcpTrackerConfig,
  type TcpTimeoutsUs,
  type TcpTrackerConfig,
} from './tcp-timeouts';
export {
  TcpResult,
  tcpResultNames,
  TcpReason,
  TcpTrackOut,
  type TcpReasonText,
  type TcpResultCode,
} from './tcp-result';
export {
  isTcpCtState,
  TCP_CT_STATE_COUNT,
  TcpCtState,
  tcpCtStateNames,
  type TcpCtStateCode,
  type TcpCtStateName,
} from './tcp-states';
export {
  CT_DIR_ORIGINAL,
  CT_DIR_REPLY,
  tcpFlagsValid,
  TcpPacketClass,
  tcpPacketClass,
  tcpPacketClassNames,
  tcpTransition,
} from './tcp-transitions';
export {
  clearTcpPart,
  newTcpPart,
  TcpLastFlag,
  type TcpPart,
  TcpStatus,
  tcpEstablished,
  TcpWindowFlag,
  type TcpWindowState,
} from './tcp-part';
