import { violated } from '../../../errors';
import { type Packet } from '../../../net/packet';
import { tcpNew } from './tcp-new';
import { TcpLastFlag, type TcpPart, TcpStatus, TcpWindowFlag } from './tcp-part';
import { TcpReason, TcpResult, TcpTrackOut } from './tcp-result';
import { rstCheck, RST_INVALID, RST_KEEP_STATE, RST_SKIP_WINDOW } from './tcp-rst';
import { ignorePacket, resyncFromIgnoredSyn } from './tcp-ignore';
import { TcpCtState } from './tcp-states';
import {
  type TcpTrackerConfig,
  TIMEOUT_RETRANS,
  TIMEOUT_UNACK,
  tcpTimeoutTable,
} from './tcp-timeouts';
import {
  CT_DIR_ORIGINAL,
  CT_DIR_REPLY,
  tcpFlagsValid,
  tcpPacketClass,
  TcpPacketClass,
  tcpTransition,
} from './tcp-transitions';
import { tcpInWindow } from './tcp-window';

export type { TcpPart } from './tcp-part';

/** nf_tcp_handle_invalid() leaves entries that expire within this alone (120 * HZ). */
const HANDLE_INVALID_FLOOR_US = 120_000_000;

/**
 * Linux conntrack's TCP tracker (net/netfilter/nf_conntrack_proto_tcp.c, Linux 6.17):
 * start() is tcp_new() followed by the first pass of the state machine, track() is
 * nf_conntrack_tcp_packet() plus the one thing nf_conntrack_in() does after it for TCP
 * (marking that a reply was seen). It works on TcpParts only and never learns which
 * connection a part belongs to.
 *
 * Expiry: `part.expiresUs` is the kernel's ct->timeout, moved exactly when the kernel moves it
 * (not on ignored packets, not on a retransmitted SYN; shortened by nf_tcp_handle_invalid();
 * `out.refreshed` says when). timeoutUs(part) is the kernel's choice of timeout for the part
 * as it stands, for callers that keep the expiry themselves.
 *
 * Per packet it allocates nothing: results are numbers, details land in the reused `out`.
 */
export class TcpTracker {
  /** Details of the last start()/track() call. */
  readonly out = new TcpTrackOut();
  private readonly liberal: boolean;
  private readonly loose: boolean;
  private readonly maxRetrans: number;
  private readonly t: Float64Array;

  constructor(config: TcpTrackerConfig) {
    this.liberal = config.liberal;
    this.loose = config.loose;
    this.maxRetrans = config.maxRetrans;
    this.t = tcpTimeoutTable(config.timeoutsUs);
  }

  /** Why the last packet was refused, ignored or repeated ('' when simply accepted). */
  get invalidReason(): string {
    return this.out.reason;
  }

  /**
   * The first packet of a would-be connection, in what becomes its original direction:
   * tcp_error() and tcp_new(), then the state machine on the same packet, as the kernel's
   * nf_conntrack_tcp_packet() does for an unconfirmed entry. A SYN gives a part in SYN_SENT;
   * with `loose`, a plain ACK is picked up mid-stream in ESTABLISHED (both directions checked
   * liberally). Anything else gives null, with the reason in `out.reason`. `nowUs` sets
   * `part.expiresUs`; `into` lets a pooled part be reused.
   */
  start(p: Packet, nowUs = 0, into?: TcpPart): TcpPart | null {
    this.out.begin(TcpCtState.NONE);
    const part = tcpNew(p, this.loose, this.out, into);
    if (part === null) return null;
    // The first pass always accepts: a SYN meets empty windows, a pickup is liberal.
    const result = this.track(part, p, CT_DIR_ORIGINAL, nowUs);
    if (!(result === TcpResult.ACCEPT)) violated(`tcp_new: first packet not accepted (${result})`);
    return part;
  }

  /**
   * nf_conntrack_tcp_packet() for a packet of a tracked connection; `dir` is 0 when it goes the
   * way the connection's first packet went, 1 for the reply direction. Returns a TcpResult;
   * `out` says what changed and why. On REOPEN the caller deletes the connection and handles
   * the packet as the first of a new one (start() again).
   */
  track(part: TcpPart, p: Packet, dir: 0 | 1, nowUs: number): number {
    const out = this.out;
    const stored = part.state;
    out.begin(stored);
    // tcp_error(): every packet, not only the first, must have a sane flag combination.
    if (!tcpFlagsValid(p.flags)) {
      out.reason = TcpReason.BAD_FLAGS;
      return TcpResult.INVALID;
    }
    const index = tcpPacketClass(p.flags);
    let oldState = stored;
    let newState = tcpTransition(dir, index, oldState);
    let checkWindow = true;

    switch (newState) {
      case TcpCtState.SYN_SENT:
        if (oldState < TcpCtState.TIME_WAIT) break;
        // RFC 1122 lets a SYN reopen a connection in TIME-WAIT; also a client may abort and
        // start over. If it was closing (or reset by this side), start afresh.
        if (
          (part.seen[dir].flags | part.seen[dir ^ 1].flags) & TcpWindowFlag.CLOSE_INIT ||
          (part.lastDir === dir && part.lastIndex === TcpPacketClass.rst)
        ) {
          out.reason = TcpReason.REOPEN;
          return TcpResult.REOPEN;
        }
        return this.ignored(part, p, dir, index, oldState);
      case TcpCtState.IGNORE:
        // A SYN/ACK answering a SYN we ignored: both ends agree and only we were out of sync.
        if (
          index === TcpPacketClass.synack &&
          part.lastIndex === TcpPacketClass.syn &&
          part.lastDir !== dir &&
          p.ack >>> 0 === part.lastEnd
        ) {
          resyncFromIgnoredSyn(part, dir);
          oldState = TcpCtState.SYN_SENT;
          newState = TcpCtState.SYN_RECV;
          break;
        }
        return this.ignored(part, p, dir, index, oldState);
      case TcpCtState.INVALID:
        out.reason = TcpReason.INVALID_TRANSITION;
        return TcpResult.INVALID;
      case TcpCtState.TIME_WAIT:
        // RFC 5961: a stack answers a spurious SYN with a challenge ACK, which must not be
        // taken for the ACK of the last FIN.
        if (
          oldState === TcpCtState.LAST_ACK &&
          index === TcpPacketClass.ack &&
          part.lastDir !== dir &&
          part.lastIndex === TcpPacketClass.syn &&
          part.lastFlags & TcpLastFlag.EXP_CHALLENGE_ACK
        ) {
          part.lastFlags &= ~TcpLastFlag.EXP_CHALLENGE_ACK;
          out.reason = TcpReason.CHALLENGE_ACK;
          return this.passed(part, dir, TcpResult.IGNORE);
        }
        break;
      case TcpCtState.SYN_SENT2:
        part.lastFlags |= TcpLastFlag.SIMULTANEOUS_OPEN; // the table alone cannot finish this open
        break;
      case TcpCtState.SYN_RECV:
        if (
          dir === CT_DIR_REPLY &&
          index === TcpPacketClass.ack &&
          part.lastFlags & TcpLastFlag.SIMULTANEOUS_OPEN
        )
          newState = TcpCtState.ESTABLISHED;
        break;
      case TcpCtState.CLOSE: {
        if (index !== TcpPacketClass.rst) break;
        const r = rstCheck(part, p, dir, oldState);
        if (r === RST_INVALID) {
          out.reason = TcpReason.INVALID_RST;
          return TcpResult.INVALID;
        }
        if (r & RST_KEEP_STATE) newState = oldState; // allow a challenge ACK first
        if (r & RST_SKIP_WINDOW) checkWindow = false;
        break;
      }
    }

    if (checkWindow) {
      const res = tcpInWindow(part, dir, index, p, this.liberal, out);
      if (res === TcpResult.IGNORE) return this.passed(part, dir, TcpResult.IGNORE);
      if (res === TcpResult.INVALID) {
        this.handleInvalid(part, dir, index, nowUs);
        return TcpResult.INVALID;
      }
    }

    // In window from here on.
    part.lastIndex = index;
    part.lastDir = dir;
    part.state = newState;
    if (oldState !== newState && newState === TcpCtState.FIN_WAIT)
      part.seen[dir].flags |= TcpWindowFlag.CLOSE_INIT;
    out.newState = newState;
    out.changed = newState !== stored;

    const timeout = this.timeoutUs(part);
    if (!(part.status & TcpStatus.SEEN_REPLY)) {
      if (index === TcpPacketClass.rst) {
        // The only answer was an RST: no connection worth keeping (nf_ct_kill_acct).
        out.kill = true;
        part.expiresUs = nowUs;
        return this.passed(part, dir, TcpResult.ACCEPT);
      }
      // Do not renew on a retransmitted SYN, or port reuse could keep the entry alive forever.
      if (index === TcpPacketClass.syn && oldState === TcpCtState.SYN_SENT)
        return this.passed(part, dir, TcpResult.ACCEPT);
    } else if (
      !(part.status & TcpStatus.ASSURED) &&
      (oldState === TcpCtState.SYN_RECV || oldState === TcpCtState.ESTABLISHED) &&
      newState === TcpCtState.ESTABLISHED
    ) {
      part.status |= TcpStatus.ASSURED; // a valid ACK after the SYN/ACK, or a picked-up answer
    }
    part.expiresUs = nowUs + timeout;
    out.refreshed = true;
    return this.passed(part, dir, TcpResult.ACCEPT);
  }

  /**
   * The timeout the kernel picks for the part's current state and annotations (the choice at
   * the end of nf_conntrack_tcp_packet()): RETRANS after too many retransmissions, CLOSE after
   * an RST, UNACK while data is unacknowledged, RETRANS after a zero window, else the state's
   * own; a picked-up ESTABLISHED entry without a reply yet gets at most UNACK. `part.expiresUs`
   * is when the entry really expires (some packets do not refresh it).
   */
  timeoutUs(part: TcpPart): number {
    const t = this.t;
    const own = t[part.state];
    let timeout: number;
    if (part.retrans >= this.maxRetrans && own > t[TIMEOUT_RETRANS]) timeout = t[TIMEOUT_RETRANS];
    else if (part.lastIndex === TcpPacketClass.rst) timeout = t[TcpCtState.CLOSE];
    else if (
      (part.seen[0].flags | part.seen[1].flags) & TcpWindowFlag.DATA_UNACKNOWLEDGED &&
      own > t[TIMEOUT_UNACK]
    )
      timeout = t[TIMEOUT_UNACK];
    else if (part.lastWin === 0 && own > t[TIMEOUT_RETRANS]) timeout = t[TIMEOUT_RETRANS];
    else timeout = own;
    if (
      !(part.status & TcpStatus.SEEN_REPLY) &&
      part.state === TcpCtState.ESTABLISHED &&
      timeout > t[TIMEOUT_UNACK]
    )
      timeout = t[TIMEOUT_UNACK];
    return timeout;
  }

  /** The sIG path: annotate the packet for a later resync, let it through unchanged. */
  private ignored(part: TcpPart, p: Packet, dir: 0 | 1, index: number, oldState: number): number {
    ignorePacket(part, p, dir, index, oldState);
    this.out.reason = TcpReason.IGNORED_TRANSITION;
    return this.passed(part, dir, TcpResult.IGNORE);
  }

  /** nf_conntrack_in(): any packet the tracker let through marks a reply as seen. */
  private passed(part: TcpPart, dir: 0 | 1, result: number): number {
    if (dir === CT_DIR_REPLY) part.status |= TcpStatus.SEEN_REPLY;
    return result;
  }

  /**
   * nf_tcp_handle_invalid(): an assured connection whose FIN or RST was out of window, answered
   * by an invalid FIN/RST from the other side, is probably dead: shorten its life to UNACK.
   */
  private handleInvalid(part: TcpPart, dir: 0 | 1, index: number, nowUs: number): void {
    if (!(part.status & TcpStatus.ASSURED)) return;
    if (index !== TcpPacketClass.rst && index !== TcpPacketClass.fin) return;
    if (
      part.lastDir !== dir &&
      (part.lastIndex === TcpPacketClass.fin || part.lastIndex === TcpPacketClass.rst)
    ) {
      const remaining = part.expiresUs - nowUs;
      if (remaining < HANDLE_INVALID_FLOOR_US) return;
      const unack = this.t[TIMEOUT_UNACK];
      if (remaining > unack) part.expiresUs = nowUs + unack;
    } else {
      part.lastIndex = index;
      part.lastDir = dir;
    }
  }
}
