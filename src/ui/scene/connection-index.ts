import type { PacketSummary, TraceEvent } from '../../engine';
import { perRecorder } from '../record/per-recorder';
import type { Recorder } from '../record/recorder';

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
  // Two generations rather than one Map trimmed at its oldest key: deleting a Map's first key
  // again and again leaves holes that each next keys().next() walks over — 7 % of the page's
  // time with 100,000 connections. When the young generation is full it becomes the old one
  // and the previous old one is forgotten at once; a connection still sending is learnt again
  // into the young one from its next verdict.
  private young = new Map<string, string>();
  private old = new Map<string, string>();
  // The verdict's own answer for the packet it names, by packet id: the packet keeps its id
  // past the router, so on the far link it is found without building its tuple's key — a
  // string per packet per frame otherwise. Two generations too.
  private youngPackets = new Map<number, string>();
  private oldPackets = new Map<number, string>();
  private youngKeys = new Map<number, string>();
  private oldKeys = new Map<number, string>();

  constructor(recorder: Recorder) {
    for (let seq = recorder.firstSeq; seq < recorder.total; seq++) {
      const event = recorder.get(seq);
      if (event) this.learn(event);
    }
    // Released with the recorder's listeners when its simulation is replaced.
    recorder.subscribe((event) => this.learn(event));
  }

  /** The readable id of the packet's connection, or null when the firewall has not named one. */
  connectionOf(packet: PacketSummary): string | null {
    const named = this.youngPackets.get(packet.id) ?? this.oldPackets.get(packet.id);
    if (named !== undefined) return named;
    const key = this.keyOf(packet);
    return this.young.get(key) ?? this.old.get(key) ?? null;
  }

  private rememberPacket(id: number, connection: string): void {
    if (this.youngPackets.size >= GENERATION_TUPLES) {
      this.oldPackets = this.youngPackets;
      this.youngPackets = new Map();
    }
    this.youngPackets.set(id, connection);
  }

  /**
   * The packet's tuple key, built once per packet: one on its way to the router is drawn
   * every frame until its verdict. The key, not the answer, is kept, so a tuple's newer
   * owner is still found.
   */
  private keyOf(packet: PacketSummary): string {
    const known = this.youngKeys.get(packet.id) ?? this.oldKeys.get(packet.id);
    if (known !== undefined) return known;
    const key = tupleKey(packet);
    if (this.youngKeys.size >= GENERATION_TUPLES) {
      this.oldKeys = this.youngKeys;
      this.youngKeys = new Map();
    }
    this.youngKeys.set(packet.id, key);
    return key;
  }

  private learn(event: TraceEvent): void {
    if (event.kind !== 'firewall.verdict' || event.connection === null) return;
    this.rememberPacket(event.packet.id, event.connection);
    const forward = tupleKey(event.packet);
    if (this.young.get(forward) === event.connection) return;
    if (this.young.size >= GENERATION_TUPLES) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(forward, event.connection);
    this.young.set(reverseKey(event.packet), event.connection);
  }
}

/**
 * Both directions of a flow map to the same connection. ICMP summaries carry the echo id as
 * sport and the sequence number as dport: an echo exchange is keyed by its id alone.
 */
export function tupleKey(p: PacketSummary): string {
  if (p.proto === 'icmp') return `icmp ${p.src} ${p.dst} ${p.sport}`;
  return `${p.proto} ${p.src}:${p.sport} ${p.dst}:${p.dport}`;
}

function reverseKey(p: PacketSummary): string {
  if (p.proto === 'icmp') return `icmp ${p.dst} ${p.src} ${p.sport}`;
  return `${p.proto} ${p.dst}:${p.dport} ${p.src}:${p.sport}`;
}

/** The serial in a readable id ("… #17" → 17, "… #2.5" → 5): stable colours per connection. */
export function connectionSerial(id: string): number {
  const m = /#(?:\d+\.)?(\d+)$/.exec(id);
  return m === null ? 0 : Number(m[1]);
}

/** The index of a recorder, built the first time it is asked for. */
export const connectionIndexOf = perRecorder((recorder) => new ConnectionIndex(recorder));
