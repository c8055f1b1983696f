import { violated } from '../errors';
import type { Trace } from '../sim/trace';
import type { TraceEvent } from '../trace-event';
import { VerdictLog, type FrameVerdict } from './verdict-log';

/** A packet still in the router: its frame and what the firewall said about it, if anything. */
interface InFlight {
  readonly frame: number;
  /** Its place in injection (= file) order: where its verdict goes in the log. */
  readonly index: number;
  firewall: { verdict: string; reason: string; connection: string | null } | null;
}

/** A helper's expectation event and the frame whose processing caused it. */
export interface FrameExpectation {
  readonly frame: number;
  readonly event: 'created' | 'matched' | 'refused';
  readonly helper: string;
  /** Readable id of the master connection (the FTP control connection). */
  readonly master: string;
  readonly detail: string;
}

/** Most expectation events a replay lists (each announced data connection has two or three). */
export const MAX_LISTED_EXPECTATIONS = 1_000;

/** Most replayed packets in the router at once; the router's own bounded queues stay far below. */
const MAX_IN_FLIGHT = 1_000_000;

/** Said of a packet forwarded with no firewall in service (none configured, or failing open). */
export const NOT_INSPECTED = 'not inspected';

/** Said of a packet the firewall still held (recovering, writing) when the replay ended. */
export const HELD_AT_END = 'held when the replay ended';

/**
 * Follows each replayed packet from its injection to its fate in the router — forwarded, or
 * dropped by the firewall or the router — through the trace, and gives each frame one verdict.
 * The firewall's own reason is kept when its decision is the packet's fate; otherwise the
 * router's (a crashed firewall failing closed, a full queue, an expired TTL).
 */
export class ReplayOutcomes {
  private readonly inFlight = new Map<number, InFlight>();
  /** Packets injected so far. */
  private injectedCount = 0;
  readonly log: VerdictLog | null;
  accepted = 0;
  dropped = 0;
  readonly dropReasons = new Map<string, number>();
  /** Expectation events, each with the frame that announced or matched it, in order. */
  readonly expectations: FrameExpectation[] = [];
  /** Expectation events waiting for the verdict that names their packet (it follows them). */
  private unattributed: Array<Omit<FrameExpectation, 'frame'>> = [];
  private readonly unsubscribe: () => void;

  constructor(trace: Trace<TraceEvent>, keepVerdicts: boolean) {
    this.log = keepVerdicts ? new VerdictLog() : null;
    this.unsubscribe = trace.subscribe((e) => this.observe(e));
  }

  /** Called by the injector just before the packet enters its port. */
  injected(frame: number, packetId: number): void {
    if (!(this.inFlight.size < MAX_IN_FLIGHT))
      violated(`more than ${MAX_IN_FLIGHT} packets in flight`);
    this.inFlight.set(packetId, { frame, index: this.injectedCount++, firewall: null });
  }

  /** True when every replayed packet has met its fate. */
  get settled(): boolean {
    return this.inFlight.size === 0;
  }

  /** Ends the observation; packets still held get a drop verdict saying so. Idempotent. */
  finish(): void {
    this.unsubscribe();
    for (const [id, f] of this.inFlight) {
      this.record(id, f, 'drop', HELD_AT_END);
    }
  }

  private observe(e: TraceEvent): void {
    switch (e.kind) {
      case 'firewall.verdict': {
        const f = this.inFlight.get(e.packet.id);
        if (f === undefined) return;
        f.firewall = e;
        for (const x of this.unattributed) this.listExpectation({ ...x, frame: f.frame });
        this.unattributed = [];
        return;
      }
      case 'firewall.expectation': {
        const { event, helper, master, detail } = e;
        this.unattributed.push({ event, helper, master, detail });
        return;
      }
      case 'router.forward':
        return this.settle(e.packet.id, 'accept', '');
      case 'packet.drop':
        return this.settle(e.packet.id, 'drop', e.reason);
    }
  }

  private listExpectation(x: FrameExpectation): void {
    if (this.expectations.length < MAX_LISTED_EXPECTATIONS) this.expectations.push(x);
  }

  private settle(id: number, verdict: FrameVerdict['verdict'], routerReason: string): void {
    const f = this.inFlight.get(id);
    if (f === undefined) return; // not a replayed packet (a firewall's reset, say)
    const fw = f.firewall;
    const byFirewall = fw !== null && (fw.verdict === 'accept') === (verdict === 'accept');
    const reason = byFirewall ? fw.reason : routerReason || NOT_INSPECTED;
    this.record(id, f, verdict, reason);
  }

  private record(id: number, f: InFlight, verdict: FrameVerdict['verdict'], reason: string) {
    this.inFlight.delete(id);
    if (verdict === 'accept') this.accepted++;
    else {
      this.dropped++;
      this.dropReasons.set(reason, (this.dropReasons.get(reason) ?? 0) + 1);
    }
    const connection = f.firewall?.connection ?? null;
    this.log?.put(f.index, { frame: f.frame, verdict, reason, connection });
  }
}
