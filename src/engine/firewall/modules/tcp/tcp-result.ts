/**
 * What the TCP tracker says about one packet (the outcomes of the kernel's
 * nf_conntrack_tcp_packet()), and why, as numbers and interned strings: no allocation per packet.
 */
export const TcpResult = {
  /** In window and a valid transition: state updated (maybe unchanged), timeout refreshed. */
  ACCEPT: 0,
  /** Let through untouched (NF_ACCEPT without updating): the kernel's sIG and "ignore" paths. */
  IGNORE: 1,
  /** Not part of this connection as tracked (-NF_ACCEPT: conntrack marks the packet INVALID). */
  INVALID: 2,
  /** A SYN reopening a closed connection (-NF_REPEAT): delete it and treat the packet as new. */
  REOPEN: 3,
} as const;

export type TcpResultCode = (typeof TcpResult)[keyof typeof TcpResult];
export const tcpResultNames = ['ACCEPT', 'IGNORE', 'INVALID', 'REOPEN'] as const;

/** Why a packet was refused, ignored or repeated; the kernel's log message in brackets. */
export const TcpReason = {
  NONE: '',
  /** ["invalid tcp flag combination"] tcp_error(). */
  BAD_FLAGS: 'invalid flags',
  /** ["invalid new"] tcp_new(): this kind of packet cannot open a connection. */
  INVALID_NEW: 'invalid new',
  /** tcp_new() with nf_conntrack_tcp_loose=0: no mid-stream pickup. */
  NO_PICKUP: 'no pickup',
  /** ["packet ... invalid, state ..."] an sIV cell of the table. */
  INVALID_TRANSITION: 'invalid transition',
  /** ["packet ... ignored, state ..."] an sIG cell of the table. */
  IGNORED_TRANSITION: 'ignored transition',
  /** ["challenge-ack ignored"] an RFC 5961 challenge ACK in LAST_ACK. */
  CHALLENGE_ACK: 'challenge ACK',
  /** ["invalid rst"] RST with a sequence number below what the peer acknowledged. */
  INVALID_RST: 'invalid RST',
  /** ["SEQ is over upper bound"] data beyond the receiver's window. */
  OUT_OF_WINDOW: 'out of window',
  /** ["ACK is over upper bound"] acknowledges data never seen. */
  ACK_OUT_OF_WINDOW: 'ACK out of window',
  /** ["%u bytes more than expected"] a little past the window: ignored, not invalid. */
  OVERSHOT: 'over window',
  /** ["SEQ is under lower bound"] already acknowledged data retransmitted. */
  OLD_DATA: 'old data',
  /** ["ignored ACK under lower bound"] a very delayed ACK. */
  OLD_ACK: 'old ACK',
  /** -NF_REPEAT: a SYN on a closed or aborted connection. */
  REOPEN: 'reopen',
} as const;

export type TcpReasonText = (typeof TcpReason)[keyof typeof TcpReason];

/**
 * Details of the last start()/track() call, in one object the tracker reuses. Read it right
 * after the call; the next call overwrites it.
 */
export class TcpTrackOut {
  /** The part's state before and after the packet (TcpCtState). */
  oldState = 0;
  newState = 0;
  /** newState !== oldState. */
  changed = false;
  /** Why it was not a plain ACCEPT (TcpReason.NONE when it was). */
  reason: TcpReasonText = TcpReason.NONE;
  /** The timeout was refreshed: part.expiresUs = now + timeoutUs. */
  refreshed = false;
  /**
   * Accept the packet, then delete the connection now (nf_ct_kill_acct: an RST answered a
   * connection that never saw a reply).
   */
  kill = false;

  begin(state: number): void {
    this.oldState = state;
    this.newState = state;
    this.changed = false;
    this.reason = TcpReason.NONE;
    this.refreshed = false;
    this.kill = false;
  }
}
