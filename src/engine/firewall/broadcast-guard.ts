import type { Ipv4Prefix } from '../net/ipv4';

/** Sources the guard remembers at once; the least recently seen is forgotten first. */
const MAX_SOURCES = 4_096;

interface Bucket {
  tokens: number;
  lastUs: number;
}

/**
 * The broadcast-storm guard: a token bucket per source address for packets sent to a
 * broadcast or multicast destination, so one host flooding the segment cannot swamp the
 * router (the patent names broadcast storms among what a firewall protects from).
 */
export class BroadcastGuard {
  private readonly buckets = new Map<number, Bucket>();

  constructor(
    readonly packetsPerSecond: number,
    readonly burst: number,
    /** Directed broadcast addresses of the router's networks. */
    private readonly directedBroadcasts: readonly number[],
  ) {}

  static forPrefixes(pps: number, burst: number, prefixes: readonly Ipv4Prefix[]): BroadcastGuard {
    const broadcasts = prefixes
      .filter((p) => p.length < 31)
      .map((p) => (p.network | ~p.mask) >>> 0);
    return new BroadcastGuard(pps, burst, broadcasts);
  }

  /** Limited broadcast, multicast (224.0.0.0/4), or a directed broadcast of a router network. */
  applies(dst: number): boolean {
    return dst === 0xffffffff || dst >>> 28 === 0xe || this.directedBroadcasts.includes(dst);
  }

  /** Takes a token for `src`; false when its bucket is empty. */
  allow(src: number, nowUs: number): boolean {
    let b = this.buckets.get(src);
    if (b === undefined) {
      if (this.buckets.size >= MAX_SOURCES)
        this.buckets.delete(this.buckets.keys().next().value as number);
      b = { tokens: this.burst, lastUs: nowUs };
    } else {
      this.buckets.delete(src); // re-insert below: Map order is then least recently seen first
      b.tokens = Math.min(
        this.burst,
        b.tokens + ((nowUs - b.lastUs) * this.packetsPerSecond) / 1e6,
      );
      b.lastUs = nowUs;
    }
    this.buckets.set(src, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}
