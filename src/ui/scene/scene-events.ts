import type { TraceEvent } from '../../engine';
import { perRecorder } from '../record/per-recorder';
import type { Recorder } from '../record/recorder';
import { SCENE_KINDS } from './scene-items';

/**
 * The recorder's events the scene draws from (SCENE_KINDS: packets put on links, drops,
 * records moving, crashes), by sequence number. The scene scans back through the last
 * fraction of a second of events every frame; with 100k connections that is some 18,000
 * events in 250 ms of a run, of which verdicts, forwards, deliveries and TCP states — about
 * 60 % — are never drawn. Bounded like the recorder it follows: a ring as long as the
 * recorder's, whose oldest entries the recorder has forgotten before this does.
 */
export class SceneEvents {
  private readonly seqs: Float64Array;
  /** Sequence numbers taken in all; the newest sits at (taken - 1) % capacity. */
  private taken = 0;

  constructor(private readonly recorder: Recorder) {
    this.seqs = new Float64Array(recorder.capacity);
    for (let seq = recorder.firstSeq; seq < recorder.total; seq++) {
      const event = recorder.get(seq);
      if (event !== undefined) this.take(event, seq);
    }
    // Released with the recorder's listeners when its simulation is replaced.
    recorder.subscribe((event, seq) => this.take(event, seq));
  }

  /** As Recorder.scanBack, over the scene's events only. */
  scanBack(visit: (event: TraceEvent, seq: number) => boolean): void {
    const capacity = this.seqs.length;
    for (let i = this.taken - 1; i >= 0 && i >= this.taken - capacity; i--) {
      const seq = this.seqs[i % capacity];
      const event = this.recorder.get(seq);
      if (event === undefined || !visit(event, seq)) return;
    }
  }

  private take(event: TraceEvent, seq: number): void {
    if (!SCENE_KINDS.has(event.kind)) return;
    this.seqs[this.taken % this.seqs.length] = seq;
    this.taken++;
  }
}

/** The scene's index of a recorder, built the first time it is asked for. */
export const sceneEventsOf = perRecorder((recorder) => new SceneEvents(recorder));
