import { TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN, type Packet } from '../packet';
import { CcAction, NewReno } from './congestion';
import { output, retransmitFirst, sendAck, sendControl, sendSyn } from './segment-output';
import { seqAdd, seqDiff, seqGe, seqGt, seqLe, seqLt } from './seq';
import type { TcpSocket } from './socket';
import { TcpState } from './tcp-state';

/**
 * What a TCP endpoint does with an arriving segment (RFC 9293 §3.10.7): the SYN-SENT and
 * SYN-RECEIVED handshakes, the acceptability test, RST and SYN in synchronised states, the ACK
 * (new, duplicate, window update), the segment text with reassembly and delayed ACKs, and FIN.
 */

const RECEIVES_DATA =
  (1 << TcpState.established) | (1 << TcpState.finWait1) | (1 << TcpState.finWait2);

export function receiveSegment(s: TcpSocket, p: Packet): void {
  if (s.state === TcpState.synSent) return receiveInSynSent(s, p);
  const flags = p.flags;
  const len = p.payloadLen;
  // Two repeats that lie just before the receive window, so the acceptability test would
  // answer them with a bare ACK: the peer's SYN again (our SYN-ACK was lost: send it again),
  // and the peer's FIN again in TIME-WAIT (our last ACK was lost: ACK it, wait 2·MSL anew).
  if (
    s.state === TcpState.synReceived &&
    flags & TCP_SYN &&
    !(flags & TCP_ACK) &&
    p.seq === s.irs
  ) {
    return sendSyn(s);
  }
  if (s.state === TcpState.timeWait && flags & TCP_FIN && seqAdd(p.seq, len + 1) === s.rcvNxt) {
    sendAck(s);
    return s.enterTimeWait();
  }
  if (!acceptable(s, p.seq, len + (flags & TCP_SYN ? 1 : 0) + (flags & TCP_FIN ? 1 : 0))) {
    if (!(flags & TCP_RST)) sendAck(s);
    return;
  }
  if (flags & TCP_RST) {
    // RFC 1337: a RST must not cut TIME-WAIT short (a stray duplicate can provoke one).
    if (s.state !== TcpState.timeWait) s.fail('connection reset by peer');
    return;
  }
  if (flags & TCP_SYN) {
    sendAck(s); // a SYN in a synchronised state: challenge ACK (RFC 5961)
    return;
  }
  if (!(flags & TCP_ACK)) return;
  if (s.state === TcpState.synReceived) return completePassiveOpen(s, p);
  if (!processAck(s, p)) return;
  if (s.state === TcpState.closed) return;
  if (len > 0 || flags & TCP_FIN) processText(s, p);
  output(s);
}

function receiveInSynSent(s: TcpSocket, p: Packet): void {
  const flags = p.flags;
  const ackOk = seqGt(p.ack, s.iss) && seqLe(p.ack, s.sndMax);
  if (flags & TCP_ACK && !ackOk) {
    if (!(flags & TCP_RST)) sendControl(s, p.ack, TCP_RST);
    return;
  }
  if (flags & TCP_RST) {
    if (flags & TCP_ACK) s.fail('connection refused');
    return;
  }
  if (!(flags & TCP_SYN)) return;
  s.irs = p.seq;
  s.rcvNxt = seqAdd(p.seq, 1);
  takeSynOptions(s, p, false);
  if (!(flags & TCP_ACK)) {
    // Simultaneous open.
    s.setState(TcpState.synReceived);
    s.sndNxt = s.iss;
    sendSyn(s);
    return;
  }
  synAcknowledged(s, p, p.window); // a SYN-ACK's window is not scaled
  sendAck(s);
  s.handler.connected?.(s);
  output(s);
}

/** The ACK of our SYN-ACK: the connection is established and handed to the listener. */
function completePassiveOpen(s: TcpSocket, p: Packet): void {
  if (!(seqGt(p.ack, s.sndUna) && seqLe(p.ack, s.sndMax))) {
    sendControl(s, p.ack, TCP_RST);
    return;
  }
  synAcknowledged(s, p, p.window << s.sndScale);
  s.stack.accepted(s);
  s.handler.connected?.(s);
  if (s.closePending) s.close();
  if (s.state === TcpState.closed) return;
  if (p.payloadLen > 0 || p.flags & TCP_FIN) processText(s, p);
  output(s);
}

/** Our SYN is acknowledged by `p`: take the peer's window, stop the SYN timer, establish. */
function synAcknowledged(s: TcpSocket, p: Packet, window: number): void {
  s.sndUna = p.ack;
  s.sndWnd = window;
  s.sndWl1 = p.seq;
  s.sndWl2 = p.ack;
  s.retries = 0;
  s.sampleRtt(p.ack);
  s.stopRtx();
  s.setState(TcpState.established);
}

/** RFC 9293 §3.10.7.4 acceptability test against our receive window. */
function acceptable(s: TcpSocket, seq: number, segLen: number): boolean {
  const wnd = s.stack.config.receiveBufferBytes;
  const rcvEnd = seqAdd(s.rcvNxt, wnd);
  if (segLen === 0) return seqGe(seq, s.rcvNxt) && seqLt(seq, rcvEnd);
  const last = seqAdd(seq, segLen - 1);
  return (
    (seqGe(seq, s.rcvNxt) && seqLt(seq, rcvEnd)) || (seqGe(last, s.rcvNxt) && seqLt(last, rcvEnd))
  );
}

/** Handles the ACK field; returns false when the segment must be discarded. */
function processAck(s: TcpSocket, p: Packet): boolean {
  const ack = p.ack;
  if (seqGt(ack, s.sndMax)) {
    sendAck(s); // acknowledges something never sent
    return false;
  }
  if (seqGt(ack, s.sndUna)) newAck(s, ack);
  else if (isDuplicateAck(s, p)) duplicateAck(s);
  // Window update (RFC 9293 §3.10.7.4, SND.WL1/SND.WL2 rule).
  if (seqLt(s.sndWl1, p.seq) || (s.sndWl1 === p.seq && seqLe(s.sndWl2, ack))) {
    s.sndWnd = p.window << s.sndScale;
    s.sndWl1 = p.seq;
    s.sndWl2 = ack;
  }
  return true;
}

function isDuplicateAck(s: TcpSocket, p: Packet): boolean {
  return (
    p.ack === s.sndUna &&
    p.payloadLen === 0 &&
    !(p.flags & (TCP_SYN | TCP_FIN)) &&
    p.window << s.sndScale === s.sndWnd &&
    s.sndMax !== s.sndUna
  );
}

function newAck(s: TcpSocket, ack: number): void {
  const acked = seqDiff(ack, s.sndUna);
  const dataAcked = Math.min(acked, s.sendBuffer.length);
  s.sendBuffer.consume(dataAcked);
  s.sndUna = ack;
  if (seqLt(s.sndNxt, ack)) s.sndNxt = ack;
  s.sampleRtt(ack);
  s.retries = 0;
  const flight = seqDiff(s.sndMax, s.sndUna);
  if (s.cc.onNewAck(acked, ack, flight) === CcAction.retransmitNext) {
    retransmitFirst(s, 'fast-retransmit');
  }
  if (s.sndUna === s.sndMax) s.stopRtx();
  else s.startRtx();
  if (s.finSeq >= 0 && !s.finAcked && seqGt(ack, s.finSeq)) ourFinAcked(s);
  if (dataAcked > 0 && s.state !== TcpState.closed) s.handler.writable?.(s);
}

function duplicateAck(s: TcpSocket): void {
  const flight = seqDiff(s.sndMax, s.sndUna);
  if (s.cc.onDupAck(s.sndUna, s.sndMax, flight) === CcAction.fastRetransmit) {
    retransmitFirst(s, 'fast-retransmit');
    s.startRtx();
  }
}

function ourFinAcked(s: TcpSocket): void {
  s.finAcked = true;
  if (s.state === TcpState.finWait1) {
    s.setState(TcpState.finWait2);
    // Linux's tcp_fin_timeout: a peer that never closes its side does not pin us forever.
    s.stack.timers.armTimeWait(s, s.stack.config.finTimeoutUs);
  } else if (s.state === TcpState.closing) s.enterTimeWait();
  else if (s.state === TcpState.lastAck) s.finish(TcpState.closed);
}

/** Segment text (data) and FIN. */
function processText(s: TcpSocket, p: Packet): void {
  let seq = p.seq;
  let offset = 0;
  let len = p.payloadLen;
  const fin = (p.flags & TCP_FIN) !== 0;
  if (len > 0 && !(RECEIVES_DATA & (1 << s.state))) len = 0; // peer already sent FIN
  if (seqLt(seq, s.rcvNxt)) {
    const skip = Math.min(seqDiff(s.rcvNxt, seq), len);
    seq = seqAdd(seq, skip);
    offset = skip;
    len -= skip;
  }
  // Never hold more than the window we advertised: ignore bytes beyond its right edge.
  const beyond = seqDiff(seqAdd(seq, len), seqAdd(s.rcvNxt, s.stack.config.receiveBufferBytes));
  if (beyond > 0) len -= beyond;
  if (seq !== s.rcvNxt) {
    // Out of order: keep it for later and send a duplicate ACK at once (RFC 5681 §4.2).
    if (RECEIVES_DATA & (1 << s.state)) s.reassembly.insert(seq, p.payload, offset, len, fin);
    sendAck(s);
    return;
  }
  const hadHoles = !s.reassembly.isEmpty;
  if (len > 0) deliver(s, p.payload, offset, len);
  let finNow = fin;
  if (hadHoles) {
    s.rcvNxt = s.reassembly.drain(s.rcvNxt, (b: Uint8Array, o: number, l: number) =>
      deliver(s, b, o, l),
    );
    finNow = finNow || s.reassembly.finReached;
  }
  if (finNow) return peerFin(s);
  if (len === 0) {
    if (fin === false && offset > 0) sendAck(s); // pure duplicate
    return;
  }
  // Delayed ACK: every second full segment at once, else within delayedAckUs; at once when
  // a hole was just filled, so the sender's recovery sees it quickly.
  if (hadHoles || ++s.unackedSegments >= 2 || s.stack.config.delayedAckUs === 0) sendAck(s);
  else if (s.delAckDeadlineUs < 0) s.stack.timers.armDelayedAck(s, s.stack.config.delayedAckUs);
}

function deliver(s: TcpSocket, bytes: Uint8Array, offset: number, length: number): void {
  s.rcvNxt = seqAdd(s.rcvNxt, length);
  s.handler.data?.(s, bytes, offset, length);
}

function peerFin(s: TcpSocket): void {
  s.rcvNxt = seqAdd(s.rcvNxt, 1);
  sendAck(s);
  switch (s.state) {
    case TcpState.established:
      s.setState(TcpState.closeWait);
      s.handler.peerClosed?.(s);
      break;
    case TcpState.finWait1:
      if (s.finAcked) s.enterTimeWait();
      else s.setState(TcpState.closing);
      s.handler.peerClosed?.(s);
      break;
    case TcpState.finWait2:
      s.handler.peerClosed?.(s);
      s.enterTimeWait();
      break;
  }
}

export function takeSynOptions(s: TcpSocket, syn: Packet, passive: boolean): void {
  s.mss = Math.min(s.stack.config.mssBytes, syn.mssOption > 0 ? syn.mssOption : 536);
  s.cc = new NewReno(s.mss, s.stack.config.initialCwndSegments, s.iss);
  if (syn.wscaleOption >= 0) {
    s.sndScale = Math.min(syn.wscaleOption, 14);
    s.rcvScale = s.stack.config.windowScale;
  } else {
    s.sndScale = 0;
    s.rcvScale = passive ? -1 : 0; // -1: the peer did not offer scaling; do not reply with it
  }
}
