import type { PacketSummary, TraceEvent } from '../../engine';
import type { Recorder } from '../record/recorder';

/** The most packet 5-tuples remembered; the oldest are forgotten past it. */
export const MAX_TUPLES = 50_000;

/**
 * Which connection a packet belongs to, learnt from the firewall's verdicts (each names the
 * packet and its connection): packets seen on the wires before or after the router are then
 * told apart by their 5-tuple, in either direction. Views colour packets by connection and
 * highlight the selected one's packets with it. One index per recorder, built from the
 * events it holds and kept current by subscription.
 */
export class ConnectionIndex {
  private readonly byTuple = new Map<string, string>();

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
    return this.byTuple.get(tupleKey(packet)) ?? null;
  }

  private learn(event: TraceEvent): void {
    if (event.kind !== 'firewall.verdict' || event.connection === null) return;
    const forward = tupleKey(event.packet);
    if (this.byTuple.get(forward) === event.connection) return;
    while (this.byTuple.size >= MAX_TUPLES - 1) this.forgetOldest();
    // Delete first so a tuple reused by a newer connection moves to the young end.
    this.byTuple.delete(forward);
    this.byTuple.set(forward, event.connection);
    this.byTuple.set(reverseKey(event.packet), event.connection);
  }

  private forgetOldest(): void {
    const oldest = this.byTuple.keys().next();
    if (!oldest.done) this.byTuple.delete(oldest.value);
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

const indexes = new WeakMap<Recorder, ConnectionIndex>();

/** The index of a recorder, built the first time it is asked for. */
export function connectionIndexOf(recorder: Recorder): ConnectionIndex {
  let index = indexes.get(recorder);
  if (index === undefined) {
    index = new ConnectionIndex(recorder);
    indexes.set(recorder, index);
  }
  return index;
}
