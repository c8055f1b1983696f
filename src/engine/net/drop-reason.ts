/**
 * Why a packet was dropped. Numeric codes on the hot path, names in reports and traces.
 * Later layers (the firewall) add their reasons to this list; names never change once used.
 */
export const DropReason = {
  /** Lost on a link (the link's loss rate or a link-loss fault). */
  linkLoss: 0,
  /** A host's transmit queue (txqueuelen) was full. */
  hostQueueFull: 1,
  /** A router input port's buffer was full (drop-tail). */
  inputQueueFull: 2,
  /** A router output port's transmit queue was full (drop-tail). */
  outputQueueFull: 3,
  /** The routing table has no route to the destination. */
  noRoute: 4,
  /** TTL reached zero in the router. */
  ttlExpired: 5,
  /** Arrived at a host that does not own the destination address. */
  notForHost: 6,
  /** Dropped or rejected by a firewall rule. */
  firewallRule: 7,
  /** Dropped by a firewall chain's policy (no rule decided). */
  firewallPolicy: 8,
  /** Conntrack found the packet invalid for its connection's state (fail closed). */
  firewallInvalid: 9,
  /** A TCP packet of no known connection that is not a SYN, with mid-stream pickup off. */
  firewallMidStream: 10,
  /** Over the broadcast-storm guard's per-source rate. */
  firewallRateLimit: 11,
  /** The connection table is full. */
  firewallTableFull: 12,
  /** The firewall had crashed and the router fails closed. */
  firewallDown: 13,
  /** The firewall was recovering and its holding queue was full. */
  firewallRecovering: 14,
} as const;

export type DropReasonCode = (typeof DropReason)[keyof typeof DropReason];

export const dropReasonNames: readonly string[] = [
  'link-loss',
  'host-queue-full',
  'input-queue-full',
  'output-queue-full',
  'no-route',
  'ttl-expired',
  'not-for-host',
  'firewall-rule',
  'firewall-policy',
  'firewall-invalid',
  'firewall-mid-stream',
  'firewall-rate-limit',
  'firewall-table-full',
  'firewall-down',
  'firewall-recovering',
];
