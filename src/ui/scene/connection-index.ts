import type { PacketSummary, TraceEvent } from '../../engine';
import { perRecorder } from '../record/per-recorder';
import type { Recorder } from '../record/recorder';
import { TupleKeys } from './tuple-keys';

/** The most packet 5-tuples remembered; the oldest are forgotten past it. */
export const MAX_TUPLES = 50_000;
const GENERATION_TUPLES = MAX_TUPLES / 2;

/**
 * Which connection a packet belongs to, learnt from the firewall's verdicts (each names the
 * packet and its connection): packets seen on the wires before or after the router are then
 * told apart by their 5-tuple, in either direction. Views colour packets by connection and
 * highlight the selected one's packets with it. One index per recorder, built from the
 * events it holds and kept current by subscription.
 */
export class ConnectionIndex {
  /** Connection by tuple key (tupleKeys), either direction. */
  private readonly tuples = new Generations<number, string>();
  // The verdict's own answer for the packet it names, by packet id: the packet keeps its id
  // past the router, so on the far link it is found without its tuple's key.
  private readonly packets = new Generations<number, string>();
  /**
   * The packet's tuple key, made once per packet: one on its way to the router is drawn
   * every frame until its verdict. The key, not the answer, is kept, so a tuple's newer
   * owner is still found.
   */
  private readonly keys = new Generations<number, number>();
  private readonly tupleKeys = new TupleKeys(() => this.forgetTuples());

  constructor(recorder: Recorder) {
    for (let seq = recorder.firstSeq; seq < recorder.total; seq++) {
      const event = recorder.get(seq);
      if (event) this.learn(event);
    }
    // Released with the recorder's listeners when its simulation is replaced.
    recorder.subscribe((event) => this.learn(event));
  }

  /**
   * The readable id of the connection of the packet numbered `packetId`, or null when the
   * firewall has not named one. `packet` gives its summary, asked for only while the packet's
   * tuple key is not known (the scene looks up every packet in flight every frame): once, for
   * a packet whose addresses a verdict has paired; every time, for one no verdict paired.
   */
  connectionOf(packetId: number, packet: () => PacketSummary): string | null {
    const named = this.packets.get(packetId);
    if (named !== undefined) return named;
    let key = this.keys.get(packetId);
    if (key === undefined) {
      // Looked up, not learnt: addresses no verdict has paired have no key, and no owner.
      key = this.tupleKeys.known(packet());
      if (key < 0) return null;
      this.keys.set(packetId, key);
    }
    return this.tuples.get(key) ?? null;
  }

  private learn(event: TraceEvent): void {
    if (event.kind !== 'firewall.verdict' || event.connection === null) return;
    this.packets.set(event.packet.id, event.connection);
    const forward = this.tupleKeys.forward(event.packet);
    if (this.tuples.getYoung(forward) === event.connection) return;
    this.tuples.makeRoom();
    this.tuples.put(forward, event.connection);
    this.tuples.put(this.tupleKeys.reverse(event.packet), event.connection);
  }

  /** The flows were numbered afresh: every key made so far means nothing now. */
  private forgetTuples(): void {
    this.tuples.clear();
    this.keys.clear();
  }
}

/**
 * A bounded map in two generations rather than one Map trimmed at its oldest key: deleting a
 * Map's first key again and again leaves holes that each next keys().next() walks over — 7 %
 * of the page's time with 100,000 connections. When the young generation is full it becomes
 * the old one and the previous old one is forgotten at once; an entry still in use is learnt
 * again into the young one.
 */
class Generations<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  get(key: K): V | undefined {
    return this.young.get(key) ?? this.old.get(key);
  }

  getYoung(key: K): V | undefined {
    return this.young.get(key);
  }

  set(key: K, value: V): void {
    this.makeRoom();
    this.put(key, value);
  }

  /** The young generation has room for a key: when full, it is now the old one. */
  makeRoom(): void {
    if (this.young.size < GENERATION_TUPLES) return;
    this.old = this.young;
    this.young = new Map();
  }

  /** Into the young generation, after makeRoom(). */
  put(key: K, value: V): void {
    this.young.set(key, value);
  }

  clear(): void {
    this.young = new Map();
    this.old = new Map();
  }
}

/** The serial in a readable id ("… #17" → 17, "… #2.5" → 5): stable colours per connection. */
export function connectionSerial(id: string): number {
  const m = /#(?:\d+\.)?(\d+)$/.exec(id);
  return m === null ? 0 : Number(m[1]);
}

/** The index of a recorder, built the first time it is asked for. */
export const connectionIndexOf = perRecorder((recorder) => new ConnectionIndex(recorder));
