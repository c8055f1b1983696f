import type { Simulation, TraceEvent } from '../../engine';
import { EventColumns } from './event-columns';

/** Events kept by default: ftp-crash has ~75k, many-flows ~280k (its oldest then drop out). */
export const DEFAULT_RECORDER_CAPACITY = 200_000;

/**
 * What the views know of a run's history: the engine's trace events as they happen, in a
 * bounded ring, each with its sequence number (its position in the whole run, from 0). The
 * event log lists them; the scene finds the packets in flight and the checkpoint writes by
 * scanning back from the latest; the flowcharts' act counter follows them as they come. One
 * recorder per simulation: a seek backwards replays a fresh simulation into a fresh recorder.
 *
 * The ring keeps events as numbers (EventColumns), not the engine's objects: reading one gives
 * a new object equal to the one recorded. Subscribers are given the engine's own object.
 */
export class Recorder {
  private readonly ring: EventColumns;
  /** Sequence number of the next event; also how many events were recorded in all. */
  private nextSeq = 0;
  private readonly listeners = new Set<(event: TraceEvent, seq: number) => void>();
  private readonly stop: () => void;

  constructor(
    sim: Simulation,
    readonly capacity = DEFAULT_RECORDER_CAPACITY,
  ) {
    this.ring = new EventColumns(capacity); // which refuses a capacity that is not a count
    this.stop = sim.trace.subscribe((event) => this.record(event));
  }

  /** Events recorded since the run began, including those that fell out of the ring. */
  get total(): number {
    return this.nextSeq;
  }

  /** The oldest sequence number still held. */
  get firstSeq(): number {
    return Math.max(0, this.nextSeq - this.capacity);
  }

  /** The event with sequence number `seq`, or undefined when it is not (or no longer) held. */
  get(seq: number): TraceEvent | undefined {
    if (!Number.isInteger(seq) || seq < this.firstSeq || seq >= this.nextSeq) return undefined;
    const slot = seq % this.capacity;
    return this.ring.holds(slot) ? this.ring.read(slot) : undefined;
  }

  /** Where the event `seq` sits (or will sit) in the ring; for indexes that read it directly. */
  slotOf(seq: number): number {
    return seq % this.capacity;
  }

  /** The event in ring slot `slot` (see slotOf); the caller checks that its seq is held. */
  atSlot(slot: number): TraceEvent {
    return this.ring.read(slot);
  }

  /**
   * Visits held events from the latest back, until `visit` returns false. The way a view finds
   * what is happening now (the packets in flight) without an index.
   */
  scanBack(visit: (event: TraceEvent, seq: number) => boolean): void {
    for (let seq = this.nextSeq - 1; seq >= this.firstSeq; seq--) {
      const slot = seq % this.capacity;
      if (this.ring.holds(slot) && !visit(this.ring.read(slot), seq)) return;
    }
  }

  /** Calls `listener` with every event recorded from now on; returns the unsubscriber. */
  subscribe(listener: (event: TraceEvent, seq: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops recording (the simulation was replaced). */
  detach(): void {
    this.stop();
    this.listeners.clear();
  }

  private record(event: TraceEvent): void {
    const seq = this.nextSeq;
    // Counted even when the ring refuses it (a field not what its kind says, which throws on
    // into the engine): its slot then holds nothing, and the oldest event it held is gone.
    this.nextSeq = seq + 1;
    this.ring.write(seq % this.capacity, event);
    for (const listener of this.listeners) listener(event, seq);
  }
}
