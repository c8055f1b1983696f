import { type TcpCtStateName, TcpCtState } from './tcp-states';

/**
 * Conntrack's TCP timeouts (the kernel's `tcp_timeouts[]`, sysctl
 * net.netfilter.nf_conntrack_tcp_timeout_*) in simulated microseconds, and the tracker's
 * configuration (the other nf_conntrack_tcp_* sysctls).
 */

/** One timeout per state except NONE (the kernel gives NONE the SYN_SENT value), plus two overrides. */
export type TcpTimeoutsUs = Record<Exclude<TcpCtStateName, 'NONE'>, number> & {
  /** Used once `maxRetrans` identical ACKs were seen, or the last window was zero. */
  RETRANS: number;
  /** Used while either side has unacknowledged data. */
  UNACK: number;
};

const S = 1_000_000;

/** The kernel's defaults. RETRANS: RFC 1122's R2 is at least 100 s; Linux retries for longer. */
export const defaultTcpTimeoutsUs: Readonly<TcpTimeoutsUs> = Object.freeze({
  SYN_SENT: 120 * S,
  SYN_RECV: 60 * S,
  ESTABLISHED: 5 * 24 * 3600 * S,
  FIN_WAIT: 120 * S,
  CLOSE_WAIT: 60 * S,
  LAST_ACK: 30 * S,
  TIME_WAIT: 120 * S,
  CLOSE: 10 * S,
  SYN_SENT2: 120 * S,
  RETRANS: 300 * S,
  UNACK: 300 * S,
});

export interface TcpTrackerConfig {
  /** nf_conntrack_tcp_be_liberal: only out-of-window RSTs are invalid, other window checks pass. */
  liberal: boolean;
  /** nf_conntrack_tcp_loose: pick up connections already in progress (not only from a SYN). */
  loose: boolean;
  /** nf_conntrack_tcp_max_retrans: identical ACKs after which the RETRANS timeout applies. */
  maxRetrans: number;
  timeoutsUs: TcpTimeoutsUs;
}

/** The kernel's defaults: strict windows, loose pickup, 3 retransmissions. */
export const defaultTcpTrackerConfig: Readonly<TcpTrackerConfig> = Object.freeze({
  liberal: false,
  loose: true,
  maxRetrans: 3,
  timeoutsUs: defaultTcpTimeoutsUs,
});

/** Slots of the timeout table beyond the states (the kernel's enum values). */
export const TIMEOUT_RETRANS = 12;
export const TIMEOUT_UNACK = 13;

/**
 * The timeouts as a table indexed by state and by TIMEOUT_RETRANS / TIMEOUT_UNACK, like the
 * kernel's `timeouts[]` (slot 0, NONE, holds the SYN_SENT value as nf_conntrack_tcp_init_net()
 * does). Throws on a missing or negative value.
 */
export function tcpTimeoutTable(t: TcpTimeoutsUs): Float64Array {
  const table = new Float64Array(TIMEOUT_UNACK + 1);
  const set = (slot: number, name: keyof TcpTimeoutsUs) => {
    const v = t[name];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
      throw new RangeError(`tcp timeout ${name} must be a number of microseconds >= 0`);
    table[slot] = v;
  };
  set(TcpCtState.NONE, 'SYN_SENT');
  set(TcpCtState.SYN_SENT, 'SYN_SENT');
  set(TcpCtState.SYN_RECV, 'SYN_RECV');
  set(TcpCtState.ESTABLISHED, 'ESTABLISHED');
  set(TcpCtState.FIN_WAIT, 'FIN_WAIT');
  set(TcpCtState.CLOSE_WAIT, 'CLOSE_WAIT');
  set(TcpCtState.LAST_ACK, 'LAST_ACK');
  set(TcpCtState.TIME_WAIT, 'TIME_WAIT');
  set(TcpCtState.CLOSE, 'CLOSE');
  set(TcpCtState.SYN_SENT2, 'SYN_SENT2');
  set(TIMEOUT_RETRANS, 'RETRANS');
  set(TIMEOUT_UNACK, 'UNACK');
  return table;
}
