import type { TraceEvent } from '../../engine';
import type { Recorder } from '../record/recorder';
import { actsOf } from './act-activity';

export interface ActTally {
  readonly count: number;
  /** Simulated time the act was last executed, µs; null when never. */
  readonly lastAtUs: number | null;
}

export interface ActCounts {
  readonly byAct: ReadonlyMap<number, ActTally>;
  /** The latest event that executed any act: when, and its acts (null before any). */
  readonly latest: { readonly atUs: number; readonly acts: readonly number[] } | null;
  /**
   * False when the recorder had already dropped its oldest events before counting began (a
   * long run on a page that attached late): the counts are then lower bounds.
   */
  readonly complete: boolean;
}

type Source = Pick<Recorder, 'firstSeq' | 'total' | 'get' | 'subscribe'>;

/**
 * How many times each act was executed in one recorder's run, and when last, kept up to date
 * as events are recorded (a constant amount of work per event), rather than rescanned at every
 * refresh: what the flowcharts count and light (litActs).
 * One counter per recorder: a seek backwards replaces the recorder, and a new counter
 * starts from the new one's events.
 */
export class ActCounter {
  private readonly counts = new Map<number, number>();
  private readonly lastAt = new Map<number, number>();
  private latest: ActCounts['latest'] = null;
  private readonly complete: boolean;
  /** The next sequence number to count: events can reach both the catch-up and the listener. */
  private nextSeq: number;
  private readonly stop: () => void;

  constructor(source: Source) {
    this.complete = source.firstSeq === 0;
    this.nextSeq = source.firstSeq;
    // What was recorded before this counter existed (a seek replays before views attach).
    for (let seq = source.firstSeq; seq < source.total; seq++) {
      const event = source.get(seq);
      if (event !== undefined) this.count(event, seq);
    }
    this.stop = source.subscribe((event, seq) => this.count(event, seq));
  }

  /** The counts so far, as a copy the view may keep. */
  snapshot(): ActCounts {
    const byAct = new Map<number, ActTally>();
    for (const [act, count] of this.counts) {
      byAct.set(act, { count, lastAtUs: this.lastAt.get(act) ?? null });
    }
    return { byAct, latest: this.latest, complete: this.complete };
  }

  detach(): void {
    this.stop();
  }

  private count(event: TraceEvent, seq: number): void {
    if (seq < this.nextSeq) return;
    this.nextSeq = seq + 1;
    const acts = actsOf(event);
    if (acts.length > 0) this.latest = { atUs: event.atUs, acts };
    for (const act of acts) {
      this.counts.set(act, (this.counts.get(act) ?? 0) + 1);
      this.lastAt.set(act, event.atUs);
    }
  }
}
