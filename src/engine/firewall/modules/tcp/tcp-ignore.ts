import { type Packet } from '../../../net/packet';
import { resetTcpWindowState, TcpLastFlag, type TcpPart, TcpWindowFlag } from './tcp-part';
import { TcpCtState } from './tcp-states';
import { CT_DIR_ORIGINAL, CT_DIR_REPLY, TcpPacketClass } from './tcp-transitions';
import { segmentEnd, wscaleOf } from './tcp-window';

/**
 * The kernel's handling of ignored packets (case TCP_CONNTRACK_IGNORE in
 * nf_conntrack_tcp_packet(), Linux 6.17). Our entry may be out of sync with the real
 * connection, so packets that could signal it — (a) a SYN in ORIGINAL, (b) a SYN/ACK in REPLY,
 * (c) an ACK in REPLY after the first SYN — pass unchanged but are annotated: if the receiver
 * answers, we resynchronise from the annotation; if it was invalid, the RST is caught later.
 */
export function ignorePacket(
  part: TcpPart,
  p: Packet,
  dir: 0 | 1,
  index: number,
  oldState: number,
): void {
  part.lastIndex = index;
  part.lastDir = dir;
  part.lastSeq = p.seq >>> 0;
  part.lastEnd = segmentEnd(p);
  part.lastWin = p.window & 0xffff;

  // (a) Remember the SYN's options: if it is valid the server's SYN/ACK brings us in sync,
  // otherwise the server may answer with an RFC 5961 challenge ACK.
  if (index === TcpPacketClass.syn && dir === CT_DIR_ORIGINAL) {
    part.lastFlags = 0;
    part.lastWscale = 0;
    const wscale = wscaleOf(p);
    if (wscale >= 0) {
      part.lastFlags |= TcpWindowFlag.WINDOW_SCALE;
      part.lastWscale = wscale;
    }
    // In LAST_ACK such an ACK would look like the ACK of the last FIN.
    if (oldState === TcpCtState.LAST_ACK) part.lastFlags |= TcpLastFlag.EXP_CHALLENGE_ACK;
  }

  // (c) A possible challenge ACK answering the SYN.
  if (oldState === TcpCtState.SYN_SENT && index === TcpPacketClass.ack && dir === CT_DIR_REPLY)
    part.lastAck = p.ack >>> 0;
}

/**
 * (b) This SYN/ACK acknowledges the SYN we ignored: client and server are in sync and we are
 * not. Rebuild the SYN sender's view from the annotation and forget the SYN/ACK sender's, which
 * the window check then initialises from this SYN/ACK.
 */
export function resyncFromIgnoredSyn(part: TcpPart, dir: 0 | 1): void {
  const syn = part.seen[part.lastDir];
  syn.tdEnd = part.lastEnd;
  syn.tdMaxend = part.lastEnd;
  syn.tdMaxwin = part.lastWin === 0 ? 1 : part.lastWin;
  syn.tdScale = part.lastWscale;
  part.lastFlags &= ~TcpLastFlag.EXP_CHALLENGE_ACK;
  syn.flags = part.lastFlags;
  resetTcpWindowState(part.seen[dir]);
}
