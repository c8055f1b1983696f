import type { NetworkContext } from '../net/network-context';
import type { Packet } from '../net/packet';
import { PacketFifo } from './packet-fifo';

export type FabricDelivery = (inPort: number, outPort: number, packet: Packet) => void;

/**
 * A crossbar switching fabric with virtual output queues (one FIFO per input/output pair, so
 * a busy output does not block packets behind it bound elsewhere — no head-of-line blocking).
 * Time is divided into slots; in each slot an iSLIP round-robin matching (one iteration) moves
 * at most one packet out of each input and into each output. Slot events exist only while
 * packets wait.
 */
export class CrossbarFabric {
  private readonly voqs: PacketFifo[];
  /** Bit o of requests[i] is set when VOQ (i, o) holds packets. */
  private readonly requests: Int32Array;
  private readonly grantPointer: Int32Array;
  private readonly acceptPointer: Int32Array;
  private readonly grants: Int32Array;
  private readonly slotKind: number;
  private waiting = 0;
  private slotPending = false;
  /** Packets moved across the fabric. */
  transfers = 0;

  constructor(
    private readonly ctx: NetworkContext,
    readonly portCount: number,
    readonly slotUs: number,
    voqCapacity: number,
    private readonly deliver: FabricDelivery,
  ) {
    const n = portCount;
    this.voqs = Array.from({ length: n * n }, () => new PacketFifo(voqCapacity));
    this.requests = new Int32Array(n);
    this.grantPointer = new Int32Array(n);
    this.acceptPointer = new Int32Array(n);
    this.grants = new Int32Array(n);
    this.slotKind = ctx.scheduler.register('fabric.slot', () => this.runSlot());
  }

  /** Packets waiting in the VOQs of one input. */
  waitingAt(inPort: number): number {
    let total = 0;
    for (let o = 0; o < this.portCount; o++) total += this.voqs[inPort * this.portCount + o].length;
    return total;
  }

  enqueue(inPort: number, outPort: number, p: Packet): void {
    this.voqs[inPort * this.portCount + outPort].push(p);
    this.requests[inPort] |= 1 << outPort;
    this.waiting++;
    if (!this.slotPending) this.scheduleSlot();
  }

  private scheduleSlot(): void {
    // Transfers happen at slot boundaries; a packet waits for the next one.
    const now = this.ctx.nowUs;
    const next = (Math.floor(now / this.slotUs) + 1) * this.slotUs;
    this.slotPending = true;
    this.ctx.scheduler.at(next, this.slotKind);
  }

  private runSlot(): void {
    this.slotPending = false;
    const n = this.portCount;
    const { requests, grants, grantPointer, acceptPointer } = this;
    // Grant: each output offers itself to the next requesting input after its pointer.
    for (let o = 0; o < n; o++) {
      grants[o] = -1;
      const bit = 1 << o;
      for (let k = 0; k < n; k++) {
        const i = (grantPointer[o] + k) % n;
        if (requests[i] & bit) {
          grants[o] = i;
          break;
        }
      }
    }
    // Accept: each input takes the next granting output after its pointer; pointers move
    // only on acceptance, which is what makes iSLIP desynchronise and stay fair.
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < n; k++) {
        const o = (acceptPointer[i] + k) % n;
        if (grants[o] !== i) continue;
        acceptPointer[i] = (o + 1) % n;
        grantPointer[o] = (i + 1) % n;
        this.transfer(i, o);
        break;
      }
    }
    if (this.waiting > 0) this.scheduleSlot();
  }

  private transfer(i: number, o: number): void {
    const voq = this.voqs[i * this.portCount + o];
    const p = voq.shift();
    if (voq.length === 0) this.requests[i] &= ~(1 << o);
    this.waiting--;
    this.transfers++;
    this.deliver(i, o, p);
  }
}
