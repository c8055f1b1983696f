import { invariant } from '../errors';
import type { ConnectionId } from './connection-id';
import { MODULE_COUNT } from './modules/module-ids';

// The per-module arrays below are literals of this length.
invariant(MODULE_COUNT === 5, 'a connection has five module handles');

/** 0: the original direction (from the side that opened the connection); 1: the reply. */
export type DirectionCode = 0 | 1;

/** What a person (and the report) wants to know about a connection, kept after it ends. */
export interface ConnectionHistory {
  /** Readable connection id, e.g. "tcp 192.0.2.10:40000 → 198.51.100.20:21 #1". */
  readonly id: string;
  readonly proto: string;
  readonly orig: {
    readonly src: string;
    readonly sport: number;
    readonly dst: string;
    readonly dport: number;
  };
  /** TCP: every conntrack state it passed through, kernel names; others: their own states. */
  readonly states: string[];
  helper: string | null;
  /** Readable id of the master connection (FTP control, SIP call) or null. */
  readonly related: string | null;
  readonly admittedBy: string;
  readonly createdAtUs: number;
  endedAtUs: number | null;
  endReason: string | null;
  readonly packets: { accepted: number; dropped: number };
  /** Times it was rebuilt from the checkpoint server after a firewall crash. */
  recoveries: number;
}

/**
 * A tracked connection as the firewall holds it (FIG. 4B): the base layer — original
 * 5-tuple, timestamps, the rule that admitted it, the unique connection identifier — and one
 * handle per module taking part, pointing into that module's own table. The module parts do
 * not know this connection; only this base layer links them.
 */
export class Connection {
  /** Position in the connection table. */
  slot = -1;
  lastSeenUs: number;
  expiresUs: number;
  /** A packet in the reply direction has been seen (conntrack's IPS_SEEN_REPLY). */
  seenReply = false;
  /** Index of the helper object assigned by `ct helper set`, or -1. */
  helper = -1;
  // Plain arrays rather than typed arrays: a typed array is an ArrayBuffer, a view and a
  // backing store (about 180 bytes before its first element), and a table of 100k connections
  // held four per connection — most of a connection's memory. Small integer and double
  // arrays keep their elements unboxed all the same.
  /** Handle per module (ModuleId order), -1 when the module takes no part. */
  readonly parts: number[] = [-1, -1, -1, -1, -1];
  /**
   * Checkpoint bookkeeping, per area (0 = base, 1 + module): the version of the last record
   * written, and a digest of what that record said, to tell a state change from a packet that
   * changed nothing worth writing.
   */
  readonly versions: number[] = [0, 0, 0, 0, 0, 0];
  readonly written: number[] = [0, 0, 0, 0, 0, 0];
  /** TCP td_end per direction when the TCP record was last written (window movement). */
  readonly writtenEnd: number[] = [0, 0];

  constructor(
    readonly id: ConnectionId,
    readonly proto: number,
    readonly src: number,
    readonly dst: number,
    readonly sport: number,
    readonly dport: number,
    readonly createdUs: number,
    /** Rule number that admitted it; 0 = a chain policy. */
    readonly rule: number,
    /** Identifier of the master connection, or -1. */
    readonly masterId: ConnectionId,
    public history: ConnectionHistory,
  ) {
    this.lastSeenUs = createdUs;
    this.expiresUs = createdUs;
  }
}
