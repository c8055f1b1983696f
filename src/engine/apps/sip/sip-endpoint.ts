import type { Host } from '../../net/host';
import type { Packet } from '../../net/packet';
import { asciiBytes, asciiText } from '../../util/ascii';
import { formatSipMessage, parseSipMessage, type SipMessageText } from '../../protocols/sip-text';
import type { AppTimers, TimedApp } from '../app-timers';
import type { Flow } from '../flow';

export const SIP_PORT = 5060;
/** RFC 3261 timer T1: first retransmission interval of a request over UDP. */
const T1_US = 500_000;
/** Transmissions of one message before giving up (INVITE: Timer B = 64·T1 ≈ 7 sends). */
const MAX_SENDS = 7;

/**
 * What a SIP user agent over UDP shares, caller or callee: sending messages with RFC 3261
 * retransmission (T1, doubling) until something stops it, reading messages off its port,
 * and counting signalling bytes into the call's flow.
 */
export abstract class SipEndpoint implements TimedApp {
  protected readonly handle: number;
  private pending: { bytes: Uint8Array; sends: number; intervalUs: number } | null = null;
  private generation = 0;

  constructor(
    protected readonly host: Host,
    protected readonly peer: number,
    protected readonly signalling: Flow,
    protected readonly timers: AppTimers,
    protected readonly nowUs: () => number,
    protected readonly trace: (text: string) => void,
  ) {
    this.handle = timers.add(this);
    host.udp.bind(SIP_PORT, (p) => this.received(p));
  }

  protected abstract onMessage(message: SipMessageText): void;

  /** Sends once, with no retransmission (responses to retransmitted requests, ACK). */
  protected send(startLine: string, headers: Array<[string, string]>, body = ''): void {
    const bytes = asciiBytes(formatSipMessage(startLine, headers, body));
    this.trace(startLine);
    this.host.udp.sendTo(this.peer, SIP_PORT, SIP_PORT, bytes, bytes.length);
  }

  /** Sends and keeps retransmitting until stopRetransmitting() (or MAX_SENDS). */
  protected sendReliably(startLine: string, headers: Array<[string, string]>, body = ''): void {
    this.send(startLine, headers, body);
    this.pending = {
      bytes: asciiBytes(formatSipMessage(startLine, headers, body)),
      sends: 1,
      intervalUs: T1_US,
    };
    this.timers.at(this.handle, this.nowUs() + T1_US, ++this.generation);
  }

  protected stopRetransmitting(): void {
    this.pending = null;
  }

  onTimer(generation: number): void {
    const p = this.pending;
    if (p === null || generation !== this.generation) return;
    if (p.sends >= MAX_SENDS) {
      this.pending = null;
      this.signalling.fail(this.nowUs(), 'no answer from the other SIP user agent');
      return;
    }
    p.sends++;
    p.intervalUs *= 2;
    this.host.udp.sendTo(this.peer, SIP_PORT, SIP_PORT, p.bytes, p.bytes.length);
    this.timers.at(this.handle, this.nowUs() + p.intervalUs, this.generation);
  }

  private received(p: Packet): void {
    if (p.srcAddr !== this.peer) return;
    const message = parseSipMessage(asciiText(p.payload, 0, p.payloadLen));
    if (message === null) return;
    this.signalling.progress(p.payloadLen, this.nowUs());
    this.trace(
      message.method
        ? `${message.method} ${message.uri} SIP/2.0`
        : `SIP/2.0 ${message.status} ${message.reason}`,
    );
    this.onMessage(message);
  }
}
