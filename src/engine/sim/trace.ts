/** Anything recorded in a trace: a kind and the simulated time it happened. */
export interface Traced {
  readonly kind: string;
  readonly atUs: number;
}

export type TraceListener<E> = (event: E) => void;

/**
 * A bounded record of typed events plus synchronous subscribers. The ring keeps the latest
 * `capacity` events (older ones are counted in `overwritten`); subscribers see every event.
 * Producers check `enabled` before building an event, so an unobserved trace costs one branch.
 */
export class Trace<E extends Traced> {
  private readonly ring: E[] = [];
  private head = 0;
  private readonly listeners = new Set<TraceListener<E>>();
  /** Events that fell out of the ring because it was full. */
  overwritten = 0;
  /** Events emitted in total. */
  emitted = 0;
  enabled: boolean;

  constructor(readonly capacity = 0) {
    if (!(Number.isInteger(capacity) && capacity >= 0)) {
      throw new RangeError(`trace capacity must be a non-negative integer, got ${capacity}`);
    }
    this.enabled = capacity > 0;
  }

  emit(event: E): void {
    this.emitted++;
    if (this.capacity > 0) {
      if (this.ring.length < this.capacity) {
        this.ring.push(event);
      } else {
        this.ring[this.head] = event;
        this.head = (this.head + 1) % this.capacity;
        this.overwritten++;
      }
    }
    for (const listener of this.listeners) listener(event);
  }

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: TraceListener<E>): () => void {
    this.listeners.add(listener);
    this.enabled = true;
    return () => {
      this.listeners.delete(listener);
      this.enabled = this.capacity > 0 || this.listeners.size > 0;
    };
  }

  /** The retained events, oldest first. */
  events(): E[] {
    return this.ring.slice(this.head).concat(this.ring.slice(0, this.head));
  }
}
