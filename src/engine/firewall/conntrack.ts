import { violated } from '../errors';
import { IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP, type Packet } from '../net/packet';
import type { FirewallConfig } from '../scenarios/schema';
import type { Connection, DirectionCode, LedgerHistory } from './connection';
import { ConnectionIdAllocator, type ConnectionId } from './connection-id';
import { ConnectionTable } from './connection-table';
import { ExpectationTable, type Expectation } from './expectations';
import { ConntrackModules } from './conntrack-modules';
import { TrackResult } from './modules/track-result';
import { CtStateBit, type HelperObject } from './rules/ruleset-types';
import { noCheckpoints, type CheckpointHooks } from './checkpoint-hooks';
import type { ConnectionLedger } from './connection-ledger';
import type { FirewallShared } from './shared-state';
import { areaOfModule, BASE_AREA } from './part-records';
import { l4Module } from './modules/module-ids';
import { isIcmpError, quotedTuple } from './icmp-error';
import { expectationText, ruleText } from './admitted-by';

/** A connection's base layer as its record holds it (a recovery rebuilds it from that). */
export interface RebuiltBase {
  readonly proto: number;
  readonly src: number;
  readonly dst: number;
  readonly sport: number;
  readonly dport: number;
  readonly createdUs: number;
  readonly rule: number;
  readonly masterId: ConnectionId;
}

/** Why conntrack called a packet invalid, or refused one before the rules; '' when neither. */
export type ConntrackProblem = '' | 'invalid' | 'mid-stream' | 'table-full';

/**
 * Connection tracking: finds the connection a packet belongs to (or the expectation it
 * fulfils), runs the layer-4 tracker, and tells the rules the packet's ct state. A new
 * connection is only entered in the table once the rules accept its first packet — the
 * kernel's "confirm" — so refused attempts leave nothing behind.
 */
export class Conntrack {
  readonly table: ConnectionTable;
  readonly expectations: ExpectationTable;
  readonly modules: ConntrackModules;
  readonly ids: ConnectionIdAllocator;
  readonly ledger: ConnectionLedger;
  /** Told about every event worth checkpointing (the strategy of this firewall instance). */
  hooks: CheckpointHooks = noCheckpoints;
  created = 0;

  // The classification of the current packet (one packet at a time; the fields are reused,
  // and the only object a packet makes here is the view of its connection).
  conn: Connection | null = null;
  /** The history of a connection the current packet ended (`conn` can no longer read it). */
  private endedHistory: LedgerHistory | null = null;
  dir: DirectionCode = 0;
  ctState: number = CtStateBit.new;
  problem: ConntrackProblem = '';
  /** More about an invalid packet, e.g. the TCP tracker's 'out of window' (a constant string). */
  problemDetail = '';
  expectation: Expectation | null = null;
  /** Layer-4 part prepared for a connection not yet confirmed. */
  private pendingHandle = -1;
  private pendingModule = -1;
  private stateBefore = -1;
  /** The tracker asked for the connection to go once this packet is through. */
  private killAfter = false;

  constructor(
    readonly config: FirewallConfig,
    epoch: number,
    shared: FirewallShared,
  ) {
    this.ledger = shared.ledger;
    this.table = new ConnectionTable(config.maxConnections, shared.ledger);
    this.expectations = new ExpectationTable(config.maxExpectations, shared.expectations);
    this.modules = new ConntrackModules(config);
    this.ids = new ConnectionIdAllocator(epoch);
  }

  /**
   * The history of the current packet's connection (null when it has none), also when the
   * packet has ended it. For the trace: a view is made for each call.
   */
  get history(): LedgerHistory | null {
    if (this.endedHistory !== null) return this.endedHistory;
    return this.conn === null ? null : this.conn.history; // a view gone stale throws here
  }

  /** Forgets the last packet's classification (a packet refused before conntrack saw it). */
  reset(): void {
    this.conn = null;
    this.endedHistory = null;
    this.problem = '';
    this.problemDetail = '';
    this.expectation = null;
    this.pendingHandle = -1;
    this.ctState = CtStateBit.untracked;
  }

  /** Finds the packet's connection and its ct state; leaves the result in the fields above. */
  classify(p: Packet, nowUs: number): void {
    this.reset();
    if (isIcmpError(p)) return this.icmpError(p, nowUs);
    const [sport, dport] = tuplePorts(p);
    const found = this.table.find(p.srcAddr, p.dstAddr, sport, dport, p.proto);
    if (found >= 0) {
      const conn = this.table.get(found >> 1);
      if (conn.expiresUs > nowUs) return this.known(conn, (found & 1) as DirectionCode, p, nowUs);
      this.destroy(conn, nowUs, 'expired');
    }
    this.unknown(p, dport, nowUs);
  }

  private known(conn: Connection, dir: DirectionCode, p: Packet, nowUs: number): void {
    this.conn = conn;
    this.dir = dir;
    this.killAfter = false;
    this.stateBefore = this.modules.stateOf(conn);
    const result = this.modules.track(conn, p, dir, nowUs);
    if (result === TrackResult.reopen) {
      this.destroy(conn, nowUs, 'reopened');
      return this.unknown(p, tuplePorts(p)[1], nowUs);
    }
    // As in the kernel, tracking (and the timeout it sets — TCP may shorten it for an invalid
    // packet) happens before the rules decide.
    if (result !== TrackResult.invalid || conn.proto === IPPROTO_TCP) {
      conn.expiresUs = this.modules.expiresUs(conn, nowUs);
    }
    if (result === TrackResult.invalid) {
      this.ctState = CtStateBit.invalid;
      this.problem = 'invalid';
      this.problemDetail = this.modules.invalidReason;
      return;
    }
    this.killAfter = this.modules.killRequested(conn);
    this.hooks.tracked(conn, areaOfModule(l4Module(conn.proto)));
    let seenReply = conn.seenReply;
    if (dir === 1 && !seenReply) {
      conn.seenReply = seenReply = true;
      this.hooks.tracked(conn, BASE_AREA);
    }
    this.ctState = seenReply
      ? CtStateBit.established
      : conn.masterId >= 0
        ? CtStateBit.related
        : CtStateBit.new;
  }

  /**
   * An ICMP error is RELATED to the connection of the packet it quotes, as in the kernel
   * (nf_conntrack_icmpv4_error): it belongs to that connection, changes none of its state and
   * opens none; an error about no known connection is invalid.
   */
  private icmpError(p: Packet, nowUs: number): void {
    const q = quotedTuple(p);
    const found = q === null ? -1 : this.table.find(q.src, q.dst, q.sport, q.dport, q.proto);
    const conn = found < 0 ? null : this.table.get(found >> 1);
    if (conn === null || conn.expiresUs <= nowUs) {
      this.ctState = CtStateBit.invalid;
      this.problem = 'invalid';
      this.problemDetail = 'ICMP error about no known connection';
      return;
    }
    this.conn = conn;
    // The error travels against the quoted packet: back to its sender.
    this.dir = (1 - (found & 1)) as DirectionCode;
    this.killAfter = false;
    this.stateBefore = this.modules.stateOf(conn);
    this.ctState = CtStateBit.related;
  }

  private unknown(p: Packet, dport: number, nowUs: number): void {
    this.conn = null;
    this.dir = 0;
    this.expectation = this.expectations.match(p.srcAddr, p.dstAddr, dport, p.proto, nowUs);
    const start = this.modules.prepare(p, nowUs);
    if (start.problem !== '') {
      this.ctState = CtStateBit.invalid;
      this.problem = start.problem;
      this.problemDetail = start.detail;
      return;
    }
    this.pendingModule = start.module;
    this.pendingHandle = start.handle;
    if (this.table.full) {
      this.problem = 'table-full';
      this.ctState = CtStateBit.invalid;
      return;
    }
    this.ctState = this.expectation !== null ? CtStateBit.related : CtStateBit.new;
  }

  /**
   * The rules accepted a packet. A new or related connection is confirmed (entered in the
   * table with its identifier, act 602); a known one has its timeout refreshed.
   * Returns the connection, or null when the packet was untracked.
   */
  accepted(
    p: Packet,
    nowUs: number,
    rule: number,
    helperIndex: number,
    helper: HelperObject | null,
  ): Connection | null {
    let conn = this.conn;
    if (conn === null) {
      if (this.pendingHandle < 0) return null;
      conn = this.confirm(p, nowUs, rule, helperIndex, helper);
      this.dir = 0;
    } else {
      conn.countAccepted();
      const now = this.modules.stateOf(conn);
      if (now !== this.stateBefore) this.ledger.entered(conn.history, this.modules.stateName(conn));
      if (this.killAfter) {
        this.endedHistory = conn.history;
        this.destroy(conn, nowUs, 'reset before any reply');
        return null;
      }
    }
    conn.lastSeenUs = nowUs;
    return conn;
  }

  /** The rules refused the packet: a prepared part is discarded; a known connection counts it. */
  refused(): void {
    if (this.conn !== null) this.conn.history.countDropped();
    else this.discardPending();
  }

  private confirm(
    p: Packet,
    nowUs: number,
    rule: number,
    helperIndex: number,
    helper: HelperObject | null,
  ): Connection {
    const [sport, dport] = tuplePorts(p);
    const id = this.ids.next();
    const master = this.expectation;
    const admittedBy = master !== null ? expectationText(master.helper) : ruleText(rule);
    const history = this.ledger.opened(
      id,
      { proto: p.proto, src: p.srcAddr, sport, dst: p.dstAddr, dport },
      nowUs,
      admittedBy,
      helper?.name ?? null,
      master === null ? null : this.describeMaster(master),
    );
    // Into the table first: its part handles live in the table's columns.
    const conn = this.table.open(
      id,
      p.proto,
      p.srcAddr,
      p.dstAddr,
      sport,
      dport,
      nowUs,
      rule,
      master?.masterId ?? -1,
      history,
    );
    conn.setPart(this.pendingModule, this.pendingHandle);
    conn.helper = helperIndex;
    this.pendingHandle = -1;
    conn.expiresUs = this.modules.expiresUs(conn, nowUs);
    if (helper !== null) this.modules.attachHelper(conn, helper.type);
    this.ledger.entered(history, this.modules.stateName(conn));
    this.created++;
    if (master !== null) this.masterChanged(master.masterSlot, master.masterId);
    this.hooks.created(conn);
    return conn;
  }

  /** An expectation of this master was consumed or expired: its helper part changed. */
  masterChanged(masterSlot: number, masterId: number): void {
    const master = this.table.at(masterSlot);
    if (master !== null && master.id === masterId) this.hooks.helperChanged(master);
  }

  private describeMaster(e: Expectation): string | null {
    const master = this.table.at(e.masterSlot);
    return master !== null && master.id === e.masterId ? master.history.id : null;
  }

  /**
   * A connection rebuilt from its base record takes a slot, so its module parts can be
   * attached (their handles live in the table's columns). It is not in service until adopt().
   */
  takeRebuilt(id: ConnectionId, base: RebuiltBase, history: LedgerHistory): Connection {
    const { proto, src, dst, sport, dport, createdUs, rule, masterId } = base;
    return this.table.open(id, proto, src, dst, sport, dport, createdUs, rule, masterId, history);
  }

  /** A rebuilt connection that could not be completed leaves, with the parts it got. */
  dropRebuilt(conn: Connection): void {
    this.modules.release(conn);
    this.table.remove(conn);
  }

  /**
   * Takes in a connection rebuilt from the checkpoint server (FIG. 10): its parts are already
   * in the module tables. Its timeout starts afresh from its state; nothing is written back
   * (the server already holds what it was rebuilt from).
   */
  adopt(conn: Connection, nowUs: number): void {
    if (!this.table.has(conn))
      violated(`the rebuilt connection viewed at slot ${conn.slot} holds no slot`);
    this.modules.restartTimeout(conn, nowUs);
    conn.expiresUs = this.modules.expiresUs(conn, nowUs);
    conn.lastSeenUs = nowUs;
  }

  /** Removes a connection with its module parts and expectations (it ended or expired). */
  destroy(conn: Connection, nowUs: number, reason: string): void {
    this.ledger.ended(conn.history, nowUs, reason);
    this.hooks.ended(conn);
    this.expectations.removeForMaster(conn.slot);
    this.modules.release(conn);
    this.table.remove(conn);
  }

  private discardPending(): void {
    if (this.pendingHandle >= 0) this.modules.releasePart(this.pendingModule, this.pendingHandle);
    this.pendingHandle = -1;
  }

  /** Periodic clean-up: expired connections and expectations. */
  sweep(nowUs: number, budget: number): void {
    this.table.sweep(nowUs, budget, (c) => this.destroy(c, nowUs, 'expired'));
    this.expectations.expire(nowUs, (slot, id) => this.masterChanged(slot, id));
  }
}

const ports: [number, number] = [0, 0];

/**
 * The ports of a packet's tuple. ICMP echo uses its identifier on both sides, so a reply's
 * tuple is the request's turned round (as conntrack keys echo by id). Reuses one array.
 */
export function tuplePorts(p: Packet): [number, number] {
  if (p.proto === IPPROTO_TCP || p.proto === IPPROTO_UDP) {
    ports[0] = p.srcPort;
    ports[1] = p.dstPort;
  } else if (p.proto === IPPROTO_ICMP) {
    ports[0] = p.icmpId;
    ports[1] = p.icmpId;
  } else {
    ports[0] = 0;
    ports[1] = 0;
  }
  return ports;
}
