import type { TraceEvent, TraceEventKind } from '../../engine';
import { perRecorder } from '../record/per-recorder';
import type { Recorder } from '../record/recorder';
import { SCENE_KIND_LIST, type SceneSource, type SceneVisitor } from './scene-source';

/**
 * The recorder's events the scene draws from (SCENE_KIND_LIST: packets put on links, drops,
 * records moving, crashes), by sequence number; verdicts, forwards, deliveries and TCP states
 * (about 60 % of all events) are not kept. The scene scans back through the last fraction of
 * a second every frame: with 100k connections some 12,000 of these events, most of them
 * packets that have arrived and checkpoint writes whose record has landed. So each is kept as
 * numbers in columns — its kind and time, and for a packet put on a link its link, times,
 * packet id and whether it is lost — and the scene reads an event object only when what it
 * says could still be drawn and the numbers do not say it all. Bounded like the recorder it
 * follows: a ring as long as the recorder's (50 bytes an entry, about 10 MB at the default
 * 200,000), whose oldest entries the recorder has forgotten before this
 * does. Its link names are the topology's link directions, two per host: bounded by the
 * scenario.
 */
export class SceneEvents implements SceneSource {
  private readonly seqs: Float64Array;
  /** Where each event sits in the recorder's ring, found once when it is taken. */
  private readonly slots: Int32Array;
  /** The event's kind, by its index in SCENE_KIND_LIST. */
  private readonly kinds: Uint8Array;
  /** A packet put on a link: its link's index in `linkNames`; -1 for the other kinds. */
  private readonly links: Int32Array;
  private readonly atUs: Float64Array;
  private readonly txEndUs: Float64Array;
  private readonly arriveUs: Float64Array;
  /** A packet put on a link: its id, and 1 if the link loses it. */
  private readonly packetIds: Float64Array;
  private readonly lost: Uint8Array;
  private readonly linkNames: string[] = [];
  private readonly linkIndex = new Map<string, number>();
  /** Entries taken in all; the newest sits at `newest`. */
  private taken = 0;
  private newest = -1;

  constructor(private readonly recorder: Recorder) {
    const capacity = recorder.capacity;
    this.seqs = new Float64Array(capacity);
    this.slots = new Int32Array(capacity);
    this.kinds = new Uint8Array(capacity);
    this.links = new Int32Array(capacity);
    this.atUs = new Float64Array(capacity);
    this.txEndUs = new Float64Array(capacity);
    this.arriveUs = new Float64Array(capacity);
    this.packetIds = new Float64Array(capacity);
    this.lost = new Uint8Array(capacity);
    for (let seq = recorder.firstSeq; seq < recorder.total; seq++) {
      const event = recorder.get(seq);
      if (event !== undefined) this.take(event, seq);
    }
    // Released with the recorder's listeners when its simulation is replaced.
    recorder.subscribe((event, seq) => this.take(event, seq));
  }

  scanScene(visitor: SceneVisitor): void {
    const { recorder, seqs, links, atUs } = this;
    const capacity = seqs.length;
    const firstSeq = recorder.firstSeq;
    let at = this.newest;
    for (let left = Math.min(this.taken, capacity); left > 0; left--) {
      if (seqs[at] < firstSeq) return;
      const link = links[at];
      const more =
        link < 0
          ? visitor.other(atUs[at], SCENE_KIND_LIST[this.kinds[at]], at)
          : visitor.transmit(
              atUs[at],
              this.txEndUs[at],
              this.arriveUs[at],
              this.linkNames[link],
              at,
            );
      if (!more) return;
      at = at === 0 ? capacity - 1 : at - 1;
    }
  }

  /** A handle is the entry's own index here; its event is read from the recorder's ring. */
  eventAt(handle: number): TraceEvent {
    return this.recorder.atSlot(this.slots[handle]);
  }

  packetIdAt(handle: number): number {
    return this.packetIds[handle];
  }

  lostAt(handle: number): boolean {
    return this.lost[handle] === 1;
  }

  private take(event: TraceEvent, seq: number): void {
    const kind = KIND_CODES.get(event.kind);
    if (kind === undefined) return;
    const at = (this.newest = this.newest === this.seqs.length - 1 ? 0 : this.newest + 1);
    this.kinds[at] = kind;
    this.seqs[at] = seq;
    this.slots[at] = this.recorder.slotOf(seq);
    this.atUs[at] = event.atUs;
    if (event.kind === 'link.transmit') {
      this.links[at] = this.linkOf(event.link);
      this.txEndUs[at] = event.txEndUs;
      this.arriveUs[at] = event.arriveUs;
      this.packetIds[at] = event.packet.id;
      this.lost[at] = event.lost ? 1 : 0;
    } else {
      this.links[at] = -1;
    }
    this.taken++;
  }

  private linkOf(name: string): number {
    let index = this.linkIndex.get(name);
    if (index === undefined) {
      index = this.linkNames.push(name) - 1;
      this.linkIndex.set(name, index);
    }
    return index;
  }
}

const KIND_CODES = new Map<TraceEventKind, number>(SCENE_KIND_LIST.map((kind, i) => [kind, i]));

/** The scene's index of a recorder, built the first time it is asked for. */
export const sceneEventsOf = perRecorder((recorder) => new SceneEvents(recorder));
