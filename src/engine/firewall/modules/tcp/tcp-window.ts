import { TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN, type Packet } from '../../../net/packet';
import { seqAdd, seqGt, seqLt } from '../../../net/tcp/seq';
import { type TcpPart, TcpWindowFlag, type TcpWindowState } from './tcp-part';
import { TcpReason, TcpResult, type TcpTrackOut } from './tcp-result';
import { TcpCtState } from './tcp-states';
import { CT_DIR_REPLY, TcpPacketClass } from './tcp-transitions';

/**
 * Sequence/window tracking of one packet against its connection: the kernel's tcp_in_window()
 * and helpers (net/netfilter/nf_conntrack_proto_tcp.c, Linux 6.17), after Guido van Rooij's
 * "Real Stateful TCP Packet Filtering in IP Filter". With sender S and receiver R:
 *
 *   I.   seq <= S.td_maxend                         (data within what R allowed)
 *   II.  seq + len >= S.td_end - R.td_maxwin        (not older than one window)
 *   III. ack <= R.td_end                            (acknowledges only data seen)
 *   IV.  ack >= R.td_end - MAXACKWINDOW(S)          (not an ancient ACK)
 *
 * Our TCP sends no SACK blocks, so "sack" is always the ACK number (tcp_sack() is not needed),
 * and there is no NAT, so no sequence offset. All values are uint32; comparisons wrap.
 */

/** RFC 7323's largest shift (TCP_MAX_WSCALE): larger announced values are clamped. */
export const TCP_MAX_WSCALE = 14;
/** MAXACKWINCONST: the floor of the ACK lower-bound window ("what about big packets?"). */
export const MAXACKWINCONST = 66000;

/** segment_seq_plus_len(): the sequence number after this segment (SYN and FIN count one). */
export function segmentEnd(p: Packet): number {
  return (p.seq + p.payloadLen + (p.flags & TCP_SYN ? 1 : 0) + (p.flags & TCP_FIN ? 1 : 0)) >>> 0;
}

/** MAXACKWINDOW(sender). */
export function maxAckWindow(sender: TcpWindowState): number {
  return sender.tdMaxwin > MAXACKWINCONST ? sender.tdMaxwin : MAXACKWINCONST;
}

/** The packet carries TCP options (our TCP sends only MSS and window scale, on SYNs). */
export function hasTcpOptions(p: Packet): boolean {
  return p.mssOption > 0 || p.wscaleOption >= 0;
}

/** The window-scale option as the kernel keeps it: clamped to 14, -1 when absent. */
export function wscaleOf(p: Packet): number {
  return p.wscaleOption < 0 ? -1 : Math.min(p.wscaleOption, TCP_MAX_WSCALE);
}

/**
 * tcp_options(): a packet with options resets the scale and the option flags (keeping
 * be-liberal), then records window scaling. Without options nothing changes.
 */
export function tcpOptions(p: Packet, state: TcpWindowState): void {
  if (!hasTcpOptions(p)) return;
  state.tdScale = 0;
  state.flags &= TcpWindowFlag.BE_LIBERAL;
  const wscale = wscaleOf(p);
  if (wscale >= 0) {
    state.tdScale = wscale;
    state.flags |= TcpWindowFlag.WINDOW_SCALE;
  }
}

/**
 * tcp_init_sender(): a SYN/ACK answering the SYN, or the reply-direction SYN of a simultaneous
 * open, (re)starts its sender's view. RFC 7323: scaling counts only if both sides offered it,
 * which is known once the reply direction has spoken.
 */
export function tcpInitSender(
  sender: TcpWindowState,
  receiver: TcpWindowState,
  p: Packet,
  end: number,
  win: number,
  dir: number,
): void {
  sender.tdEnd = end;
  sender.tdMaxend = end;
  sender.tdMaxwin = win === 0 ? 1 : win;
  tcpOptions(p, sender);
  if (
    dir === CT_DIR_REPLY &&
    !(sender.flags & TcpWindowFlag.WINDOW_SCALE && receiver.flags & TcpWindowFlag.WINDOW_SCALE)
  ) {
    sender.tdScale = 0;
    receiver.tdScale = 0;
  }
}

/**
 * nf_tcp_log_invalid(): a failed check is not reported when either the sender is tracked
 * liberally (picked up mid-stream) or the whole tracker is (nf_conntrack_tcp_be_liberal=1);
 * the packet is then accepted *without* updating the window state.
 */
function failed(
  sender: TcpWindowState,
  liberal: boolean,
  result: number,
  reason: TcpTrackOut['reason'],
  out: TcpTrackOut,
): number {
  if (liberal || (sender.flags & TcpWindowFlag.BE_LIBERAL) !== 0) return TcpResult.ACCEPT;
  out.reason = reason;
  return result;
}

/**
 * tcp_in_window(): checks the packet against the window bounds and, when it passes, advances
 * both directions' views and the retransmission counter. Returns TcpResult ACCEPT, IGNORE or
 * INVALID (reason in `out`). `index` is the packet's TcpPacketClass.
 */
export function tcpInWindow(
  part: TcpPart,
  dir: 0 | 1,
  index: number,
  p: Packet,
  liberal: boolean,
  out: TcpTrackOut,
): number {
  const sender = part.seen[dir];
  const receiver = part.seen[dir ^ 1];
  const flags = p.flags;
  let seq = p.seq >>> 0;
  let ack = p.ack >>> 0;
  let sack = ack;
  const winRaw = p.window & 0xffff;
  let win = winRaw;
  let end = segmentEnd(p);

  if (sender.tdMaxwin === 0) {
    // First packet seen from this sender.
    if (flags & TCP_SYN) {
      tcpInitSender(sender, receiver, p, end, win, dir);
      if (!(flags & TCP_ACK)) return TcpResult.ACCEPT; // simultaneous open
    } else {
      // Mid-connection: its history is lost to us, so take what the packet says.
      sender.tdEnd = end;
      const swin = win << sender.tdScale;
      sender.tdMaxwin = swin === 0 ? 1 : swin;
      sender.tdMaxend = seqAdd(end, sender.tdMaxwin);
      if (receiver.tdMaxwin === 0) {
        // Nothing seen the other way yet: make III and IV pass until something is.
        receiver.tdEnd = sack;
        receiver.tdMaxend = sack;
      } else if (sack === seqAdd(receiver.tdEnd, 1)) {
        receiver.tdEnd = seqAdd(receiver.tdEnd, 1); // likely answers a keepalive (needed for III)
      }
    }
  } else if (
    flags & TCP_SYN &&
    seqGt(end, sender.tdEnd) &&
    (part.state === TcpCtState.SYN_SENT || part.state === TcpCtState.SYN_RECV)
  ) {
    // RFC 793: a reinitialised TCP may reuse the port with higher sequence numbers. Start this
    // direction again, as for the first SYN(/ACK); its seq, ack or options may differ.
    tcpInitSender(sender, receiver, p, end, win, dir);
    if (dir === CT_DIR_REPLY && !(flags & TCP_ACK)) return TcpResult.ACCEPT;
  }

  if (!(flags & TCP_ACK)) {
    ack = sack = receiver.tdEnd; // no ACK: pretend it acknowledged everything, which passes
  } else if (flags & TCP_RST && ack === 0) {
    ack = sack = receiver.tdEnd; // broken stacks send RST|ACK with a zero ACK
  }

  if (flags & TCP_RST && seq === 0 && part.state === TcpCtState.SYN_SENT) {
    seq = end = sender.tdEnd; // an RST answering the SYN
  }

  if (!seqLt(seq, seqAdd(sender.tdMaxend, 1))) {
    // I fails. Some TCPs send a little more than the window allows: if everything else holds,
    // remember the data (so that its ACK passes later) but only ignore this packet.
    const overshot = (end - sender.tdMaxend + 1) >>> 0;
    const ackOk = seqGt(sack, receiver.tdEnd - maxAckWindow(sender) - 1);
    const inRecvWin = receiver.tdMaxwin !== 0 && seqGt(end, sender.tdEnd - receiver.tdMaxwin - 1);
    if (inRecvWin && ackOk && overshot <= receiver.tdMaxwin && seqLt(sack, receiver.tdEnd + 1)) {
      sender.tdEnd = end;
      sender.flags |= TcpWindowFlag.DATA_UNACKNOWLEDGED;
      return failed(sender, liberal, TcpResult.IGNORE, TcpReason.OVERSHOT, out);
    }
    return failed(sender, liberal, TcpResult.INVALID, TcpReason.OUT_OF_WINDOW, out);
  }
  if (!seqLt(sack, receiver.tdEnd + 1)) {
    return failed(sender, liberal, TcpResult.INVALID, TcpReason.ACK_OUT_OF_WINDOW, out);
  }
  if (receiver.tdMaxwin !== 0 && !seqGt(end, sender.tdEnd - receiver.tdMaxwin - 1)) {
    return failed(sender, liberal, TcpResult.IGNORE, TcpReason.OLD_DATA, out); // II fails
  }
  if (!seqGt(sack, receiver.tdEnd - maxAckWindow(sender) - 1)) {
    return failed(sender, liberal, TcpResult.IGNORE, TcpReason.OLD_ACK, out); // IV fails
  }

  // RFC 7323: windows in SYNs are never scaled.
  if (!(flags & TCP_SYN)) win = win << sender.tdScale;

  // Update the sender.
  const swin = (win + (sack - ack)) >>> 0;
  if (sender.tdMaxwin < swin) sender.tdMaxwin = swin;
  if (seqGt(end, sender.tdEnd)) {
    sender.tdEnd = end;
    sender.flags |= TcpWindowFlag.DATA_UNACKNOWLEDGED;
  }
  if (flags & TCP_ACK) {
    if (!(sender.flags & TcpWindowFlag.MAXACK_SET)) {
      sender.tdMaxack = ack;
      sender.flags |= TcpWindowFlag.MAXACK_SET;
    } else if (seqGt(ack, sender.tdMaxack)) {
      sender.tdMaxack = ack;
    }
  }

  // Update the receiver.
  if (receiver.tdMaxwin !== 0 && seqGt(end, sender.tdMaxend)) {
    receiver.tdMaxwin = (receiver.tdMaxwin + ((end - sender.tdMaxend) >>> 0)) >>> 0;
  }
  if (seqGt(sack + win, receiver.tdMaxend - 1)) {
    receiver.tdMaxend = seqAdd(sack, win === 0 ? 1 : win);
  }
  if (ack === receiver.tdEnd) receiver.flags &= ~TcpWindowFlag.DATA_UNACKNOWLEDGED;

  // Count retransmissions: the same pure ACK segment again and again.
  if (index === TcpPacketClass.ack) {
    if (
      part.lastDir === dir &&
      part.lastSeq === seq &&
      part.lastAck === ack &&
      part.lastEnd === end &&
      part.lastWin === winRaw
    ) {
      part.retrans++;
    } else {
      part.lastDir = dir;
      part.lastSeq = seq;
      part.lastAck = ack;
      part.lastEnd = end;
      part.lastWin = winRaw;
      part.retrans = 0;
    }
  }
  return TcpResult.ACCEPT;
}
