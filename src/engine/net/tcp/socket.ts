import { invariant } from '../../errors';
import { joined } from '../../util/joined-text';
import { formatIpv4 } from '../ipv4';
import { TCP_ACK, TCP_RST, type Packet } from '../packet';
import { ByteRing } from './byte-ring';
import { NewReno } from './congestion';
import { ReassemblyQueue } from './reassembly';
import { RtoEstimator } from './rto-estimator';
import { receiveSegment, takeSynOptions } from './segment-arrival';
import { output, retransmitFirst, sendAck, sendControl, sendSyn } from './segment-output';
import { seqAdd, seqDiff, seqGt } from './seq';
import type { TcpStack } from './stack';
import { TcpState, tcpStateNames, type TcpStateCode } from './tcp-state';

/** What an application hears from its connection. Every callback is optional. */
export interface TcpHandler {
  connected?(socket: TcpSocket): void;
  /** In-order bytes; the view is only valid during the call (copy to keep). */
  data?(socket: TcpSocket, bytes: Uint8Array, offset: number, length: number): void;
  /** Send-buffer space was freed by an acknowledgement. */
  writable?(socket: TcpSocket): void;
  /** The peer sent FIN: no more data will arrive. */
  peerClosed?(socket: TcpSocket): void;
  /** The connection ended normally (our FIN acknowledged and theirs received). */
  closed?(socket: TcpSocket): void;
  aborted?(socket: TcpSocket, reason: string): void;
}

/** Someone counting retransmissions of a flow (the flow's statistics). */
export interface RetransmissionCounter {
  countRetransmission(): void;
}

const NO_HANDLER: TcpHandler = {};

/**
 * One TCP connection endpoint (RFC 9293): handshake, MSS and window-scale options, sliding
 * window with NewReno congestion control, cumulative and delayed ACKs, RFC 6298
 * retransmission timer with back-off and a bounded number of retries, FIN teardown with
 * TIME-WAIT, and RST. Applications consume in-order data at once, so the receive window
 * advertised is the whole receive buffer; out-of-order data stays within it.
 *
 * This file holds the connection's variables, what applications call, the timers and the
 * state transitions; segment-arrival.ts and segment-output.ts hold the two halves of the
 * protocol, as functions over a socket. Fields those files use are public but belong to tcp/.
 */
export class TcpSocket {
  state: TcpStateCode = TcpState.closed;
  handler: TcpHandler = NO_HANDLER;
  counter: RetransmissionCounter | null = null;

  // Send sequence space
  iss: number;
  sndUna: number;
  sndNxt: number;
  sndMax: number;
  sndWnd = 0;
  sndWl1 = 0;
  sndWl2 = 0;
  sndScale = 0;
  readonly sendBuffer: ByteRing;
  /** Sequence number of our FIN once the application closed, else -1. */
  finSeq = -1;
  finAcked = false;
  /** close() was called before the handshake completed; honoured once it does. */
  closePending = false;

  // Receive sequence space
  irs = 0;
  rcvNxt = 0;
  rcvScale = 0;
  readonly reassembly = new ReassemblyQueue();
  unackedSegments = 0;

  mss: number;
  cc: NewReno;
  readonly rto: RtoEstimator;
  timing = false;
  rttSeq = 0;
  rttStartUs = 0;
  retries = 0;

  // Timer deadlines (-1 = off); one scheduled event serves all of them (see timers.ts).
  rtxDeadlineUs = -1;
  delAckDeadlineUs = -1;
  timeWaitDeadlineUs = -1;
  timerIndex = -1;

  retransmissions = 0;
  private labelText: string | null = null;

  constructor(
    readonly stack: TcpStack,
    readonly localPort: number,
    readonly remoteAddr: number,
    readonly remotePort: number,
  ) {
    const cfg = stack.config;
    this.iss = stack.rng.nextU32();
    this.sndUna = this.iss;
    this.sndNxt = this.iss;
    this.sndMax = this.iss;
    this.mss = cfg.mssBytes;
    this.sendBuffer = new ByteRing(cfg.sendBufferBytes, stack.ringPool);
    this.cc = new NewReno(this.mss, cfg.initialCwndSegments, this.iss);
    this.rto = new RtoEstimator(cfg.initialRtoUs, cfg.minRtoUs, cfg.maxRtoUs);
  }

  get localAddr(): number {
    return this.stack.host.address;
  }

  /**
   * "192.0.2.10:40000 → 198.51.100.20:21", for traces and messages: made once (every state
   * change is traced with it; its parts never change).
   */
  get label(): string {
    this.labelText ??= joined`${formatIpv4(this.localAddr)}:${this.localPort} → ${formatIpv4(this.remoteAddr)}:${this.remotePort}`;
    return this.labelText;
  }

  get stateName(): string {
    return tcpStateNames[this.state];
  }

  get nowUs(): number {
    return this.stack.ctx.nowUs;
  }

  // ---- Application calls -------------------------------------------------------------

  /** Active open: sends SYN. */
  openActive(): void {
    this.setState(TcpState.synSent);
    sendSyn(this);
  }

  /** Passive open from a listener that received `syn`: sends SYN-ACK. */
  openPassive(syn: Packet): void {
    this.irs = syn.seq;
    this.rcvNxt = seqAdd(syn.seq, 1);
    takeSynOptions(this, syn, true);
    this.sndWnd = syn.window; // never scaled on a SYN
    this.setState(TcpState.synReceived);
    sendSyn(this);
  }

  /** Queues bytes for sending; returns how many fitted in the send buffer. */
  write(source: Uint8Array, offset: number, length: number): number {
    if (this.finSeq >= 0 || this.state === TcpState.closed) return 0;
    const n = this.sendBuffer.write(source, offset, length);
    output(this);
    return n;
  }

  get writableBytes(): number {
    return this.finSeq >= 0 ? 0 : this.sendBuffer.free;
  }

  /** Graceful close: FIN after the buffered data. */
  close(): void {
    if (this.finSeq >= 0) return;
    switch (this.state) {
      case TcpState.synSent:
        this.finish(TcpState.closed);
        return;
      case TcpState.synReceived:
        this.closePending = true;
        return;
      case TcpState.established:
        this.setState(TcpState.finWait1);
        break;
      case TcpState.closeWait:
        this.setState(TcpState.lastAck);
        break;
      default:
        return;
    }
    this.finSeq = seqAdd(this.sndUna, this.sendBuffer.length);
    output(this);
  }

  /** Abortive close: RST to the peer, nothing more. */
  abort(reason = 'aborted by application'): void {
    if (this.state === TcpState.closed) return;
    if (this.state !== TcpState.synSent && this.state !== TcpState.timeWait) {
      sendControl(this, this.sndNxt, TCP_RST | TCP_ACK);
    }
    this.fail(reason);
  }

  /** Processes one arriving segment; the caller recycles the packet afterwards. */
  receive(p: Packet): void {
    receiveSegment(this, p);
  }

  // ---- Timers ------------------------------------------------------------------------

  startRtx(): void {
    this.stack.timers.armRetransmit(this, this.rto.rtoUs);
  }

  stopRtx(): void {
    this.rtxDeadlineUs = -1;
  }

  sampleRtt(ack: number): void {
    if (this.timing && seqGt(ack, this.rttSeq)) {
      this.timing = false;
      this.rto.sample(this.nowUs - this.rttStartUs);
    }
  }

  /** Called by TcpTimers when the retransmission deadline passes. */
  onRetransmitTimeout(): void {
    this.rtxDeadlineUs = -1;
    const cfg = this.stack.config;
    if (this.state === TcpState.synSent || this.state === TcpState.synReceived) {
      if (++this.retries > cfg.synRetries) return this.fail('connection timed out');
      this.rto.backOff();
      this.traceRetransmit(this.iss, 0, 'syn-timeout');
      return sendSyn(this);
    }
    if (this.sndUna === this.sndMax) return;
    if (++this.retries > cfg.maxRetries) return this.fail('retransmission timeout');
    this.cc.onTimeout(seqDiff(this.sndMax, this.sndUna), this.sndMax);
    this.rto.backOff();
    this.timing = false; // Karn: no RTT sample from retransmitted data
    this.sndNxt = this.sndUna; // go back N: resend from the first unacknowledged byte
    retransmitFirst(this, 'timeout');
    this.startRtx();
  }

  onDelayedAck(): void {
    this.delAckDeadlineUs = -1;
    if (this.unackedSegments > 0) sendAck(this);
  }

  /** The 2·MSL wait is over — or, in FIN-WAIT-2, the peer never closed (finTimeoutUs). */
  onTimeWaitEnd(): void {
    this.timeWaitDeadlineUs = -1;
    if (this.state === TcpState.timeWait || this.state === TcpState.finWait2)
      this.finish(TcpState.closed);
  }

  // ---- State -------------------------------------------------------------------------

  enterTimeWait(): void {
    if (this.state !== TcpState.timeWait) {
      this.setState(TcpState.timeWait);
      this.rtxDeadlineUs = -1;
      // Our FIN is acknowledged, so every byte sent was: the buffer goes back to the pool now
      // rather than after 2·MSL (a busy server's closed connections would each hold one).
      invariant(this.sendBuffer.length === 0, 'TIME-WAIT with unacknowledged bytes');
      this.sendBuffer.release();
      this.handler.closed?.(this);
    }
    this.stack.timers.armTimeWait(this, this.stack.config.timeWaitUs);
  }

  setState(next: TcpStateCode): void {
    const trace = this.stack.ctx.trace;
    if (trace.enabled && next !== this.state) {
      trace.emit({
        kind: 'tcp.state',
        atUs: this.nowUs,
        host: this.stack.host.name,
        socket: this.label,
        from: tcpStateNames[this.state],
        to: tcpStateNames[next],
      });
    }
    this.state = next;
  }

  /** Ends the connection normally and frees its demux entry and timers. */
  finish(next: TcpStateCode): void {
    const wasTimeWait = this.state === TcpState.timeWait;
    this.setState(next);
    this.stack.remove(this);
    if (!wasTimeWait) this.handler.closed?.(this);
  }

  fail(reason: string): void {
    const trace = this.stack.ctx.trace;
    if (trace.enabled) {
      trace.emit({
        kind: 'tcp.abort',
        atUs: this.nowUs,
        host: this.stack.host.name,
        socket: this.label,
        reason,
      });
    }
    this.setState(TcpState.closed);
    this.reassembly.clear();
    this.stack.remove(this);
    this.handler.aborted?.(this, reason);
  }

  traceRetransmit(seq: number, len: number, cause: 'timeout' | 'fast-retransmit' | 'syn-timeout') {
    const trace = this.stack.ctx.trace;
    if (!trace.enabled) return;
    trace.emit({
      kind: 'tcp.retransmit',
      atUs: this.nowUs,
      host: this.stack.host.name,
      socket: this.label,
      seq,
      len,
      cause,
    });
  }
}
