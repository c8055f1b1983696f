import { violated } from '../errors';
import type { RecoveryResult } from './recovery';

/**
 * Steps of work (records checked, rebuilt or attached; connections taken into service) in one
 * piece of a recovery. A piece is one event of the simulation: in the page, a frame can stop
 * between two of them, so a table of 100,000 connections no longer stops the page for the
 * half second its reassembly took in one go. A millisecond or less of work per piece once the
 * code is compiled; the first piece also fetches every record.
 */
export const STEPS_PER_PIECE = 1024;

/**
 * A record's reassembly cost is counted in this many shares, credited as its work is done:
 * a base record 2 when checked, 2 when rebuilt, 1 when its connection is taken into service
 * and 1 when its digests are taken; a module record all 6 when attached; a record refused
 * early, what it has left at once. Every piece then moves the clock, the first (checks only)
 * and the last (connections taken into service) too, and the recovery still ends at the
 * cost of its records.
 */
export const SHARES_PER_RECORD = 6;

/** How far a recovery has got: counts its steps into pieces, and the shares of work done. */
export class Pace {
  /** Shares credited so far (SHARES_PER_RECORD for each record fetched, once all is done). */
  shares = 0;
  private steps = 0;

  constructor(private readonly stepsPerPiece = STEPS_PER_PIECE) {
    if (!(Number.isInteger(stepsPerPiece) && stepsPerPiece >= 1))
      violated(`steps per piece ${stepsPerPiece}`);
  }

  credit(shares: number): void {
    this.shares += shares;
  }

  /** Counts one step; true when the piece is full and the recovery should yield. */
  tick(): boolean {
    if (++this.steps < this.stepsPerPiece) return false;
    this.steps = 0;
    return true;
  }
}

/** The pieces of a recovery, as the reassembly generator yields them. */
export type RecoveryPieces = Generator<void, RecoveryResult, void>;

/**
 * A recovery in progress, done a piece at a time (the router server runs one piece per
 * event). Its simulated time so far is what it has read from the server plus its records'
 * reassembly cost, so the pieces are spread over the time the recovery takes, and the last
 * one ends exactly when the one-go recovery did: at the result's costUs.
 */
export class RecoveryJob {
  private finished: RecoveryResult | null = null;
  private abandoned = false;
  private changesAfterLastPiece: number;

  /**
   * `progress`: the result as the reassembly fills it in (its costUs counts the reads and
   * deletes so far); `pace`: the work done; `serverChanges`: a count of the writes
   * and deletes the checkpoint server has taken. Between two pieces it must not move: the
   * records fetched are views into the server's buffers, and the firewall that writes there
   * is down until the recovery ends.
   */
  constructor(
    private readonly pieces: RecoveryPieces,
    /** The result as the reassembly fills it in, piece by piece. */
    readonly progress: RecoveryResult,
    private readonly pace: Pace,
    private readonly reassemblyNsPerRecord: number,
    private readonly serverChanges: () => number,
  ) {
    this.changesAfterLastPiece = serverChanges();
  }

  get done(): boolean {
    return this.finished !== null;
  }

  /** The recovery's result; only once it is done. */
  get result(): RecoveryResult {
    if (this.finished === null) violated('a recovery result asked for before it was done');
    return this.finished;
  }

  /** Simulated time the recovery has taken from its start to the end of the last piece. */
  get elapsedUs(): number {
    if (this.finished !== null) return this.finished.costUs;
    const shares = Math.min(this.pace.shares, this.progress.records * SHARES_PER_RECORD);
    const ns = shares * this.reassemblyNsPerRecord;
    return this.progress.costUs + Math.ceil(ns / (SHARES_PER_RECORD * 1000));
  }

  /** Does the next piece. */
  step(): void {
    if (this.finished !== null || this.abandoned) violated('a recovery stepped after its end');
    const changes = this.serverChanges();
    if (!(changes === this.changesAfterLastPiece))
      violated(
        `the checkpoint server changed during a recovery (${changes - this.changesAfterLastPiece} writes)`,
      );
    const before = this.elapsedUs;
    const next = this.pieces.next();
    this.changesAfterLastPiece = this.serverChanges();
    if (next.done === true) this.finished = next.value;
    if (!(this.elapsedUs >= before))
      violated(`recovery time went back: ${before} → ${this.elapsedUs}`);
  }

  /** Gives the recovery up (the new instance crashed): it puts back what it had revived. */
  abandon(): void {
    if (this.finished !== null || this.abandoned) return;
    this.abandoned = true;
    this.pieces.return(this.progress);
  }

  /** Runs every piece at once (the benchmark, and tests of the result alone). */
  finish(): RecoveryResult {
    while (this.finished === null) this.step();
    return this.finished;
  }
}
