import { violated } from '../errors';
import type { RecoveryResult } from './recovery';

/**
 * Steps of work (records checked, rebuilt or attached; connections taken into service) in one
 * piece of a recovery. A piece is one event of the simulation: in the page, a frame can stop
 * between two of them, so a table of 100,000 connections no longer stops the page for the
 * half second its reassembly took in one go. About 1 to 3 ms of work per piece.
 */
export const STEPS_PER_PIECE = 1024;

/** How far a recovery has got: counts its steps into pieces, and the records it has finished. */
export class Pace {
  /** Records finished — rebuilt, attached or refused; each fetched record exactly once. */
  records = 0;
  private steps = 0;

  constructor(private readonly stepsPerPiece = STEPS_PER_PIECE) {
    if (!(Number.isInteger(stepsPerPiece) && stepsPerPiece >= 1))
      violated(`steps per piece ${stepsPerPiece}`);
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
  private changesAfterLastPiece: number;

  /**
   * `progress`: the result as the reassembly fills it in (its costUs counts the reads and
   * deletes so far); `pace`: the records finished; `serverChanges`: a count of the writes
   * and deletes the checkpoint server has taken. Between two pieces it must not move: the
   * records fetched are views into the server's buffers, and the firewall that writes there
   * is down until the recovery ends.
   */
  constructor(
    private readonly pieces: RecoveryPieces,
    private readonly progress: RecoveryResult,
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
    const records = Math.min(this.pace.records, this.progress.records);
    return this.progress.costUs + Math.ceil((records * this.reassemblyNsPerRecord) / 1000);
  }

  /** Does the next piece. */
  step(): void {
    if (this.finished !== null) violated('a recovery stepped after it was done');
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

  /** Runs every piece at once (the benchmark, and tests of the result alone). */
  finish(): RecoveryResult {
    while (this.finished === null) this.step();
    return this.finished;
  }
}
