import type { PacketSummary, TraceEvent } from '../../engine';
import { connectionFlowKey, flowKey, parseConnectionId, socketFlowKey } from './connection-text';

/** What the index reads: a Recorder, or a stand-in in tests. */
export interface EventSource {
  readonly firstSeq: number;
  readonly total: number;
  get(seq: number): TraceEvent | undefined;
}

/** A recorded event with its sequence number. */
export interface Numbered {
  readonly seq: number;
  readonly event: TraceEvent;
}

/** Events of one packet kept (a journey has a handful: transmits, verdict, forward, delivery). */
const MAX_PACKET_EVENTS = 32;
/** Connections remembered per flow key (ports are reused; the latest ones matter). */
const MAX_CONNECTIONS_PER_FLOW = 8;
/** Flow keys remembered in all (many-flows opens thousands of connections). */
const MAX_FLOWS = 100_000;
/**
 * Events a view takes into the index in one frame, the rest in the frames after. A recovery
 * of 100,000 connections leaves the recorder's whole ring of notes, each naming a connection:
 * a log that sat under a screen gate took them in at once when the run paused, 200 ms of a
 * 350 ms long task. An event costs 1 to 3 µs; the log and the inspect area may each take a
 * slice in the same frame.
 */
export const SYNC_EVENTS_PER_FRAME = 3_000;

interface Seen {
  readonly connection: string;
  readonly seq: number;
}

/**
 * What the log and the inspector look up among a recorder's events without scanning them all:
 * each packet's events by packet id, and which connection a packet or socket belongs to. Built
 * incrementally by sync() (every frame the run moves, not per event), and bounded: packets whose
 * events fell out of the recorder's ring are forgotten.
 */
export class EventIndex {
  private readonly packets = new Map<number, number[]>();
  /** A packet's connection as the firewall's verdict said (null: it belongs to none). */
  private readonly packetConnections = new Map<number, string | null>();
  private readonly flows = new Map<string, Seen[]>();
  private readonly known = new Set<string>();
  // The maps' insertion orders, kept beside them: finding a map's oldest key by iterating it
  // walks every entry deleted before (V8 keeps them as holes until it rehashes), and these
  // maps lose their oldest entries all the time.
  private readonly flowOrder = new KeyQueue<string>();
  private readonly packetOrder = new KeyQueue<number>();
  private next: number;

  constructor(readonly source: EventSource) {
    this.next = source.firstSeq;
  }

  /**
   * Takes in the events recorded since the last call, at most `maxEvents` of them (the oldest
   * first); returns whether it has taken in every event recorded.
   */
  sync(maxEvents = Infinity): boolean {
    const { source } = this;
    const from = Math.max(this.next, source.firstSeq);
    const end = Math.min(source.total, from + maxEvents);
    for (let seq = from; seq < end; seq++) {
      const event = source.get(seq);
      if (event !== undefined) this.take(event, seq);
    }
    this.next = end;
    this.forgetBefore(source.firstSeq);
    return end === source.total;
  }

  /** The sequence number of the first event not taken in yet. */
  get synced(): number {
    return this.next;
  }

  /** The held events of packet `id`, in order. */
  packetEvents(id: number): Numbered[] {
    const seqs = this.packets.get(id) ?? [];
    return seqs.flatMap((seq) => {
      const event = this.source.get(seq);
      return event === undefined ? [] : [{ seq, event }];
    });
  }

  /**
   * The readable id of the connection an event belongs to: its own field when it has one; for
   * a packet the connection of the firewall's verdict on it, else the connection seen with the
   * same 5-tuple (either direction); for a TCP socket's event the connection of its 5-tuple.
   */
  connectionOf(event: TraceEvent, seq: number): string | null {
    switch (event.kind) {
      case 'firewall.verdict':
      case 'link.transmit':
      case 'packet.drop':
      case 'packet.deliver':
      case 'replay.inject':
      case 'router.forward':
      case 'firewall.log':
        return this.packetConnection(event.packet, seq);
      case 'firewall.connection':
      case 'checkpoint.write':
      case 'checkpoint.delete':
      case 'recovery':
        return event.connection;
      case 'firewall.expectation':
        return event.master;
      case 'tcp.state':
      case 'tcp.retransmit':
      case 'tcp.abort':
        return this.byFlow(socketFlowKey(event.socket), seq);
      default:
        return null;
    }
  }

  private packetConnection(p: PacketSummary, seq: number): string | null {
    const known = this.packetConnections.get(p.id);
    return known !== undefined ? known : this.byFlow(packetFlowKey(p), seq);
  }

  /** The connection of that flow created last at or before `seq`, else the first after it. */
  private byFlow(key: string | null, seq: number): string | null {
    const seen = key === null ? undefined : this.flows.get(key);
    if (seen === undefined) return null;
    let pick = seen[0];
    for (const s of seen) if (s.seq <= seq) pick = s;
    return pick.connection;
  }

  private take(event: TraceEvent, seq: number): void {
    const connection = 'connection' in event ? event.connection : null;
    if (connection !== null) this.learn(connection, seq);
    if (!('packet' in event)) return;
    const id = event.packet.id;
    const seqs = this.packets.get(id);
    if (seqs === undefined) {
      this.packets.set(id, [seq]);
      this.packetOrder.push(id);
    } else if (seqs.length < MAX_PACKET_EVENTS) seqs.push(seq);
    if (event.kind === 'firewall.verdict')
      this.packetConnections.set(id, this.verdictOn(event, seq));
  }

  /**
   * The connection a verdict puts its packet in. The firewall names it, except on the packet
   * that creates a connection (whose "new" event came just before): then the flow's connection
   * at that moment. A refused packet the firewall put in no connection belongs to none.
   */
  private verdictOn(event: Extract<TraceEvent, { kind: 'firewall.verdict' }>, seq: number) {
    if (event.connection !== null) return event.connection;
    return event.verdict === 'accept' ? this.byFlow(packetFlowKey(event.packet), seq) : null;
  }

  private learn(connection: string, seq: number): void {
    if (this.known.has(connection)) return;
    const parts = parseConnectionId(connection);
    if (parts === null) return;
    this.known.add(connection);
    const key = connectionFlowKey(parts);
    const seen = this.flows.get(key);
    if (seen === undefined) {
      if (this.flows.size >= MAX_FLOWS) this.forgetOldestFlow();
      this.flows.set(key, [{ connection, seq }]);
      this.flowOrder.push(key);
    } else {
      seen.push({ connection, seq });
      if (seen.length > MAX_CONNECTIONS_PER_FLOW) this.known.delete(seen.shift()!.connection);
    }
  }

  private forgetOldestFlow(): void {
    const key = this.flowOrder.shift();
    const seen = this.flows.get(key);
    this.flows.delete(key);
    for (const s of seen ?? []) this.known.delete(s.connection);
  }

  /** Packets are indexed in the order their first event came: the oldest are at the front. */
  private forgetBefore(firstSeq: number): void {
    while (this.packetOrder.size > 0) {
      const id = this.packetOrder.peek();
      if (this.packets.get(id)![0] >= firstSeq) return;
      this.packetOrder.shift();
      this.packets.delete(id);
      this.packetConnections.delete(id);
    }
  }
}

/** A first-in first-out queue of keys: an array and a head, compacted as the head moves on. */
class KeyQueue<K> {
  private items: K[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(key: K): void {
    this.items.push(key);
  }

  peek(): K {
    return this.items[this.head];
  }

  shift(): K {
    const key = this.items[this.head++];
    if (this.head > 1_024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return key;
  }
}

export function packetFlowKey(p: PacketSummary): string {
  // ICMP connections are keyed by the echo id (the summary's sport) at both ends.
  const dport = p.proto === 'icmp' ? p.sport : p.dport;
  return flowKey(p.proto, p.src, p.sport, p.dst, dport);
}
