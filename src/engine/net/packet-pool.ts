import { violated } from '../errors';
import { Packet } from './packet';

/**
 * Recycles Packet objects so a long run allocates only as many as are ever in flight at once.
 * Events refer to a packet by its slot number. The pool is bounded: exceeding `maxLive` means
 * packets are leaking (never released), which fails loudly.
 */
export class PacketPool {
  private readonly all: Packet[] = [];
  private readonly free: Packet[] = [];
  private nextId = 1;
  liveCount = 0;

  constructor(readonly maxLive = 4_000_000) {}

  /** A packet with every header field reset and an empty payload. */
  alloc(createdUs: number): Packet {
    let p = this.free.pop();
    if (p === undefined) {
      if (!(this.all.length < this.maxLive)) violated(`more than ${this.maxLive} packets alive`);
      p = new Packet(this.all.length);
      this.all.push(p);
    } else {
      resetHeaders(p);
    }
    p.id = this.nextId++;
    p.live = true;
    p.createdUs = createdUs;
    this.liveCount++;
    return p;
  }

  /** An exact copy with a new id (link duplication). */
  clone(original: Packet): Packet {
    const p = this.alloc(original.createdUs);
    copyHeaders(original, p);
    if (original.payloadLen > 0) p.setPayload(original.payload, 0, original.payloadLen);
    return p;
  }

  get(slot: number): Packet {
    const p = this.all[slot];
    if (!(p !== undefined && p.live)) violated(`packet slot ${slot} is not live`);
    return p;
  }

  release(p: Packet): void {
    if (!p.live) violated(`packet ${p.id} released twice`);
    p.live = false;
    this.liveCount--;
    this.free.push(p);
  }

  /** Packet objects ever created (the pool's memory footprint). */
  get allocated(): number {
    return this.all.length;
  }
}

function resetHeaders(p: Packet): void {
  p.srcAddr = 0;
  p.dstAddr = 0;
  p.proto = 0;
  p.ttl = 64;
  p.ipId = 0;
  p.srcPort = 0;
  p.dstPort = 0;
  p.seq = 0;
  p.ack = 0;
  p.flags = 0;
  p.window = 0;
  p.mssOption = 0;
  p.wscaleOption = -1;
  p.icmpType = 0;
  p.icmpCode = 0;
  p.icmpId = 0;
  p.icmpSeq = 0;
  p.payloadLen = 0;
}

function copyHeaders(from: Packet, to: Packet): void {
  to.srcAddr = from.srcAddr;
  to.dstAddr = from.dstAddr;
  to.proto = from.proto;
  to.ttl = from.ttl;
  to.ipId = from.ipId;
  to.srcPort = from.srcPort;
  to.dstPort = from.dstPort;
  to.seq = from.seq;
  to.ack = from.ack;
  to.flags = from.flags;
  to.window = from.window;
  to.mssOption = from.mssOption;
  to.wscaleOption = from.wscaleOption;
  to.icmpType = from.icmpType;
  to.icmpCode = from.icmpCode;
  to.icmpId = from.icmpId;
  to.icmpSeq = from.icmpSeq;
}
