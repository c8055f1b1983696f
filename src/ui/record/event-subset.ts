import type { TraceEvent } from '../../engine';
import type { Recorder } from './recorder';

/**
 * Some of a recorder's events — those `keep` chooses — by sequence number, for a view that
 * scans back through recent events every frame and draws only a few kinds: the scene (packets
 * on links, record moves). A bound on events looked at then reaches back further, and nothing
 * else is visited. Bounded like the recorder it follows: a ring as long as the recorder's,
 * whose oldest entries the recorder has forgotten before this does.
 */
export class EventSubset {
  private readonly seqs: Float64Array;
  /** Sequence numbers taken in all; the newest sits at (taken - 1) % capacity. */
  private taken = 0;

  constructor(
    private readonly recorder: Recorder,
    private readonly keep: (event: TraceEvent) => boolean,
  ) {
    this.seqs = new Float64Array(recorder.capacity);
    for (let seq = recorder.firstSeq; seq < recorder.total; seq++) {
      const event = recorder.get(seq);
      if (event !== undefined) this.take(event, seq);
    }
    // Released with the recorder's listeners when its simulation is replaced.
    recorder.subscribe((event, seq) => this.take(event, seq));
  }

  /** As Recorder.scanBack, over the events kept only. */
  scanBack(visit: (event: TraceEvent, seq: number) => boolean): void {
    const capacity = this.seqs.length;
    for (let i = this.taken - 1; i >= 0 && i >= this.taken - capacity; i--) {
      const seq = this.seqs[i % capacity];
      const event = this.recorder.get(seq);
      if (event === undefined || !visit(event, seq)) return;
    }
  }

  private take(event: TraceEvent, seq: number): void {
    if (!this.keep(event)) return;
    this.seqs[this.taken % this.seqs.length] = seq;
    this.taken++;
  }
}
