import { IdIndex } from '../checkpoint/id-index';
import { violated } from '../errors';
import { resized } from '../util/resized';
import { formatConnectionId, type ConnectionId } from './connection-id';

/** Rows start this many long and double up to the ledger's bound. */
const INITIAL_ROWS = 1024;
/** The most distinct texts (rules that admitted, end reasons, helpers) the rows name. */
const MAX_TEXTS = 0xffff;
/** A row's `states` when its history is an array of its own (see StateHistories). */
const OWN_HISTORY = -1;

/** The numbers of a connection the ledger keeps from its opening. */
export interface LedgerTuple {
  proto: number;
  src: number;
  sport: number;
  dst: number;
  dport: number;
}

/**
 * The ledger's kept entries as rows of typed-array columns: a row is about 50 bytes of
 * numbers, where an entry object with its eighteen fields was 168 bytes and a boxed number
 * (an address past 2^31) for the collector to trace. Texts are numbered once (there are a
 * few: the rules, the end reasons, the helpers); state histories are the shared arrays'
 * numbers. What is rare sits in maps by row: a master's id, a history no longer shared.
 */
export class LedgerRows {
  /**
   * Each row by its connection's id. Rows are never deleted, so a row's number is its
   * entry's position in the index, and the id is read from there rather than kept twice.
   */
  private readonly byId = new IdIndex();
  createdAtUs = new Float64Array(0);
  /** NaN while the connection is live. */
  endedAtUs = new Float64Array(0);
  accepted = new Uint32Array(0);
  dropped = new Uint32Array(0);
  recoveries = new Uint32Array(0);
  src = new Uint32Array(0);
  dst = new Uint32Array(0);
  sport = new Uint16Array(0);
  dport = new Uint16Array(0);
  proto = new Uint8Array(0);
  /** The shared history's number (StateHistories: at most MAX_SHARED_HISTORIES), or OWN_HISTORY. */
  private states = new Int16Array(0);
  /** Text numbers (0: null): the rule or expectation that admitted, the end reason, the helper. */
  private admittedBy = new Uint16Array(0);
  private endReason = new Uint16Array(0);
  private helper = new Uint16Array(0);
  /** Each row's readable id, made the first time it is asked for; none until one is. */
  private readableIds: (string | undefined)[] | null = null;
  private readonly related = new Map<number, string>();
  private readonly ownHistories = new Map<number, readonly string[]>();
  private readonly texts: (string | null)[] = [null];
  private readonly textNumbers = new Map<string, number>();
  readonly histories = new StateHistories();
  private rows = 0;
  private length = 0;

  constructor(readonly maxRows: number) {}

  /** Rows made so far. */
  get count(): number {
    return this.rows;
  }

  /** A new row for a connection opened (or first seen by a recovery); returns its index. */
  add(
    id: ConnectionId,
    tuple: LedgerTuple,
    createdAtUs: number,
    admittedBy: string,
    helper: string | null,
    related: string | null,
  ): number {
    if (!(this.rows < this.maxRows)) violated(`ledger rows full at ${this.maxRows}`);
    const row = this.rows++;
    if (row >= this.length) this.grow(row + 1);
    // One probe, not a lookup and then an insert: a known id would not add an entry.
    const entries = this.byId.size;
    this.byId.set(id, row);
    if (!(this.byId.size === entries + 1)) violated(`ledger row for connection ${id} made twice`);
    this.createdAtUs[row] = createdAtUs;
    this.endedAtUs[row] = NaN;
    this.accepted[row] = 1;
    this.dropped[row] = 0;
    this.recoveries[row] = 0;
    this.src[row] = tuple.src;
    this.dst[row] = tuple.dst;
    this.sport[row] = tuple.sport;
    this.dport[row] = tuple.dport;
    this.proto[row] = tuple.proto;
    this.states[row] = 0; // StateHistories' empty history
    this.admittedBy[row] = this.textNumber(admittedBy);
    this.endReason[row] = 0;
    this.helper[row] = this.textNumber(helper);
    this.readableIds?.push(undefined);
    if (related !== null) this.related.set(row, related);
    return row;
  }

  /** The row of the connection with this id, or -1. */
  rowOf(id: ConnectionId): number {
    return this.byId.get(id);
  }

  idOf(row: number): ConnectionId {
    const id = this.byId.idAt(row);
    if (!(this.byId.get(id) === row)) violated(`ledger row ${row} is not connection ${id}'s`);
    return id;
  }

  /** The readable id of the row's connection (formatConnectionId), made once. */
  readableId(row: number): string {
    const ids = (this.readableIds ??= new Array<string | undefined>(this.rows).fill(undefined));
    return (ids[row] ??= formatConnectionId(
      this.idOf(row),
      this.proto[row],
      this.src[row],
      this.sport[row],
      this.dst[row],
      this.dport[row],
    ));
  }

  statesOf(row: number): readonly string[] {
    const n = this.states[row];
    return n === OWN_HISTORY ? (this.ownHistories.get(row) ?? []) : this.histories.shared(n);
  }

  setStates(row: number, states: readonly string[]): void {
    const n = this.histories.numberOf(states);
    this.states[row] = n < 0 ? OWN_HISTORY : n;
    if (n < 0) this.ownHistories.set(row, states);
    else this.ownHistories.delete(row);
  }

  admittedByOf(row: number): string {
    return this.texts[this.admittedBy[row]] ?? '';
  }

  endReasonOf(row: number): string | null {
    return this.texts[this.endReason[row]];
  }

  setEndReason(row: number, reason: string | null): void {
    this.endReason[row] = this.textNumber(reason);
  }

  helperOf(row: number): string | null {
    return this.texts[this.helper[row]];
  }

  setHelper(row: number, helper: string | null): void {
    this.helper[row] = this.textNumber(helper);
  }

  relatedOf(row: number): string | null {
    return this.related.get(row) ?? null;
  }

  /** One more, in a column of counts: one that would wrap is a bug, not a count. */
  static counted(column: Uint32Array, row: number): void {
    const n = column[row] + 1;
    if (!(n <= 0xffff_ffff)) violated(`a count of ${n} packets in one ledger entry`);
    column[row] = n;
  }

  private textNumber(text: string | null): number {
    if (text === null) return 0;
    let n = this.textNumbers.get(text);
    if (n === undefined) {
      n = this.texts.length;
      if (!(n <= MAX_TEXTS)) violated(`more than ${MAX_TEXTS} texts in the ledger`);
      this.texts.push(text);
      this.textNumbers.set(text, n);
    }
    return n;
  }

  private grow(need: number): void {
    let n = Math.max(this.length * 2, INITIAL_ROWS);
    while (n < need) n *= 2;
    n = Math.min(n, this.maxRows);
    this.createdAtUs = resized(this.createdAtUs, n);
    this.endedAtUs = resized(this.endedAtUs, n);
    this.accepted = resized(this.accepted, n);
    this.dropped = resized(this.dropped, n);
    this.recoveries = resized(this.recoveries, n);
    this.src = resized(this.src, n);
    this.dst = resized(this.dst, n);
    this.sport = resized(this.sport, n);
    this.dport = resized(this.dport, n);
    this.proto = resized(this.proto, n);
    this.states = resized(this.states, n);
    this.admittedBy = resized(this.admittedBy, n);
    this.endReason = resized(this.endReason, n);
    this.helper = resized(this.helper, n);
    this.length = n;
  }
}

/**
 * The most distinct state histories shared; past it a history gets an array of its own.
 * Their numbers sit in an Int16Array column: the bound stays below 2^15.
 */
const MAX_SHARED_HISTORIES = 4_096;

/**
 * State histories as shared, never-changed arrays: the history after entering a state is
 * found from the history before it (by identity) and the state, so the 100,000 connections
 * that went SYN_SENT → SYN_RECV → ESTABLISHED hold one array between them, not one each
 * (about 80 bytes a connection). Each shared history has a number (the empty one 0), which is
 * what a ledger row keeps. Bounded: a history not shared is exactly sized (concat).
 */
export class StateHistories {
  private readonly next = new Map<readonly string[], Map<string, readonly string[]>>();
  private readonly list: (readonly string[])[] = [NO_STATES];
  private readonly numbers = new Map<readonly string[], number>([[NO_STATES, 0]]);

  after(before: readonly string[], state: string): readonly string[] {
    let byState = this.next.get(before);
    const known = byState?.get(state);
    if (known !== undefined) return known;
    const history = before.concat(state);
    if (this.list.length > MAX_SHARED_HISTORIES) return history;
    if (byState === undefined) this.next.set(before, (byState = new Map()));
    byState.set(state, history);
    this.numbers.set(history, this.list.length);
    this.list.push(history);
    return history;
  }

  /** The shared history's number, or -1 for an array not shared. */
  numberOf(history: readonly string[]): number {
    return this.numbers.get(history) ?? -1;
  }

  shared(n: number): readonly string[] {
    return this.list[n];
  }
}

export const NO_STATES: readonly string[] = [];
