import type { Connection } from '../firewall/connection';
import type { CheckpointHooks } from '../firewall/checkpoint-hooks';
import { ModuleId } from '../firewall/modules/module-ids';
import { AREA_NAMES, areaOfModule, BASE_AREA, type PartRecords } from '../firewall/part-records';
import type { CheckpointConfig } from '../scenarios/schema';
import type { Scheduler } from '../sim/scheduler';
import type { Trace } from '../sim/trace';
import type { TraceEvent } from '../trace-event';
import type { CheckpointServer } from './checkpoint-server';
import type { CheckpointStats } from './checkpoint-stats';

interface QueuedWrite {
  readonly record: Uint8Array;
  readonly conn: Connection;
  readonly area: number;
}

const TCP_AREA = areaOfModule(ModuleId.tcp);
const FTP_AREA = areaOfModule(ModuleId.ftp);
const SIP_AREA = areaOfModule(ModuleId.sip);

// The patent's acts behind each kind of write (FIGs. 6–8), for the trace; constants, so an
// untraced write allocates no list.
const NEW_CONNECTION_ACTS: readonly number[] = [600, 602, 604];
const MODULE_PROCESSED_ACTS: readonly number[] = [700, 702, 704];
const STATE_CHANGE_ACTS: readonly number[] = [800, 802, 700, 702, 704];

/**
 * The invention's checkpointing (the patent's phase 1). On a new connection the base layer is
 * written with the connection's unique identifier (FIG. 6), then each module's part, each
 * tagged with that identifier retrieved from the base layer (FIG. 7); afterwards a part is
 * written again whenever its module reports a state change (FIG. 8). sync: each record goes
 * to the server before the packet that caused it moves on. async: records wait in a bounded
 * queue and go in batches — what is still queued at a crash is lost.
 */
export class UniqueIdCheckpointer implements CheckpointHooks {
  private costUs = 0;
  /** Async queue: records to write (with whose they are), or ids of connections to delete. */
  private queue: Array<QueuedWrite | number> = [];
  /** When the next batch is due (Infinity: none scheduled); later timers are ignored. */
  private flushAtUs = Infinity;
  private flushGeneration = 0;
  private readonly flushKind: number;
  private dead = false;

  constructor(
    private readonly server: CheckpointServer,
    private readonly records: PartRecords,
    private readonly config: CheckpointConfig,
    private readonly stats: CheckpointStats,
    private readonly scheduler: Scheduler,
    private readonly trace: Trace<TraceEvent>,
    /** Called after each async flush, with the simulated time (tests compare the durable state). */
    private readonly onFlush: () => void = () => {},
  ) {
    this.flushKind = scheduler.register('checkpoint.flush', (generation) =>
      this.flushTimer(generation),
    );
  }

  created(conn: Connection): void {
    // Act 600 saw the new connection and act 602 formed its id (the connection's `id`).
    this.write(conn, BASE_AREA, NEW_CONNECTION_ACTS);
    for (const area of this.records.areasOf(conn))
      if (area !== BASE_AREA) this.write(conn, area, MODULE_PROCESSED_ACTS);
  }

  tracked(conn: Connection, area: number): void {
    // Act 800: did this packet change the part in a way recovery needs?
    const changed =
      this.records.digest(conn, area) !== conn.written(area) ||
      (area === TCP_AREA && this.records.windowMoved(conn, this.config.tcpWindowBytes));
    if (changed) this.write(conn, area, STATE_CHANGE_ACTS);
  }

  helperChanged(conn: Connection): void {
    for (const area of this.records.areasOf(conn)) {
      if (area === FTP_AREA || area === SIP_AREA) this.write(conn, area, STATE_CHANGE_ACTS);
    }
  }

  ended(conn: Connection): void {
    this.stats.deletes++;
    if (this.config.mode === 'async') return this.enqueue(conn.id);
    this.costUs += this.server.deleteConnection(conn.id).costUs;
    if (this.trace.enabled) {
      this.trace.emit({
        kind: 'checkpoint.delete',
        atUs: this.scheduler.nowUs,
        connection: conn.history.id,
      });
    }
  }

  takeWriteCostUs(): number {
    const cost = this.costUs;
    this.costUs = 0;
    this.stats.timeUs += cost;
    return cost;
  }

  /** The firewall crashed: an async queue not yet flushed is lost with it. */
  crash(): void {
    this.dead = true;
    this.scheduler.retire(this.flushKind);
    this.stats.lostInQueue += this.queue.length;
    this.queue = [];
  }

  private write(conn: Connection, area: number, acts: readonly number[]): void {
    const record = this.records.encode(conn, area);
    this.stats.writes++;
    this.stats.bytes += record.length;
    if (this.trace.enabled) this.traceWrite(conn, area, record.length, acts);
    // The record is the encoder's view, overwritten by the next encode: a queue keeps a copy.
    if (this.config.mode === 'async') return this.enqueue({ record: record.slice(), conn, area });
    const result = this.server.put(record);
    this.costUs += result.costUs;
    if (result.outcome !== 'stored') this.refused(conn, area);
  }

  /**
   * The server did not take the record (memory full, or a newer version already there): the
   * part is marked unwritten, so the next packet that touches it writes it again (a helper's
   * part: its next change, as the helpers report their changes themselves).
   */
  private refused(conn: Connection, area: number): void {
    this.stats.refused++;
    if (conn.inTable) conn.setWritten(area, NaN);
  }

  private enqueue(op: QueuedWrite | number): void {
    // A full queue is sent at once rather than dropping anything (back-pressure); nothing is
    // ever thrown away, deletes included.
    if (this.queue.length >= this.config.maxPendingRecords) this.flush();
    this.queue.push(op);
    // A full batch goes at once — but after the packet being handled, so that one batch
    // never splits the records a single packet caused (recovery would find half a connection).
    const due = this.queue.length >= this.config.flushRecords ? 0 : this.config.flushIntervalUs;
    if (this.flushAtUs > this.scheduler.nowUs + due) {
      this.flushAtUs = this.scheduler.nowUs + due;
      this.scheduler.after(due, this.flushKind, ++this.flushGeneration);
    }
  }

  private flushTimer(generation: number): void {
    if (generation !== this.flushGeneration || this.dead) return;
    this.flushAtUs = Infinity;
    this.flush();
  }

  /** Sends the queued records and deletes to the server in one batch, in order. */
  private flush(): void {
    const ops = this.queue;
    if (ops.length === 0) return;
    this.queue = [];
    for (const op of ops) {
      if (typeof op === 'number') this.server.deleteConnection(op);
      else if (this.server.put(op.record).outcome !== 'stored') this.refused(op.conn, op.area);
    }
    if (this.trace.enabled)
      this.trace.emit({
        kind: 'checkpoint.flush',
        atUs: this.scheduler.nowUs,
        operations: ops.length,
      });
    this.onFlush();
  }

  private traceWrite(conn: Connection, area: number, bytes: number, acts: readonly number[]): void {
    this.trace.emit({
      kind: 'checkpoint.write',
      atUs: this.scheduler.nowUs,
      acts,
      connection: conn.history.id,
      area: AREA_NAMES[area],
      version: conn.version(area),
      bytes,
      mode: this.config.mode,
    });
  }
}
