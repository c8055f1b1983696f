import type { ConnectionId } from './connection-id';

/**
 * A connection a helper expects to come (conntrack's nf_conntrack_expect): an FTP data
 * connection announced by PORT/EPRT/227/229, an RTP stream announced in SIP's SDP. It
 * admits one new connection from `src` (any source port) to `dst`:`dport` as RELATED to its
 * master.
 */
export interface Expectation {
  readonly masterSlot: number;
  readonly masterId: ConnectionId;
  readonly proto: number;
  readonly src: number;
  readonly dst: number;
  readonly dport: number;
  readonly createdUs: number;
  readonly expiresUs: number;
  /** Which helper made it ('ftp', 'sip'), for traces and reports. */
  readonly helper: string;
}

/** Counts for the report. */
export interface ExpectationStats {
  created: number;
  matched: number;
  expired: number;
  /** Older expectations of the same master pushed out by a newer one (max per master). */
  evicted: number;
  /** Announcements repeated while their expectation was pending (timeout renewed). */
  renewed: number;
  /** Announcements a helper would not expect (FTP bounce, IPv6 on an IPv4 connection). */
  refused: number;
}

export function newExpectationStats(): ExpectationStats {
  return { created: 0, matched: 0, expired: 0, evicted: 0, renewed: 0, refused: 0 };
}

/**
 * The expectation table, keyed by destination (address, port, protocol) — what a new
 * connection can be matched on at once — and bounded in total and per master.
 */
export class ExpectationTable {
  private readonly byDestination = new Map<number, Expectation[]>();
  private readonly all: Expectation[] = [];
  constructor(
    readonly maxTotal: number,
    /** Shared by successive firewall instances, so the counts cover the whole run. */
    readonly stats: ExpectationStats = newExpectationStats(),
  ) {}

  get size(): number {
    return this.all.length;
  }

  /**
   * Adds an expectation; with `maxPerMaster` reached, the master's oldest one goes (as the
   * kernel evicts). The same expectation announced again (a retransmitted SDP or reply) only
   * renews the pending one, as nf_ct_expect_related() replaces it.
   */
  add(e: Expectation, maxPerMaster: number): void {
    const same = this.all.findIndex(
      (x) =>
        x.masterSlot === e.masterSlot &&
        x.proto === e.proto &&
        x.src === e.src &&
        x.dst === e.dst &&
        x.dport === e.dport,
    );
    if (same >= 0) {
      this.remove(this.all[same]);
      this.stats.renewed++;
    } else {
      this.stats.created++;
    }
    const mine = this.all.filter((x) => x.masterSlot === e.masterSlot && x.helper === e.helper);
    if (mine.length >= maxPerMaster) {
      this.remove(mine[0]);
      this.stats.evicted++;
    }
    if (this.all.length >= this.maxTotal) {
      this.remove(this.all[0]);
      this.stats.evicted++;
    }
    this.restore(e);
  }

  /** Re-creates an expectation read back from a helper's record after a crash (not a new one). */
  restore(e: Expectation): void {
    this.all.push(e);
    const key = destinationKey(e.dst, e.dport, e.proto);
    const list = this.byDestination.get(key);
    if (list) list.push(e);
    else this.byDestination.set(key, [e]);
  }

  /** Finds and consumes the expectation a new connection matches, or returns null. */
  match(src: number, dst: number, dport: number, proto: number, nowUs: number): Expectation | null {
    const list = this.byDestination.get(destinationKey(dst, dport, proto));
    if (list === undefined) return null;
    for (const e of list) {
      if (e.expiresUs <= nowUs) continue; // the sweep removes it
      if (e.src !== src) continue;
      this.remove(e);
      this.stats.matched++;
      return e;
    }
    return null;
  }

  /** Drops expired expectations (the firewall's periodic sweep); tells each master's helper. */
  expire(nowUs: number, masterChanged: (masterSlot: number, masterId: number) => void): void {
    for (const e of this.all.filter((x) => x.expiresUs <= nowUs)) {
      this.remove(e);
      this.stats.expired++;
      masterChanged(e.masterSlot, e.masterId);
    }
  }

  /** A master connection ended: its expectations go with it. */
  removeForMaster(masterSlot: number): void {
    if (this.all.length === 0) return;
    for (const e of this.all.filter((x) => x.masterSlot === masterSlot)) this.remove(e);
  }

  entries(): readonly Expectation[] {
    return this.all;
  }

  private remove(e: Expectation): void {
    this.all.splice(this.all.indexOf(e), 1);
    const key = destinationKey(e.dst, e.dport, e.proto);
    const list = this.byDestination.get(key) as Expectation[];
    list.splice(list.indexOf(e), 1);
    if (list.length === 0) this.byDestination.delete(key);
  }
}

/** (address · 65536 + port) · 256 + protocol: 56 bits, exact in a double. */
function destinationKey(dst: number, dport: number, proto: number): number {
  return (dst * 65_536 + dport) * 256 + proto;
}
