/**
 * Conntrack's TCP states (Linux `enum tcp_conntrack`, include/uapi/linux/netfilter/
 * nf_conntrack_tcp.h) as small integers in the kernel's order, so that the transition table
 * can be indexed by them exactly like `tcp_conntracks[dir][index][state]`. They are the
 * firewall's guess of the connection's state as seen from the middle, not either end's RFC 9293
 * state (that is `net/tcp/tcp-state.ts`).
 */
export const TcpCtState = {
  NONE: 0,
  SYN_SENT: 1,
  SYN_RECV: 2,
  ESTABLISHED: 3,
  FIN_WAIT: 4,
  CLOSE_WAIT: 5,
  LAST_ACK: 6,
  TIME_WAIT: 7,
  CLOSE: 8,
  /** Simultaneous open; the kernel reuses the obsolete LISTEN slot for it. */
  SYN_SENT2: 9,
  /** sIV: the table's "invalid packet" cell (the kernel's TCP_CONNTRACK_MAX). Never stored. */
  INVALID: 10,
  /** sIG: the table's "ignore this packet" cell (TCP_CONNTRACK_IGNORE). Never stored. */
  IGNORE: 11,
} as const;

export type TcpCtStateCode = (typeof TcpCtState)[keyof typeof TcpCtState];

/** Number of real states (TCP_CONNTRACK_MAX): valid stored states are 0 .. count - 1. */
export const TCP_CT_STATE_COUNT = 10;

/** The kernel's spellings (`tcp_conntrack_names[]`, as /proc/net/nf_conntrack prints them). */
export const tcpCtStateNames = [
  'NONE',
  'SYN_SENT',
  'SYN_RECV',
  'ESTABLISHED',
  'FIN_WAIT',
  'CLOSE_WAIT',
  'LAST_ACK',
  'TIME_WAIT',
  'CLOSE',
  'SYN_SENT2',
] as const;

export type TcpCtStateName = (typeof tcpCtStateNames)[number];

/** True for a value a part may hold as its state (not a sentinel, not garbage). */
export function isTcpCtState(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value < TCP_CT_STATE_COUNT;
}
