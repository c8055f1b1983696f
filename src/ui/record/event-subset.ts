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
  /**
   * Where each event sits in the recorder's ring, found once when it is taken: a scan reads
   * the ring directly, with no division per event (two per event were half a scan's time).
   */
  private readonly slots: Int32Array;
  /** Entries taken in all; the newest sits at `newest`. */
  private taken = 0;
  private newest = -1;

  constructor(
    private readonly recorder: Recorder,
    private readonly keep: (event: TraceEvent) => boolean,
  ) {
    this.seqs = new Float64Array(recorder.capacity);
    this.slots = new Int32Array(recorder.capacity);
    for (let seq = recorder.firstSeq; seq < recorder.total; seq++) {
      const event = recorder.get(seq);
      if (event !== undefined) this.take(event, seq);
    }
    // Released with the recorder's listeners when its simulation is replaced.
    recorder.subscribe((event, seq) => this.take(event, seq));
  }

  /** As Recorder.scanBack, over the events kept only. */
  scanBack(visit: (event: TraceEvent, seq: number) => boolean): void {
    const { recorder, seqs, slots } = this;
    const capacity = seqs.length;
    const firstSeq = recorder.firstSeq;
    let at = this.newest;
    for (let left = Math.min(this.taken, capacity); left > 0; left--) {
      const seq = seqs[at];
      if (seq < firstSeq || !visit(recorder.atSlot(slots[at]), seq)) return;
      at = at === 0 ? capacity - 1 : at - 1;
    }
  }

  private take(event: TraceEvent, seq: number): void {
    if (!this.keep(event)) return;
    this.newest = this.newest === this.seqs.length - 1 ? 0 : this.newest + 1;
    this.seqs[this.newest] = seq;
    this.slots[this.newest] = this.recorder.slotOf(seq);
    this.taken++;
  }
}
