import { invariant } from '../errors';
import type { Packet } from '../net/packet';

/** A bounded first-in first-out ring of packets; the caller checks `full` before pushing. */
export class PacketFifo {
  private readonly ring: Array<Packet | null>;
  private head = 0;
  length = 0;

  constructor(readonly capacity: number) {
    invariant(capacity >= 1, 'a FIFO holds at least one packet');
    this.ring = new Array<Packet | null>(capacity).fill(null);
  }

  get full(): boolean {
    return this.length === this.capacity;
  }

  push(p: Packet): void {
    invariant(this.length < this.capacity, 'push into a full FIFO');
    let tail = this.head + this.length;
    if (tail >= this.capacity) tail -= this.capacity;
    this.ring[tail] = p;
    this.length++;
  }

  shift(): Packet {
    invariant(this.length > 0, 'shift from an empty FIFO');
    const p = this.ring[this.head] as Packet;
    this.ring[this.head] = null;
    this.head = this.head + 1 === this.capacity ? 0 : this.head + 1;
    this.length--;
    return p;
  }
}
