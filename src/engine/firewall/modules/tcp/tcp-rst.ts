import { type Packet } from '../../../net/packet';
import { seqLt } from '../../../net/tcp/seq';
import { type TcpPart, TcpStatus, TcpWindowFlag, tcpEstablished } from './tcp-part';
import { TcpCtState } from './tcp-states';
import { CT_DIR_REPLY, TcpPacketClass } from './tcp-transitions';

/**
 * Which RSTs may close a connection: the TCP_CONNTRACK_CLOSE case of the kernel's
 * nf_conntrack_tcp_packet() (Linux 6.17). Before the window check, an RST must carry exactly
 * the sequence number the peer expects (RFC 5961); others are refused, or accepted without
 * closing so that the end can send a challenge ACK. Some RSTs skip the window check because
 * they answer packets we let through without tracking them.
 */

/** Proceed to the window check and close (the kernel's `break`). */
export const RST_CLOSE = 0;
/** Keep the current state instead of closing (new_state = old_state). */
export const RST_KEEP_STATE = 1;
/** Skip the window check (the kernel's `goto in_window`). */
export const RST_SKIP_WINDOW = 2;
/** "invalid rst": below what the peer acknowledged (nf_conntrack_tcp_ignore_invalid_rst=0). */
export const RST_INVALID = 4;

/** tcp_can_early_drop(): the entry is already closing, so its sequence data may be stale. */
export function tcpClosing(state: number): boolean {
  return (
    state === TcpCtState.FIN_WAIT ||
    state === TcpCtState.LAST_ACK ||
    state === TcpCtState.TIME_WAIT ||
    state === TcpCtState.CLOSE ||
    state === TcpCtState.CLOSE_WAIT
  );
}

/** Classifies an RST for a part in `oldState`; returns RST_* bits. */
export function rstCheck(part: TcpPart, p: Packet, dir: 0 | 1, oldState: number): number {
  // Closing: the tuple may already be reused, nothing to validate against.
  if (tcpClosing(part.state)) return RST_SKIP_WINDOW;
  const seq = p.seq >>> 0;
  const ack = p.ack >>> 0;
  const peer = part.seen[dir ^ 1];
  let result = RST_CLOSE;
  // td_maxack is stale if we let a SYN through just before.
  if (peer.flags & TcpWindowFlag.MAXACK_SET && part.lastIndex !== TcpPacketClass.syn) {
    const established = tcpEstablished(part);
    // SEQ 0 outside ESTABLISHED most likely answers a SYN we let through.
    if (seq === 0 && !established) return RST_CLOSE;
    if (seqLt(seq, peer.tdMaxack)) return RST_INVALID;
    if (!established || seq === peer.tdMaxack) return RST_CLOSE;
    // Part of a train: data, then an RST at its end (P 235946583:235946602, R 235946602).
    if (part.lastIndex === TcpPacketClass.ack && part.lastDir === dir && seq === part.lastEnd)
      return RST_CLOSE;
    // Not exactly the expected number: keep the state, the end may send a challenge ACK.
    result = RST_KEEP_STATE;
  }
  // RST answering a SYN (a) or an ACK of a half-open connection (c) that we let through
  // unchecked: it may acknowledge what we ignored, so skip the window check.
  if (
    ((part.status & TcpStatus.SEEN_REPLY && part.lastIndex === TcpPacketClass.syn) ||
      (!(part.status & TcpStatus.ASSURED) && part.lastIndex === TcpPacketClass.ack)) &&
    ack === part.lastEnd
  )
    return result | RST_SKIP_WINDOW;
  // RST answering a challenge ACK we let through in SYN_SENT.
  if (
    oldState === TcpCtState.SYN_SENT &&
    part.lastIndex === TcpPacketClass.ack &&
    part.lastDir === CT_DIR_REPLY &&
    seq === part.lastAck
  )
    return result | RST_SKIP_WINDOW;
  return result;
}
