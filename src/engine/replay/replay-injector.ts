import type { CapturePacket } from '../capture/capture-packet';
import type { CaptureSummary } from '../capture/capture-summary';
import { invariant } from '../errors';
import type { Ipv4Prefix } from '../net/ipv4';
import type { NetworkContext } from '../net/network-context';
import { summarizePacket } from '../net/packet';
import type { Router } from '../router/router';
import { fillReplayPacket, replaySkipReason, type ReplaySkipReason } from './replay-packet';
import type { ReplaySource } from './replay-source';
import { sourcePortOf } from './source-port';

/**
 * How long the replay goes on after its last packet before it ends, so that packets still
 * held (by a synchronous checkpoint write, a recovering firewall) meet their fate. It waits
 * for them (and for a crashed firewall to come back) at most MAX_TAIL_ROUNDS times this long.
 */
export const REPLAY_TAIL_US = 1_000;
const MAX_TAIL_ROUNDS = 60_000;

export interface ReplayHooks {
  /** Called just before each replayed packet enters its router port. */
  injected(frame: number, packetId: number): void;
  /** True when the replay may end: nothing of it still in the network, nothing still to come. */
  settled(): boolean;
  /** The replay is over: every packet injected, and settled or given up on. */
  ended(): void;
}

/**
 * Feeds a capture into the router: each IPv4 packet enters the port facing its source address
 * at its recorded time (relative to the first packet's, which is simulated time 0), as an
 * engine event, so a replay steps, pauses and crashes like any run. Hosts do not react: what
 * leaves the router goes to capture sides that only absorb it. Holds one packet at a time.
 */
export class ReplayInjector {
  private pending: CapturePacket | null = null;
  private pendingPort = -1;
  /** Capture time (µs since the epoch) of simulated time 0; null until a timed packet is read. */
  originUs: number | null = null;
  private tailRounds = 0;
  /** The ports' prefixes, for finding each packet's port without allocating per packet. */
  private readonly prefixes: readonly Ipv4Prefix[];
  private readonly injectKind: number;
  private readonly endKind: number;
  ended = false;
  replayed = 0;
  /** Packets whose timestamp lies before the previous one's: replayed at once, in file order. */
  outOfOrder = 0;
  private previousUs: number | null = null;
  /** Packets the capture's snaplen cut: replayed with zeros for the missing payload. */
  truncated = 0;
  readonly skipped: Record<ReplaySkipReason, number> = {
    ipv6: 0,
    fragment: 0,
    'source-outside-ports': 0,
  };

  constructor(
    private readonly ctx: NetworkContext,
    private readonly router: Router,
    private readonly source: ReplaySource,
    private readonly hooks: ReplayHooks,
  ) {
    this.prefixes = router.ports.map((p) => p.prefix);
    this.injectKind = ctx.scheduler.register('replay.inject', () => this.inject());
    this.endKind = ctx.scheduler.register('replay.end', () => this.end());
  }

  /** Bytes of the capture read so far. */
  get bytesRead(): number {
    return this.source.bytesRead;
  }

  /** What the capture reader has counted so far. */
  captureSummary(): CaptureSummary {
    return this.source.summary();
  }

  /** Reads up to the first packet to replay and schedules it. */
  start(): void {
    this.advance();
  }

  private advance(): void {
    for (let cp = this.source.next(); cp !== null; cp = this.source.next()) {
      const port = cp.network === 'ipv4' ? sourcePortOf(this.prefixes, cp.src) : -1;
      const skip = replaySkipReason(cp) ?? (port < 0 ? 'source-outside-ports' : null);
      if (skip !== null) {
        this.skipped[skip]++;
        continue;
      }
      this.pending = cp;
      this.pendingPort = port;
      this.ctx.scheduler.at(this.timeOf(cp), this.injectKind);
      return;
    }
    this.ctx.scheduler.after(REPLAY_TAIL_US, this.endKind);
  }

  /** Simulated time of a packet: its offset from the first timestamp, never in the past. */
  private timeOf(cp: CapturePacket): number {
    const nowUs = this.ctx.nowUs;
    if (cp.timeUs === null) return nowUs; // a simple packet block has no time
    this.originUs ??= cp.timeUs - nowUs;
    if (this.previousUs !== null && cp.timeUs < this.previousUs) this.outOfOrder++;
    this.previousUs = cp.timeUs;
    // Before a later-stamped packet already replayed: at once, keeping file order.
    return Math.max(cp.timeUs - this.originUs, nowUs);
  }

  private inject(): void {
    const cp = this.pending;
    invariant(cp !== null, 'replay.inject without a pending packet');
    this.pending = null;
    const p = this.ctx.packets.alloc(this.ctx.nowUs);
    fillReplayPacket(p, cp);
    this.replayed++;
    this.ctx.counters.sent++; // the capture's hosts sent it
    if (cp.truncated) this.truncated++;
    const port = this.router.ports[this.pendingPort];
    if (this.ctx.trace.enabled) {
      this.ctx.trace.emit({
        kind: 'replay.inject',
        atUs: this.ctx.nowUs,
        frame: cp.frame,
        port: port.name,
        packet: summarizePacket(p),
      });
    }
    this.hooks.injected(cp.frame, p.id);
    this.router.receive(p, port.index);
    this.advance();
  }

  private end(): void {
    if (!this.hooks.settled() && ++this.tailRounds < MAX_TAIL_ROUNDS) {
      this.ctx.scheduler.after(REPLAY_TAIL_US, this.endKind);
      return;
    }
    this.ended = true;
    this.hooks.ended();
  }
}
