import { TcpCtState } from './tcp-states';
import { TcpPacketClass } from './tcp-transitions';

/**
 * The TCP module's per-connection data: the kernel's `struct ip_ct_tcp` (plus the two
 * `ct->status` bits and the expiry the TCP tracker itself reads and writes). Plain numbers,
 * JSON-serialisable, and deliberately without any connection identifier or reference back to
 * a connection: the module's table does not know which connection a part belongs to.
 */

/** Per-direction flags (`IP_CT_TCP_FLAG_*`, the kernel's values). */
export const TcpWindowFlag = {
  /** The sender advertised window scaling. */
  WINDOW_SCALE: 0x01,
  /** The sender permits SACK. */
  SACK_PERM: 0x02,
  /** This sender sent the first FIN. */
  CLOSE_INIT: 0x04,
  /** Window checks never fail for this sender (mid-stream pickup). */
  BE_LIBERAL: 0x08,
  /** The sender has data in flight the receiver has not acknowledged. */
  DATA_UNACKNOWLEDGED: 0x10,
  /** td_maxack holds a value. */
  MAXACK_SET: 0x20,
} as const;

/** Bits of `last_flags` beyond the per-direction ones. */
export const TcpLastFlag = {
  /** An ignored SYN in LAST_ACK may draw an RFC 5961 challenge ACK (IP_CT_EXP_CHALLENGE_ACK). */
  EXP_CHALLENGE_ACK: 0x40,
  /** SYN_SENT2 was entered (IP_CT_TCP_SIMULTANEOUS_OPEN). */
  SIMULTANEOUS_OPEN: 0x80,
} as const;

/** The two `ct->status` bits the tracker needs (IPS_SEEN_REPLY, IPS_ASSURED). */
export const TcpStatus = { SEEN_REPLY: 0x01, ASSURED: 0x02 } as const;

/** One direction's sequence-space view (`struct ip_ct_tcp_state`); all uint32. */
export interface TcpWindowState {
  /** Highest seq + len seen from this sender. */
  tdEnd: number;
  /** Highest ack + window the other side allowed this sender (right edge it may reach). */
  tdMaxend: number;
  /** Largest (scaled) window this sender advertised. */
  tdMaxwin: number;
  /** Highest ACK this sender sent. */
  tdMaxack: number;
  /** Window-scale shift of this sender's advertised windows. */
  tdScale: number;
  /** TcpWindowFlag bits. */
  flags: number;
}

export interface TcpPart {
  /** TcpCtState (0..9). */
  state: number;
  /** Per direction: [ORIGINAL, REPLY]. */
  seen: [TcpWindowState, TcpWindowState];
  /** Identical ACKs seen in a row (retransmissions without progress). */
  retrans: number;
  /** TcpPacketClass and direction of the last packet that counted (see tcp_packet). */
  lastIndex: number;
  lastDir: number;
  /** Annotations of the last retransmission candidate or ignored packet. */
  lastSeq: number;
  lastAck: number;
  lastEnd: number;
  /** Raw (unscaled) window of that packet. */
  lastWin: number;
  lastWscale: number;
  /** TcpWindowFlag / TcpLastFlag bits annotated from an ignored SYN. */
  lastFlags: number;
  /** TcpStatus bits. */
  status: number;
  /** Simulated time (µs) at which the entry expires (the kernel's ct->timeout). */
  expiresUs: number;
}

export function newTcpWindowState(): TcpWindowState {
  return { tdEnd: 0, tdMaxend: 0, tdMaxwin: 0, tdMaxack: 0, tdScale: 0, flags: 0 };
}

export function newTcpPart(): TcpPart {
  return {
    state: TcpCtState.NONE,
    seen: [newTcpWindowState(), newTcpWindowState()],
    retrans: 0,
    lastIndex: TcpPacketClass.syn,
    lastDir: 0,
    lastSeq: 0,
    lastAck: 0,
    lastEnd: 0,
    lastWin: 0,
    lastWscale: 0,
    lastFlags: 0,
    status: 0,
    expiresUs: 0,
  };
}

/** The `memset(&ct->proto.tcp, 0, ...)` of tcp_new(), for reusing a part. */
export function clearTcpPart(part: TcpPart): void {
  part.state = TcpCtState.NONE;
  clearWindowState(part.seen[0]);
  clearWindowState(part.seen[1]);
  part.retrans = 0;
  part.lastIndex = TcpPacketClass.syn;
  part.lastDir = 0;
  part.lastSeq = 0;
  part.lastAck = 0;
  part.lastEnd = 0;
  part.lastWin = 0;
  part.lastWscale = 0;
  part.lastFlags = 0;
  part.status = 0;
  part.expiresUs = 0;
}

function clearWindowState(s: TcpWindowState): void {
  s.tdEnd = 0;
  s.tdMaxend = 0;
  s.tdMaxwin = 0;
  s.tdMaxack = 0;
  s.tdScale = 0;
  s.flags = 0;
}

/** nf_ct_tcp_state_reset(): forget a direction's window but keep its be-liberal flag. */
export function resetTcpWindowState(s: TcpWindowState): void {
  const liberal = s.flags & TcpWindowFlag.BE_LIBERAL;
  clearWindowState(s);
  s.flags = liberal;
}

/** nf_conntrack_tcp_established(): ESTABLISHED and assured. */
export function tcpEstablished(part: TcpPart): boolean {
  return part.state === TcpCtState.ESTABLISHED && (part.status & TcpStatus.ASSURED) !== 0;
}
