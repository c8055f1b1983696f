import type { RetransmissionCounter } from '../net/tcp/socket';

export type FlowKind = 'ftp-control' | 'ftp-data' | 'tcp' | 'udp-stream' | 'sip-call';

/**
 * One application flow's statistics, kept by the applications at both ends. It is simulator
 * bookkeeping (like ns-3's flow monitor): the network and the router never see it.
 */
export class Flow implements RetransmissionCounter {
  private delivered = 0;
  private done = false;
  private doneAtUs = -1;
  private endAtUs = -1;
  private wasAborted = false;
  private failure = '';
  private retransmitted = 0;
  private startAtUs = -1;
  private longestStallUs = 0;
  private lastProgressUs = -1;
  private readonly extras: Record<string, number> = {};

  constructor(
    private readonly registry: FlowRegistry,
    /** The flow's position in the run's list of flows. */
    readonly index: number,
    readonly id: string,
    readonly kind: FlowKind,
    /** Bytes the flow is meant to deliver; null when open-ended (an FTP control session). */
    readonly bytesGoal: number | null,
  ) {}

  // The figures change only through the methods below, and each change is told to the
  // registry: a report of the flow taken since still holds (but for a running flow's ongoing
  // stall, which grows with the clock: see maxStallAt).

  get bytesDelivered(): number {
    return this.delivered;
  }

  get completed(): boolean {
    return this.done;
  }

  /** When the flow completed; -1 until it has. */
  get completedAtUs(): number {
    return this.doneAtUs;
  }

  /** When the flow completed, failed or was aborted; -1 while it runs. */
  get endedAtUs(): number {
    return this.endAtUs;
  }

  get aborted(): boolean {
    return this.wasAborted;
  }

  /** Why the flow failed (TCP abort reason or an FTP error reply), '' when it did not. */
  get error(): string {
    return this.failure;
  }

  get retransmissions(): number {
    return this.retransmitted;
  }

  /** When the flow started; -1 until it has. */
  get startedAtUs(): number {
    return this.startAtUs;
  }

  /** Longest time without new bytes delivered to the receiving application. */
  get maxStallUs(): number {
    return this.longestStallUs;
  }

  /** Kind-specific counters (for example datagrams lost in a UDP stream). */
  get extra(): Readonly<Record<string, number>> {
    return this.extras;
  }

  get finished(): boolean {
    return this.done || this.wasAborted || this.failure !== '';
  }

  setExtra(name: string, value: number): void {
    this.extras[name] = value;
    this.registry.changed(this);
  }

  addExtra(name: string, by = 1): void {
    this.setExtra(name, (this.extras[name] ?? 0) + by);
  }

  start(nowUs: number): void {
    if (this.startAtUs >= 0) return;
    this.startAtUs = nowUs;
    this.lastProgressUs = nowUs;
    this.registry.changed(this);
  }

  /** New bytes reached the receiving application. */
  progress(bytes: number, nowUs: number): void {
    this.delivered += bytes;
    this.noteStall(nowUs);
    this.lastProgressUs = nowUs;
    this.registry.changed(this);
  }

  /** A TCP segment of the flow was sent again (a FIN may be, after the flow ended). */
  countRetransmission(): void {
    this.retransmitted++;
    this.registry.changed(this);
  }

  complete(nowUs: number): void {
    if (this.finished) return;
    this.done = true;
    this.doneAtUs = nowUs;
    this.end(nowUs);
  }

  /** A TCP connection of the flow was reset or timed out. */
  abort(nowUs: number, reason: string): void {
    if (this.finished) return;
    this.wasAborted = true;
    this.failure = reason;
    this.end(nowUs);
  }

  /** The application gave up (an error reply, a refused data connection). */
  fail(nowUs: number, reason: string): void {
    if (this.finished) return;
    this.failure = reason;
    this.end(nowUs);
  }

  /** maxStallUs as seen at `nowUs`: an unfinished flow's ongoing silence counts too. */
  maxStallAt(nowUs: number): number {
    if (this.finished || this.lastProgressUs < 0) return this.longestStallUs;
    return Math.max(this.longestStallUs, nowUs - this.lastProgressUs);
  }

  private end(nowUs: number): void {
    this.noteStall(nowUs);
    this.endAtUs = nowUs;
    this.registry.changed(this);
    this.registry.ended(this, nowUs);
  }

  private noteStall(nowUs: number): void {
    if (this.lastProgressUs < 0) return;
    const stall = nowUs - this.lastProgressUs;
    if (stall > this.longestStallUs) this.longestStallUs = stall;
  }
}

/** All flows of a run; tells the simulation when every flow has ended. */
export class FlowRegistry {
  readonly flows: Flow[] = [];
  private unfinished = 0;
  /** Positions of the flows changed since takeChanged() was last called, each once. */
  private changedFlows: number[] = [];
  private readonly pending: boolean[] = [];

  constructor(
    private readonly onFlowEnd: (flow: Flow, nowUs: number) => void,
    private readonly onAllEnded: () => void,
  ) {}

  create(id: string, kind: FlowKind, bytesGoal: number | null): Flow {
    const flow = new Flow(this, this.flows.length, id, kind, bytesGoal);
    this.flows.push(flow);
    this.pending.push(false);
    this.unfinished++;
    return flow;
  }

  /** `flow`'s figures changed (bounded: a flow is listed once until taken). */
  changed(flow: Flow): void {
    if (this.pending[flow.index]) return;
    this.pending[flow.index] = true;
    this.changedFlows.push(flow.index);
  }

  /** The positions of the flows changed since the last call (for the flows' reports). */
  takeChanged(): number[] {
    const taken = this.changedFlows;
    this.changedFlows = [];
    for (const i of taken) this.pending[i] = false;
    return taken;
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
