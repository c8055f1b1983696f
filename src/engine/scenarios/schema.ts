import * as v from 'valibot';
import { parseIpv4, parsePrefix } from '../net/ipv4';
import { int, name, parsedBy, probability } from './schema-values';
import { CheckpointSchema, FirewallSchema, SupervisorSchema } from './schema-firewall';

/**
 * The scenario format: plain JSON-serialisable data, validated by valibot. Unknown keys are
 * refused (strict objects) so a typo is an error, not a silently ignored setting. Every
 * optional field has the default written here; the output type has them all filled in.
 * Times are integer microseconds, sizes bytes, rates bits per second, probabilities 0..1.
 */

const address = parsedBy(parseIpv4);
const prefix = parsedBy(parsePrefix);

export const LinkSchema = v.strictObject({
  bandwidthBps: v.optional(int(1_000, 400_000_000_000), 100_000_000),
  delayUs: v.optional(int(0, 10_000_000), 1_000),
  lossRate: v.optional(probability, 0),
  duplicateRate: v.optional(probability, 0),
  reorderRate: v.optional(probability, 0),
  /** Extra delay of a reordered packet, so it arrives behind later ones. */
  reorderDelayUs: v.optional(int(1, 10_000_000), 500),
  /** The sender's transmit queue on this link (a host's txqueuelen). */
  queuePackets: v.optional(int(1, 1_000_000), 1_000),
});

export const PortSchema = v.strictObject({
  name,
  /** The network behind this port: a connected route, and where a replayed source enters. */
  prefix,
  /**
   * inside: hosts behind this port may open connections through the firewall (the default
   * ruleset accepts new connections arriving here); outside: only replies and related
   * connections come in. Ignored when the scenario supplies its own rules.
   */
  zone: v.optional(v.picklist(['inside', 'outside']), 'inside'),
});

export const RouterSchema = v.strictObject({
  name: v.optional(name, 'router'),
  ports: v.pipe(
    v.array(PortSchema),
    v.minLength(2, 'a router has at least 2 ports'),
    v.maxLength(16, 'a router has at most 16 ports'),
  ),
  /** Bound of each input port's buffer (awaiting inspection + virtual output queues). */
  inputQueuePackets: v.optional(int(1, 1_000_000), 512),
  /** Bound of each output port's transmit queue. */
  outputQueuePackets: v.optional(int(1, 1_000_000), 512),
  /** Duration of one crossbar slot: each output accepts one packet per slot. */
  fabricSlotUs: v.optional(int(1, 1_000_000), 1),
  /** Routing-processor time per packet (lookup + inspection). 0 = instantaneous. */
  processingUs: v.optional(int(0, 1_000_000), 0),
});

export const HostSchema = v.strictObject({
  name,
  address,
  /** The router port this host's link plugs into. */
  port: name,
  /**
   * stack: a host with TCP/UDP/ICMP that runs the scenario's traffic. capture: the network
   * behind a port in a capture replay — it absorbs what the router forwards to it and never
   * answers (a replay's packets enter the port as recorded).
   */
  role: v.optional(v.picklist(['stack', 'capture']), 'stack'),
  link: v.optional(LinkSchema, {}),
});

export const RouteSchema = v.strictObject({ prefix, port: name });

export const TcpSchema = v.strictObject({
  mssBytes: v.optional(int(64, 1460), 1460),
  initialRtoUs: v.optional(int(1_000, 60_000_000), 1_000_000),
  minRtoUs: v.optional(int(1_000, 60_000_000), 200_000),
  maxRtoUs: v.optional(int(1_000, 600_000_000), 120_000_000),
  /** Retransmissions of one segment before the connection is aborted (Linux tcp_retries2). */
  maxRetries: v.optional(int(1, 30), 15),
  /** SYN retransmissions before a connect fails (Linux tcp_syn_retries). */
  synRetries: v.optional(int(0, 30), 6),
  delayedAckUs: v.optional(int(0, 500_000), 40_000),
  initialCwndSegments: v.optional(int(1, 100), 10),
  sendBufferBytes: v.optional(int(4_096, 64 * 1024 * 1024), 256 * 1024),
  receiveBufferBytes: v.optional(int(4_096, 64 * 1024 * 1024), 256 * 1024),
  windowScale: v.optional(int(0, 14), 7),
  timeWaitUs: v.optional(int(0, 600_000_000), 60_000_000),
  /** How long FIN-WAIT-2 waits for the peer's FIN (Linux tcp_fin_timeout). */
  finTimeoutUs: v.optional(int(1, 600_000_000), 60_000_000),
});

const start = { name: v.optional(name), startUs: v.optional(int(0), 0) };

export const FtpTrafficSchema = v.strictObject({
  kind: v.literal('ftp'),
  ...start,
  client: name,
  server: name,
  /** passive: the client opens the data connection (PASV/EPSV); active: the server does (PORT/EPRT). */
  mode: v.optional(v.picklist(['passive', 'active']), 'passive'),
  /** Use the extended commands EPSV/EPRT (RFC 2428) instead of PASV/PORT. */
  extended: v.optional(v.boolean(), false),
  /** RETR downloads the file from the server; STOR uploads it. */
  command: v.optional(v.picklist(['RETR', 'STOR']), 'RETR'),
  file: v.optional(
    v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.-]{1,64}$/, 'expected a plain file name')),
    'file.bin',
  ),
  bytes: int(0, 4_000_000_000),
});

export const UdpStreamTrafficSchema = v.strictObject({
  kind: v.literal('udp-stream'),
  ...start,
  source: name,
  destination: name,
  port: v.optional(int(1, 65_535), 5_004),
  rateBps: v.optional(int(1_000, 10_000_000_000), 4_000_000),
  datagramBytes: v.optional(int(16, 1_472), 1_316),
  durationUs: int(1),
});

export const TcpRequestsTrafficSchema = v.strictObject({
  kind: v.literal('tcp-requests'),
  ...start,
  client: name,
  server: name,
  port: v.optional(int(1, 65_535), 80),
  connections: int(1, 100_000),
  requestBytes: v.optional(int(1, 1_000_000), 200),
  responseBytes: v.optional(int(0, 100_000_000), 20_000),
  /** Connection starts are drawn uniformly (seeded) from [startUs, startUs + spreadUs]. */
  spreadUs: v.optional(int(0), 0),
});

export const SipCallTrafficSchema = v.strictObject({
  kind: v.literal('sip-call'),
  ...start,
  caller: name,
  callee: name,
  /** How long the media flows once the call is answered; then the caller hangs up (BYE). */
  durationUs: int(1),
  /** Between the INVITE and the callee's 200 OK. */
  ringUs: v.optional(int(0, 60_000_000), 500_000),
  /** RTP audio, each way (G.711: 64 kbit/s of 160-byte frames). */
  audioRateBps: v.optional(int(1_000, 10_000_000), 64_000),
  /** RTP video, each way; 0 for an audio-only call. */
  videoRateBps: v.optional(int(0, 100_000_000), 1_000_000),
});

export const TrafficSchema = v.variant('kind', [
  FtpTrafficSchema,
  UdpStreamTrafficSchema,
  TcpRequestsTrafficSchema,
  SipCallTrafficSchema,
]);

export const LinkLossFaultSchema = v.strictObject({
  kind: v.literal('link-loss'),
  host: name,
  direction: v.optional(v.picklist(['to-router', 'from-router', 'both']), 'both'),
  fromUs: int(0),
  toUs: int(0),
  /** Loss probability during the window (1 = the link is cut). */
  rate: v.optional(probability, 1),
});

export const FirewallCrashFaultSchema = v.pipe(
  v.strictObject({
    kind: v.literal('firewall-crash'),
    /** When, in simulated µs … */
    atUs: v.optional(int(0)),
    /** … or at the count-th trace event of this kind (e.g. the 5000th 'link.transmit'). */
    atEvent: v.optional(
      v.strictObject({ kind: v.pipe(v.string(), v.maxLength(40)), count: int(1) }),
    ),
  }),
  v.check(
    (f) => (f.atUs === undefined) !== (f.atEvent === undefined),
    'give exactly one of atUs and atEvent',
  ),
);

export const FaultSchema = v.variant('kind', [LinkLossFaultSchema, FirewallCrashFaultSchema]);

export const ScenarioSchema = v.strictObject({
  name,
  description: v.optional(v.pipe(v.string(), v.maxLength(2_000)), ''),
  seed: v.optional(int(0, 0xffffffff), 1),
  /** Hard stop: the run ends here even if traffic is still going. */
  durationUs: v.optional(int(1, 86_400_000_000), 600_000_000),
  router: RouterSchema,
  hosts: v.pipe(v.array(HostSchema), v.minLength(2, 'a scenario needs at least 2 hosts')),
  routes: v.optional(v.array(RouteSchema), []),
  tcp: v.optional(TcpSchema, {}),
  firewall: v.optional(FirewallSchema, {}),
  checkpoint: v.optional(CheckpointSchema, {}),
  supervisor: v.optional(SupervisorSchema, {}),
  traffic: v.optional(v.array(TrafficSchema), []),
  faults: v.optional(v.array(FaultSchema), []),
});

/** What a scenario file may contain (defaults may be left out). */
export type ScenarioInput = v.InferInput<typeof ScenarioSchema>;
/** A validated scenario with every default filled in. */
export type Scenario = v.InferOutput<typeof ScenarioSchema>;
export type LinkConfig = v.InferOutput<typeof LinkSchema>;
export type RouterConfig = v.InferOutput<typeof RouterSchema>;
export type HostConfig = v.InferOutput<typeof HostSchema>;
export type TcpConfig = v.InferOutput<typeof TcpSchema>;
export type Traffic = v.InferOutput<typeof TrafficSchema>;
export type FtpTraffic = v.InferOutput<typeof FtpTrafficSchema>;
export type UdpStreamTraffic = v.InferOutput<typeof UdpStreamTrafficSchema>;
export type TcpRequestsTraffic = v.InferOutput<typeof TcpRequestsTrafficSchema>;
export type SipCallTraffic = v.InferOutput<typeof SipCallTrafficSchema>;
export type Fault = v.InferOutput<typeof FaultSchema>;
export type LinkLossFault = v.InferOutput<typeof LinkLossFaultSchema>;
export type FirewallCrashFault = v.InferOutput<typeof FirewallCrashFaultSchema>;
export type {
  CheckpointConfig,
  ConntrackTimeouts,
  FirewallConfig,
  SupervisorConfig,
} from './schema-firewall';
