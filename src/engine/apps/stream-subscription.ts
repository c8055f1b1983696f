import type { Host } from '../net/host';
import type { AppTimers, TimedApp } from './app-timers';
import type { Flow } from './flow';
import type { UdpStreamSink, UdpStreamSource } from './udp-stream';

/** Subscription requests sent before giving up (one a second). */
const SUBSCRIBE_ATTEMPTS = 5;
const SUBSCRIBE_RETRY_US = 1_000_000;
const SUBSCRIBE = Uint8Array.from('SUBSCRIBE\r\n', (c) => c.charCodeAt(0));

/**
 * How a viewer asks for a unicast stream, so that, as with real streaming, the first packet
 * goes from the viewer to the server (a stateful firewall then lets the stream back in as
 * replies): the viewer sends a small SUBSCRIBE datagram from its stream port to the server's,
 * once a second until the stream arrives; the server starts streaming on the first one. With
 * no stream after the last request, the flow fails.
 */
export class StreamSubscription implements TimedApp {
  private readonly handle: number;
  private attempts = 0;

  constructor(
    private readonly viewer: Host,
    private readonly server: Host,
    private readonly port: number,
    source: UdpStreamSource,
    private readonly sink: UdpStreamSink,
    private readonly flow: Flow,
    private readonly timers: AppTimers,
    private readonly nowUs: () => number,
    startUs: number,
  ) {
    server.udp.bind(port, (p) => {
      if (p.srcAddr === viewer.address && p.srcPort === port) source.begin(nowUs());
    });
    this.handle = timers.add(this);
    timers.at(this.handle, startUs, 0);
  }

  onTimer(): void {
    if (this.sink.receiving) return;
    this.flow.start(this.nowUs());
    if (this.attempts >= SUBSCRIBE_ATTEMPTS) {
      this.flow.fail(this.nowUs(), `no stream after ${SUBSCRIBE_ATTEMPTS} subscription requests`);
      return;
    }
    this.attempts++;
    this.viewer.udp.sendTo(this.server.address, this.port, this.port, SUBSCRIBE, SUBSCRIBE.length);
    this.timers.at(this.handle, this.nowUs() + SUBSCRIBE_RETRY_US, 0);
  }
}
