import type { RetransmissionCounter } from '../net/tcp/socket';

export type FlowKind = 'ftp-control' | 'ftp-data' | 'tcp' | 'udp-stream' | 'sip-call';

/**
 * One application flow's statistics, kept by the applications at both ends. It is simulator
 * bookkeeping (like ns-3's flow monitor): the network and the router never see it.
 */
export class Flow implements RetransmissionCounter {
  bytesDelivered = 0;
  completed = false;
  completedAtUs = -1;
  /** When the flow completed, failed or was aborted; -1 while it runs. */
  endedAtUs = -1;
  aborted = false;
  /** Why the flow failed (TCP abort reason or an FTP error reply), '' when it did not. */
  error = '';
  retransmissions = 0;
  startedAtUs = -1;
  /** Longest time without new bytes delivered to the receiving application. */
  maxStallUs = 0;
  private lastProgressUs = -1;
  /** Kind-specific counters (for example datagrams lost in a UDP stream). */
  readonly extra: Record<string, number> = {};

  constructor(
    private readonly registry: FlowRegistry,
    readonly id: string,
    readonly kind: FlowKind,
    /** Bytes the flow is meant to deliver; null when open-ended (an FTP control session). */
    readonly bytesGoal: number | null,
  ) {}

  get finished(): boolean {
    return this.completed || this.aborted || this.error !== '';
  }

  start(nowUs: number): void {
    if (this.startedAtUs >= 0) return;
    this.startedAtUs = nowUs;
    this.lastProgressUs = nowUs;
  }

  /** New bytes reached the receiving application. */
  progress(bytes: number, nowUs: number): void {
    this.bytesDelivered += bytes;
    this.noteStall(nowUs);
    this.lastProgressUs = nowUs;
  }

  complete(nowUs: number): void {
    if (this.finished) return;
    this.completed = true;
    this.completedAtUs = nowUs;
    this.end(nowUs);
  }

  /** A TCP connection of the flow was reset or timed out. */
  abort(nowUs: number, reason: string): void {
    if (this.finished) return;
    this.aborted = true;
    this.error = reason;
    this.end(nowUs);
  }

  /** The application gave up (an error reply, a refused data connection). */
  fail(nowUs: number, reason: string): void {
    if (this.finished) return;
    this.error = reason;
    this.end(nowUs);
  }

  /** maxStallUs as seen at `nowUs`: an unfinished flow's ongoing silence counts too. */
  maxStallAt(nowUs: number): number {
    if (this.finished || this.lastProgressUs < 0) return this.maxStallUs;
    return Math.max(this.maxStallUs, nowUs - this.lastProgressUs);
  }

  private end(nowUs: number): void {
    this.noteStall(nowUs);
    this.endedAtUs = nowUs;
    this.registry.ended(this, nowUs);
  }

  private noteStall(nowUs: number): void {
    if (this.lastProgressUs < 0) return;
    const stall = nowUs - this.lastProgressUs;
    if (stall > this.maxStallUs) this.maxStallUs = stall;
  }
}

/** All flows of a run; tells the simulation when every flow has ended. */
export class FlowRegistry {
  readonly flows: Flow[] = [];
  private unfinished = 0;

  constructor(
    private readonly onFlowEnd: (flow: Flow, nowUs: number) => void,
    private readonly onAllEnded: () => void,
  ) {}

  create(id: string, kind: FlowKind, bytesGoal: number | null): Flow {
    const flow = new Flow(this, id, kind, bytesGoal);
    this.flows.push(flow);
    this.unfinished++;
    return flow;
  }

  ended(flow: Flow, nowUs: number): void {
    this.unfinished--;
    this.onFlowEnd(flow, nowUs);
    if (this.unfinished === 0) this.onAllEnded();
  }

  get allEnded(): boolean {
    return this.unfinished === 0;
  }
}
