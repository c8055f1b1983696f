import type { Host } from '../../net/host';
import { formatIpv4 } from '../../net/ipv4';
import { formatSdp, type SdpOffer, type SipMessageText } from '../../protocols/sip-text';
import type { AppTimers } from '../app-timers';
import type { Flow } from '../flow';
import type { UdpStreamSource } from '../udp-stream';
import { SipEndpoint } from './sip-endpoint';

/** What both user agents know of the call (headers that identify it). */
export interface CallSetup {
  readonly label: string;
  readonly callId: string;
  readonly ringUs: number;
  readonly durationUs: number;
  readonly callerMedia: readonly SdpOffer[];
  readonly calleeMedia: readonly SdpOffer[];
}

function dialog(
  setup: CallSetup,
  caller: Host,
  callee: Host,
  cseq: string,
): Array<[string, string]> {
  return [
    ['Via', `SIP/2.0/UDP ${formatIpv4(caller.address)}:5060`],
    ['From', `<sip:${caller.name}@${formatIpv4(caller.address)}>;tag=${setup.label}`],
    ['To', `<sip:${callee.name}@${formatIpv4(callee.address)}>`],
    ['Call-ID', setup.callId],
    ['CSeq', cseq],
  ];
}

/** The calling user agent: INVITE, ACK on answer, its media, BYE when the call is over. */
export class SipCaller extends SipEndpoint {
  private answered = false;

  constructor(
    private readonly me: Host,
    private readonly callee: Host,
    private readonly setup: CallSetup,
    private readonly media: readonly UdpStreamSource[],
    signalling: Flow,
    timers: AppTimers,
    nowUs: () => number,
    trace: (text: string) => void,
    startUs: number,
  ) {
    super(me, callee.address, signalling, timers, nowUs, trace);
    timers.at(this.handle, startUs, -1);
  }

  override onTimer(generation: number): void {
    if (generation === -1) return this.invite();
    if (generation === -2) return this.bye();
    super.onTimer(generation);
  }

  private invite(): void {
    this.signalling.start(this.nowUs());
    const sdp = formatSdp(this.me.name, 1, this.me.address, this.setup.callerMedia);
    this.sendReliably(`INVITE ${this.uri()} SIP/2.0`, this.headers('1 INVITE', true), sdp);
  }

  private bye(): void {
    this.sendReliably(`BYE ${this.uri()} SIP/2.0`, this.headers('2 BYE', false));
  }

  protected onMessage(m: SipMessageText): void {
    const cseq = m.headers.get('cseq') ?? '';
    if (m.status >= 100 && m.status < 200) return this.stopRetransmitting();
    if (m.status >= 300) {
      this.stopRetransmitting();
      return this.signalling.fail(this.nowUs(), `call refused: ${m.status} ${m.reason}`);
    }
    if (m.status === 200 && cseq.endsWith('INVITE')) {
      this.stopRetransmitting();
      this.send(`ACK ${this.uri()} SIP/2.0`, this.headers('1 ACK', false)); // also for a retransmitted 200
      if (this.answered) return;
      this.answered = true;
      for (const stream of this.media) stream.begin(this.nowUs());
      this.timers.at(this.handle, this.nowUs() + this.setup.durationUs, -2);
    } else if (m.status === 200 && cseq.endsWith('BYE')) {
      this.stopRetransmitting();
      this.signalling.complete(this.nowUs());
    }
  }

  private uri(): string {
    return `sip:${this.callee.name}@${formatIpv4(this.callee.address)}`;
  }

  private headers(cseq: string, sdp: boolean): Array<[string, string]> {
    const h = dialog(this.setup, this.me, this.callee, cseq);
    h.push(['Contact', `<sip:${this.me.name}@${formatIpv4(this.me.address)}>`]);
    if (sdp) h.push(['Content-Type', 'application/sdp']);
    return h;
  }
}

/** The called user agent: rings, answers with its own SDP, starts its media on ACK, ends on BYE. */
export class SipCallee extends SipEndpoint {
  private ringing = false;
  private started = false;

  constructor(
    private readonly me: Host,
    private readonly caller: Host,
    private readonly setup: CallSetup,
    private readonly media: readonly UdpStreamSource[],
    signalling: Flow,
    timers: AppTimers,
    nowUs: () => number,
    trace: (text: string) => void,
  ) {
    super(me, caller.address, signalling, timers, nowUs, trace);
  }

  override onTimer(generation: number): void {
    if (generation === -1) return this.answer();
    super.onTimer(generation);
  }

  protected onMessage(m: SipMessageText): void {
    const headers = () => dialog(this.setup, this.caller, this.me, m.headers.get('cseq') ?? '');
    if (m.method === 'INVITE') {
      this.send('SIP/2.0 180 Ringing', headers());
      if (!this.ringing) this.timers.at(this.handle, this.nowUs() + this.setup.ringUs, -1);
      this.ringing = true;
    } else if (m.method === 'ACK') {
      this.stopRetransmitting();
      if (this.started) return;
      this.started = true;
      for (const stream of this.media) stream.begin(this.nowUs());
    } else if (m.method === 'BYE') {
      this.send('SIP/2.0 200 OK', headers());
    }
  }

  private answer(): void {
    if (this.started) return;
    const sdp = formatSdp(this.me.name, 2, this.me.address, this.setup.calleeMedia);
    const h = dialog(this.setup, this.caller, this.me, '1 INVITE');
    h.push(
      ['Contact', `<sip:${this.me.name}@${formatIpv4(this.me.address)}>`],
      ['Content-Type', 'application/sdp'],
    );
    this.sendReliably('SIP/2.0 200 OK', h, sdp);
  }
}
