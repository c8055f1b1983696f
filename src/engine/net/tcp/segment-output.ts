import { TCP_ACK, TCP_FIN, TCP_PSH, TCP_SYN, type Packet } from '../packet';
import { seqAdd, seqDiff, seqGt, seqLt } from './seq';
import type { TcpSocket } from './socket';
import { TcpState } from './tcp-state';

/**
 * What a TCP endpoint sends: data and FIN within the congestion and peer windows, with
 * sender-side silly-window avoidance; retransmissions; SYN / SYN-ACK with their options; ACKs
 * and RSTs. Every segment carries the current ACK and window.
 */

const SYNCHRONIZED_SEND =
  (1 << TcpState.established) |
  (1 << TcpState.closeWait) |
  (1 << TcpState.finWait1) |
  (1 << TcpState.closing) |
  (1 << TcpState.lastAck);

/** Sends whatever the congestion and peer windows allow, then the FIN when it is due. */
export function output(s: TcpSocket): void {
  if (!(SYNCHRONIZED_SEND & (1 << s.state))) return;
  const buffered = s.sendBuffer.length;
  for (;;) {
    const sent = seqDiff(s.sndNxt, s.sndUna);
    const unsent = buffered - sent;
    if (unsent > 0) {
      const room = Math.min(s.cc.cwnd, s.sndWnd) - seqDiff(s.sndNxt, s.sndUna);
      const n = Math.min(s.mss, unsent, room);
      if (n <= 0) break;
      // Sender-side silly-window avoidance: no runt segment while data is in flight.
      if (n < s.mss && n < unsent && s.sndNxt !== s.sndUna) break;
      const withFin = s.finSeq >= 0 && n === unsent;
      sendData(s, s.sndNxt, n, withFin);
      s.sndNxt = seqAdd(s.sndNxt, n + (withFin ? 1 : 0));
    } else if (s.finSeq >= 0 && s.sndNxt === s.finSeq) {
      sendData(s, s.sndNxt, 0, true);
      s.sndNxt = seqAdd(s.sndNxt, 1);
    } else {
      break;
    }
    if (seqGt(s.sndNxt, s.sndMax)) s.sndMax = s.sndNxt;
    if (s.rtxDeadlineUs < 0) s.startRtx();
  }
}

/** Sends [seq, seq+len) from the send buffer (plus FIN); counts retransmissions. */
function sendData(s: TcpSocket, seq: number, len: number, fin: boolean): void {
  const isRetransmission = seqLt(seq, s.sndMax);
  if (isRetransmission) {
    s.retransmissions++;
    s.counter?.countRetransmission();
  } else if (!s.timing && len > 0) {
    s.timing = true;
    s.rttSeq = seq;
    s.rttStartUs = s.nowUs;
  }
  const p = newSegment(s, seq, TCP_ACK | (fin ? TCP_FIN : 0));
  if (len > 0) {
    s.sendBuffer.copyOut(seqDiff(seq, s.sndUna), len, p.payloadBuffer(), 0);
    p.payloadLen = len;
    if (seqDiff(seq, s.sndUna) + len === s.sendBuffer.length) p.flags |= TCP_PSH;
  }
  s.stack.transmit(p);
}

/** Retransmits the first unacknowledged segment (fast retransmit / partial ACK / timeout). */
export function retransmitFirst(s: TcpSocket, cause: 'fast-retransmit' | 'timeout'): void {
  const len = Math.min(s.mss, s.sendBuffer.length);
  const fin = s.finSeq >= 0 && len === s.sendBuffer.length && seqGt(s.sndMax, s.finSeq);
  if (len === 0 && !fin) return;
  s.traceRetransmit(s.sndUna, len, cause);
  sendData(s, s.sndUna, len, fin);
  const end = seqAdd(s.sndUna, len + (fin ? 1 : 0));
  if (seqLt(s.sndNxt, end)) s.sndNxt = end;
}

export function sendSyn(s: TcpSocket): void {
  const passive = s.state === TcpState.synReceived;
  const p = newSegment(s, s.iss, passive ? TCP_SYN | TCP_ACK : TCP_SYN);
  p.mssOption = s.stack.config.mssBytes;
  if (!passive || s.rcvScale >= 0) p.wscaleOption = s.stack.config.windowScale;
  p.window = Math.min(s.stack.config.receiveBufferBytes, 0xffff);
  if (seqLt(s.iss, s.sndMax)) {
    s.retransmissions++;
    s.counter?.countRetransmission();
  }
  s.sndNxt = seqAdd(s.iss, 1);
  s.sndMax = s.sndNxt;
  s.stack.transmit(p);
  s.startRtx();
}

export function sendAck(s: TcpSocket): void {
  sendControl(s, s.sndNxt, TCP_ACK);
}

export function sendControl(s: TcpSocket, seq: number, flags: number): void {
  s.stack.transmit(newSegment(s, seq, flags));
}

function newSegment(s: TcpSocket, seq: number, flags: number): Packet {
  const p = s.stack.newPacket(s.remoteAddr, s.localPort, s.remotePort);
  p.seq = seq;
  p.flags = flags;
  if (flags & TCP_ACK) {
    p.ack = s.rcvNxt;
    s.unackedSegments = 0;
    if (s.delAckDeadlineUs >= 0) s.delAckDeadlineUs = -1;
  }
  const wnd = s.stack.config.receiveBufferBytes >> Math.max(s.rcvScale, 0);
  p.window = Math.min(wnd, 0xffff);
  return p;
}
