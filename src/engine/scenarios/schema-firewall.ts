import * as v from 'valibot';
import { int, seconds } from './schema-values';

/**
 * The scenario sections about the firewall application: its conntrack and rules, how it
 * checkpoints, and the router server that restarts it. Defaults as written here.
 */

/** Conntrack timeouts; the defaults are the Linux kernel's (nf_conntrack sysctls). */
export const ConntrackTimeoutsSchema = v.strictObject({
  tcpSynSentUs: v.optional(int(1), seconds(120)),
  tcpSynRecvUs: v.optional(int(1), seconds(60)),
  tcpEstablishedUs: v.optional(int(1), seconds(5 * 24 * 3600)),
  tcpFinWaitUs: v.optional(int(1), seconds(120)),
  tcpCloseWaitUs: v.optional(int(1), seconds(60)),
  tcpLastAckUs: v.optional(int(1), seconds(30)),
  tcpTimeWaitUs: v.optional(int(1), seconds(120)),
  tcpCloseUs: v.optional(int(1), seconds(10)),
  tcpSynSent2Us: v.optional(int(1), seconds(120)),
  tcpRetransUs: v.optional(int(1), seconds(300)),
  tcpUnackUs: v.optional(int(1), seconds(300)),
  udpUs: v.optional(int(1), seconds(30)),
  udpStreamUs: v.optional(int(1), seconds(120)),
  icmpUs: v.optional(int(1), seconds(30)),
  /** Lifetime of an expectation (an announced FTP data connection, an RTP stream). */
  expectationUs: v.optional(int(1), seconds(300)),
});

export const FirewallSchema = v.strictObject({
  /** false: the router forwards everything, as before there was a firewall. */
  enabled: v.optional(v.boolean(), true),
  /**
   * Ruleset in the nftables subset (a `table inet … { chain … }` file or bare rule lines).
   * Default: built from the port zones — see firewall/rules/default-ruleset.ts.
   */
  rules: v.optional(v.pipe(v.string(), v.maxLength(1_000_000))),
  /**
   * A TCP packet of no known connection that is not a SYN. loose: pick it up as an
   * established connection, subject to the rules as a new one (Linux nf_conntrack_tcp_loose=1);
   * strict: drop it (like Cisco ASA).
   */
  midStream: v.optional(v.picklist(['loose', 'strict']), 'loose'),
  /** Mark only out-of-window RSTs invalid (nf_conntrack_tcp_be_liberal=1). */
  tcpLiberal: v.optional(v.boolean(), false),
  /** Retransmissions without an acceptable ACK before the short RETRANS timeout applies. */
  tcpMaxRetrans: v.optional(int(1, 255), 3),
  /**
   * drop: packets conntrack finds invalid are dropped before the rules (fail closed);
   * rules: the ruleset decides, as in Linux where `ct state invalid drop` is a rule you write.
   */
  invalid: v.optional(v.picklist(['drop', 'rules']), 'drop'),
  /** Let an FTP announcement name another address than the control connection's peer. */
  ftpLoose: v.optional(v.boolean(), false),
  /** Expectations one master connection may have pending (nf_conntrack_ftp: 1). */
  maxExpectationsPerMaster: v.optional(int(1, 64), 1),
  /** Bound of the connection table (nf_conntrack_max). */
  maxConnections: v.optional(int(1, 4_000_000), 65_536),
  maxExpectations: v.optional(int(1, 1_000_000), 4_096),
  timeouts: v.optional(ConntrackTimeoutsSchema, {}),
  /** Broadcast-storm guard: packets per second (and burst) each source may send to broadcast/multicast. */
  broadcastPacketsPerSecond: v.optional(int(1, 1_000_000), 100),
  broadcastBurst: v.optional(int(1, 1_000_000), 50),
  /** Time the firewall adds to the routing processor's work per packet. */
  inspectUs: v.optional(int(0, 1_000_000), 0),
});

/** How the firewall checkpoints its connections (the comparison is part of the product). */
export const CheckpointSchema = v.strictObject({
  /**
   * none: the prior art, nothing is kept; snapshot: the whole table as one blob every
   * snapshotIntervalUs; unique-id: the invention, one record per base layer and module part,
   * tagged with the connection's unique identifier, written when it changes.
   */
  strategy: v.optional(v.picklist(['none', 'snapshot', 'unique-id']), 'unique-id'),
  /** sync: a record is written before the packet that caused it goes on; async: in batches. */
  mode: v.optional(v.picklist(['sync', 'async']), 'sync'),
  snapshotIntervalUs: v.optional(int(1_000, 3_600_000_000), 500_000),
  /** Async batches go out every flushIntervalUs, or as soon as flushRecords are waiting. */
  flushIntervalUs: v.optional(int(1, 60_000_000), 10_000),
  flushRecords: v.optional(int(1, 1_000_000), 64),
  /** Bound of the async queue; writes beyond it are refused and counted. */
  maxPendingRecords: v.optional(int(1, 10_000_000), 100_000),
  /** The server's price per message (µs) and transfer speed (bytes per µs; 0: free). */
  writeLatencyUs: v.optional(int(0, 1_000_000), 10),
  bytesPerUs: v.optional(int(0, 1_000_000), 1_000),
  /** Bounds of the checkpoint server's memory space. */
  maxRecords: v.optional(int(1, 100_000_000), 4_000_000),
  maxBytes: v.optional(int(1, 64 * 1024 * 1024 * 1024), 512 * 1024 * 1024),
  /** A TCP window edge moving this far since the last record counts as a state change. */
  tcpWindowBytes: v.optional(int(1, 4_294_967_295), 1_048_576),
  /**
   * Who reassembles after a restart: the firewall application fetches every record and
   * attaches each part (firewall), or each module fetches its own area (modules).
   */
  embodiment: v.optional(v.picklist(['firewall', 'modules']), 'firewall'),
});

/** The router server: notices a firewall crash, restarts it, has it recover. */
export const SupervisorSchema = v.strictObject({
  detectUs: v.optional(int(0, 60_000_000), 50_000),
  restartUs: v.optional(int(0, 60_000_000), 200_000),
  /** Simulated time to reassemble one record (decode, find its connection, attach). */
  reassemblyNsPerRecord: v.optional(int(0, 1_000_000), 500),
  /** Packets held while the restarted firewall recovers; more are dropped. */
  recoveryQueuePackets: v.optional(int(0, 1_000_000), 1_024),
  /** While the firewall is down: false drops everything (fail closed); true lets everything through. */
  failOpen: v.optional(v.boolean(), false),
});

export type FirewallConfig = v.InferOutput<typeof FirewallSchema>;
export type ConntrackTimeouts = v.InferOutput<typeof ConntrackTimeoutsSchema>;
export type CheckpointConfig = v.InferOutput<typeof CheckpointSchema>;
export type SupervisorConfig = v.InferOutput<typeof SupervisorSchema>;
