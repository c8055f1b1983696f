import type { Host } from '../net/host';
import type { Packet } from '../net/packet';
import type { AppTimers, TimedApp } from './app-timers';
import type { FileContent } from './file-content';
import type { Flow } from './flow';

/** After the last datagram is sent, how long the receiver waits for stragglers. */
export const STREAM_GRACE_US = 1_000_000;
const HEADER_BYTES = 8;

/** A constant-bit-rate stream: from which port to which port, how fast, how long. */
export interface StreamSpec {
  readonly sourcePort: number;
  readonly port: number;
  readonly rateBps: number;
  readonly datagramBytes: number;
  readonly durationUs: number;
}

/** Number of datagrams and their spacing for a constant-bit-rate stream. */
export function streamPlan(spec: StreamSpec): { count: number; intervalUs: number } {
  const intervalUs = (spec.datagramBytes * 8 * 1_000_000) / spec.rateBps;
  return { count: Math.max(1, Math.floor(spec.durationUs / intervalUs)), intervalUs };
}

/**
 * A constant-bit-rate UDP stream, like RTP: each datagram carries a 32-bit sequence number
 * and a 32-bit send timestamp, then payload bytes. It starts when begin() is called (at a
 * scheduled time, on a subscription, or when a SIP call is answered).
 */
export class UdpStreamSource implements TimedApp {
  private readonly buffer: Uint8Array;
  private readonly view: DataView;
  private readonly handle: number;
  private readonly count: number;
  private readonly intervalUs: number;
  private startUs = -1;

  constructor(
    private readonly host: Host,
    private readonly dstAddr: number,
    private readonly spec: StreamSpec,
    private readonly flow: Flow,
    private readonly sink: UdpStreamSink,
    content: FileContent,
    private readonly timers: AppTimers,
  ) {
    ({ count: this.count, intervalUs: this.intervalUs } = streamPlan(spec));
    this.buffer = new Uint8Array(spec.datagramBytes);
    content.read(0, this.buffer, 0, spec.datagramBytes);
    this.view = new DataView(this.buffer.buffer);
    this.handle = timers.add(this);
    flow.setExtra('datagramsSent', 0);
  }

  get started(): boolean {
    return this.startUs >= 0;
  }

  /** Starts the stream at `atUs` (once; later calls do nothing). */
  begin(atUs: number): void {
    if (this.started) return;
    this.startUs = atUs;
    this.timers.at(this.handle, atUs, 0);
  }

  onTimer(seq: number): void {
    const now = this.sendTimeUs(seq);
    if (seq === 0) this.flow.start(now);
    this.view.setUint32(0, seq);
    this.view.setUint32(4, now % 0x1_0000_0000);
    const { sourcePort, port, datagramBytes } = this.spec;
    this.host.udp.sendTo(this.dstAddr, sourcePort, port, this.buffer, datagramBytes);
    this.flow.addExtra('datagramsSent');
    if (seq + 1 < this.count) this.timers.at(this.handle, this.sendTimeUs(seq + 1), seq + 1);
    else this.sink.sourceDone(now + STREAM_GRACE_US);
  }

  private sendTimeUs(seq: number): number {
    return this.startUs + Math.round(seq * this.intervalUs);
  }
}

/**
 * The receiving end: counts datagrams by sequence number (loss, gaps, duplicates,
 * reordering) and completes the flow when the last one arrives, or a grace period after the
 * source finished. Also receives anything else sent to its port through `onOther`.
 */
export class UdpStreamSink implements TimedApp {
  private readonly seen: Uint8Array;
  private highest = -1;
  private readonly handle: number;

  constructor(
    host: Host,
    spec: StreamSpec,
    private readonly flow: Flow,
    private readonly timers: AppTimers,
    private readonly nowUs: () => number,
  ) {
    this.seen = new Uint8Array(streamPlan(spec).count);
    for (const name of ['datagramsReceived', 'datagramsLost', 'gaps', 'duplicates', 'reordered'])
      flow.setExtra(name, 0);
    host.udp.bind(spec.port, (p) => this.receive(p));
    this.handle = timers.add(this);
  }

  private receive(p: Packet): void {
    const flow = this.flow;
    if (p.payloadLen < HEADER_BYTES) return;
    const seq =
      ((p.payload[0] << 24) | (p.payload[1] << 16) | (p.payload[2] << 8) | p.payload[3]) >>> 0;
    if (seq >= this.seen.length) return;
    if (this.seen[seq]) {
      flow.addExtra('duplicates');
      return;
    }
    this.seen[seq] = 1;
    flow.addExtra('datagramsReceived');
    if (seq < this.highest) flow.addExtra('reordered');
    else if (seq > this.highest + 1) flow.addExtra('gaps');
    if (seq > this.highest) this.highest = seq;
    this.flow.progress(p.payloadLen, this.nowUs());
    this.updateLost();
    if (seq === this.seen.length - 1) this.flow.complete(this.nowUs());
  }

  /** The source sent its last datagram; stop waiting at `deadlineUs`. */
  sourceDone(deadlineUs: number): void {
    this.timers.at(this.handle, deadlineUs, 0);
  }

  /** The grace period after the source's last datagram is over: the stream has ended. */
  onTimer(): void {
    this.updateLost();
    if (this.flow.extra.datagramsReceived === 0)
      this.flow.fail(this.nowUs(), 'no datagram received');
    else this.flow.complete(this.nowUs());
  }

  /** True once the first datagram of the stream has arrived. */
  get receiving(): boolean {
    return this.highest >= 0 || this.flow.extra.duplicates > 0;
  }

  private updateLost(): void {
    const { extra } = this.flow;
    this.flow.setExtra('datagramsLost', extra.datagramsSent - extra.datagramsReceived);
  }
}
