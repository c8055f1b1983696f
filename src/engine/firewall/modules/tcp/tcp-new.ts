import { type Packet } from '../../../net/packet';
import { clearTcpPart, newTcpPart, type TcpPart, TcpWindowFlag } from './tcp-part';
import { TcpReason, type TcpTrackOut } from './tcp-result';
import { TcpCtState } from './tcp-states';
import {
  CT_DIR_ORIGINAL,
  tcpFlagsValid,
  tcpPacketClass,
  TcpPacketClass,
  tcpTransition,
} from './tcp-transitions';
import { segmentEnd, tcpOptions } from './tcp-window';

/**
 * tcp_error() + tcp_new() (net/netfilter/nf_conntrack_proto_tcp.c, Linux 6.17): may this
 * packet open a connection, and with what initial window view? Only a SYN, or — when `loose`
 * (nf_conntrack_tcp_loose=1) — a plain ACK seen mid-stream: the table's ORIGINAL row for NONE
 * refuses SYN/ACK, FIN, RST and flagless packets. Returns the part, still in state NONE (the
 * state machine then runs on the same packet), or null with the reason in `out.reason`.
 */
export function tcpNew(
  p: Packet,
  loose: boolean,
  out: TcpTrackOut,
  into?: TcpPart,
): TcpPart | null {
  if (!tcpFlagsValid(p.flags)) {
    out.reason = TcpReason.BAD_FLAGS;
    return null;
  }
  const newState = tcpTransition(CT_DIR_ORIGINAL, tcpPacketClass(p.flags), TcpCtState.NONE);
  if (newState !== TcpCtState.SYN_SENT && newState !== TcpCtState.ESTABLISHED) {
    out.reason = TcpReason.INVALID_NEW; // "too late and no reason to do anything"
    return null;
  }
  if (newState !== TcpCtState.SYN_SENT && !loose) {
    out.reason = TcpReason.NO_PICKUP;
    return null;
  }
  const part = into ?? newTcpPart();
  if (into) clearTcpPart(into);
  const s = part.seen[0];
  s.tdEnd = segmentEnd(p);
  s.tdMaxwin = p.window & 0xffff || 1;
  if (newState === TcpCtState.SYN_SENT) {
    s.tdMaxend = s.tdEnd;
    tcpOptions(p, s);
  } else {
    // In the middle of a connection whose history we missed: trust the packet, assume SACK and
    // check both directions liberally, since the window scale cannot be known.
    s.tdMaxend = (s.tdEnd + s.tdMaxwin) >>> 0;
    s.flags = TcpWindowFlag.SACK_PERM | TcpWindowFlag.BE_LIBERAL;
    part.seen[1].flags = TcpWindowFlag.SACK_PERM | TcpWindowFlag.BE_LIBERAL;
  }
  part.lastIndex = TcpPacketClass.none; // tcp_packet sets it
  return part;
}
