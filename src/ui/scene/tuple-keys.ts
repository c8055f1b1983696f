import type { PacketSummary } from '../../engine';

export interface TupleKeyBounds {
  /** Ordered address pairs numbered before the numbering starts again: 2^19 fit a key. */
  readonly maxPairs: number;
  /** Addresses numbered before the numbering starts again: 2^26 fit a pair's number. */
  readonly maxAddresses: number;
}

export const TUPLE_KEY_BOUNDS: TupleKeyBounds = { maxPairs: 2 ** 19, maxAddresses: 2 ** 26 };

const PROTOS: Readonly<Record<PacketSummary['proto'], number>> = {
  tcp: 0,
  udp: 1,
  icmp: 2,
  other: 3,
};

/**
 * A packet's flow as one exact integer, either direction mapping to the same connection
 * through forward and reverse: (proto · 2^19 + pair) · 2^32 + sport · 2^16 + dport, where
 * `pair` numbers the ordered (source, destination) addresses as first seen. A string per
 * verdict ("tcp 192.0.2.10:40000 198.51.100.20:80") was most of the connection index's cost.
 * Ports and ICMP ids are 16-bit fields of the packet. ICMP summaries carry the echo id as
 * sport and the sequence number as dport: an echo exchange is keyed by its id alone.
 *
 * Only verdicts number (forward, reverse); a packet looked up (known) whose addresses no
 * verdict paired has no key. Past the bounds the numbering starts again, and `restarted` is
 * told that every key made before means nothing now.
 */
export class TupleKeys {
  private readonly addresses = new Map<string, number>();
  /** Pair number by source number · 2^26 + destination number. */
  private readonly pairs = new Map<number, number>();
  /** Times the numbering started again. */
  private era = 0;

  constructor(
    private readonly restarted: () => void,
    private readonly bounds: TupleKeyBounds = TUPLE_KEY_BOUNDS,
  ) {
    // A restart leaves room for one pair of two addresses; a key must stay exact.
    const { maxPairs, maxAddresses } = bounds;
    if (!(maxPairs >= 1 && maxPairs <= 2 ** 19 && maxAddresses >= 2 && maxAddresses <= 2 ** 26)) {
      throw new RangeError(
        `tuple key bounds out of range: ${maxPairs} pairs, ${maxAddresses} addresses`,
      );
    }
  }

  /** The key of the packet's flow as sent, numbering what is new. */
  forward(p: PacketSummary): number {
    return this.made(p, p.src, p.dst, p.sport, p.proto === 'icmp' ? 0 : p.dport);
  }

  /** The key of the reply's flow, numbering what is new. */
  reverse(p: PacketSummary): number {
    if (p.proto === 'icmp') return this.made(p, p.dst, p.src, p.sport, 0);
    return this.made(p, p.dst, p.src, p.dport, p.sport);
  }

  /** The key of the packet's flow as sent if its addresses were paired so, else -1. */
  known(p: PacketSummary): number {
    const src = this.addresses.get(p.src);
    const dst = this.addresses.get(p.dst);
    const pair =
      src === undefined || dst === undefined ? undefined : this.pairs.get(pairOf(src, dst));
    if (pair === undefined) return -1;
    return keyOf(p.proto, pair, p.sport, p.proto === 'icmp' ? 0 : p.dport);
  }

  private made(p: PacketSummary, src: string, dst: string, sport: number, dport: number): number {
    return keyOf(p.proto, this.pairNumber(src, dst), sport, dport);
  }

  private pairNumber(src: string, dst: string): number {
    const era = this.era;
    const from = this.addressNumber(src);
    const to = this.addressNumber(dst);
    // Numbering dst started the numbering again: src's number is from before.
    if (this.era !== era) return this.pairNumber(src, dst);
    const ordered = pairOf(from, to);
    let pair = this.pairs.get(ordered);
    if (pair === undefined) {
      if (this.pairs.size >= this.bounds.maxPairs) {
        this.restart();
        return this.pairNumber(src, dst);
      }
      pair = this.pairs.size;
      this.pairs.set(ordered, pair);
    }
    return pair;
  }

  private addressNumber(address: string): number {
    let n = this.addresses.get(address);
    if (n === undefined) {
      if (this.addresses.size >= this.bounds.maxAddresses) this.restart();
      n = this.addresses.size;
      this.addresses.set(address, n);
    }
    return n;
  }

  private restart(): void {
    this.addresses.clear();
    this.pairs.clear();
    this.era++;
    this.restarted();
  }
}

const pairOf = (src: number, dst: number) => src * 2 ** 26 + dst;

function keyOf(proto: PacketSummary['proto'], pair: number, sport: number, dport: number) {
  return (PROTOS[proto] * 2 ** 19 + pair) * 2 ** 32 + (sport & 0xffff) * 2 ** 16 + (dport & 0xffff);
}
