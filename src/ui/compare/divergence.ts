import type { TraceEvent } from '../../engine';
import { isCompared, sameEvent } from './compared-event';

/** Where two runs first part: the nth compared event of each, which differ. */
export interface Divergence {
  /** How many compared events were identical before it. */
  readonly index: number;
  /** The earlier of the two events' times: where to look. */
  readonly atUs: number;
  /** Run A's event there and its sequence number in A's recorder; null when A had none. */
  readonly a: TraceEvent | null;
  readonly aSeq: number | null;
  readonly b: TraceEvent | null;
}

/** Compared events one run may be ahead of the other by; past it the comparison gives up. */
export const MAX_PENDING_EVENTS = 500_000;

/** How far a run has got: its clock, and whether it is over (no event will come). */
export interface RunClock {
  readonly nowUs: number;
  readonly over: boolean;
}

interface Pending {
  readonly event: TraceEvent;
  readonly seq: number;
}

/**
 * Finds the first compared event where two runs differ, fed with each run's events as they
 * happen (in lockstep one run is ahead by a frame's events at most). Pairs the two streams in
 * order; once they part, it stops comparing. Bounded: a run far ahead makes it give up.
 */
export class DivergenceFinder {
  private readonly queues: [Pending[], Pending[]] = [[], []];
  private heads: [number, number] = [0, 0];
  private matchedCount = 0;
  private found: Divergence | null = null;
  private overflowed = false;

  get divergence(): Divergence | null {
    return this.found;
  }

  /** Compared events found identical so far. */
  get matched(): number {
    return this.matchedCount;
  }

  /** Whether one run got too far ahead to keep comparing. */
  get gaveUp(): boolean {
    return this.overflowed;
  }

  pushA(event: TraceEvent, seq: number): void {
    this.push(0, event, seq);
  }

  pushB(event: TraceEvent): void {
    this.push(1, event, -1);
  }

  /**
   * Every event of each run up to its clock was pushed. An event one run had that the other
   * did not have by the same time — or at all, when the other run is over — is a divergence
   * too (a packet only one of them sent, a run that ended sooner).
   */
  settle(a: RunClock, b: RunClock): void {
    if (this.found !== null || this.overflowed) return;
    const clocks = [a, b] as const;
    for (const side of [0, 1] as const) {
      const other = clocks[1 - side];
      const first = this.queues[side][this.heads[side]];
      if (first === undefined || this.heads[1 - side] < this.queues[1 - side].length) continue;
      // Strictly before: the other run may not have run every event at its own instant yet
      // (a Step runs one event of a microsecond, a frame runs them all).
      if (other.over || first.event.atUs < other.nowUs) {
        this.part(side === 0 ? first : null, side === 1 ? first : null);
        return;
      }
    }
  }

  private push(side: 0 | 1, event: TraceEvent, seq: number): void {
    if (this.found !== null || this.overflowed || !isCompared(event)) return;
    const queue = this.queues[side];
    if (queue.length - this.heads[side] >= MAX_PENDING_EVENTS) {
      this.overflowed = true;
      this.queues[0] = [];
      this.queues[1] = [];
      return;
    }
    queue.push({ event, seq });
    this.pair();
  }

  private pair(): void {
    const [qa, qb] = this.queues;
    while (this.heads[0] < qa.length && this.heads[1] < qb.length) {
      const a = qa[this.heads[0]];
      const b = qb[this.heads[1]];
      if (!sameEvent(a.event, b.event)) {
        this.part(a, b);
        return;
      }
      this.heads[0]++;
      this.heads[1]++;
      this.matchedCount++;
    }
    this.compact();
  }

  private part(a: Pending | null, b: Pending | null): void {
    const atUs = Math.min(a?.event.atUs ?? Infinity, b?.event.atUs ?? Infinity);
    this.found = {
      index: this.matchedCount,
      atUs,
      a: a?.event ?? null,
      aSeq: a?.seq ?? null,
      b: b?.event ?? null,
    };
    this.queues[0] = [];
    this.queues[1] = [];
    this.heads = [0, 0];
  }

  /** Drops the paired prefix now and then, so the queues hold only unpaired events. */
  private compact(): void {
    for (const side of [0, 1] as const) {
      if (this.heads[side] > 4_096 && this.heads[side] * 2 > this.queues[side].length) {
        this.queues[side] = this.queues[side].slice(this.heads[side]);
        this.heads[side] = 0;
      }
    }
  }
}
