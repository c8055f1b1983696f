import { RecordBatch } from './record-batch';
import { ByteReader } from './byte-reader';
import { ByteWriter } from './byte-writer';
import type { Conntrack } from '../firewall/conntrack';
import type { CheckpointHooks } from '../firewall/checkpoint-hooks';
import type { PartRecords } from '../firewall/part-records';
import type { CheckpointConfig } from '../scenarios/schema';
import type { Scheduler } from '../sim/scheduler';
import type { Trace } from '../sim/trace';
import type { TraceEvent } from '../trace-event';
import type { CheckpointServer } from './checkpoint-server';
import type { CheckpointStats } from './checkpoint-stats';

/**
 * The prior art's "stored and retrieved as a whole": every snapshotIntervalUs the firewall
 * serialises its whole connection table into one blob and stores it, replacing the last one.
 * Its price grows with the table, and whatever changed since the last snapshot is lost in a
 * crash. The blob is a count, then each record (the same per-part records as unique-id,
 * since recovery must decode something) with its length.
 */
export class SnapshotCheckpointer implements CheckpointHooks {
  private readonly kind: number;
  private dead = false;
  private readonly writer = new ByteWriter(4_096);

  constructor(
    private readonly server: CheckpointServer,
    private readonly conntrack: Conntrack,
    private readonly records: PartRecords,
    private readonly config: CheckpointConfig,
    private readonly stats: CheckpointStats,
    private readonly scheduler: Scheduler,
    private readonly trace: Trace<TraceEvent>,
    /** The firewall is busy for this long from now (serialising and sending the blob). */
    private readonly busy: (costUs: number) => void,
    /**
     * Whether the firewall is in service. A restarted instance is not while it reassembles
     * (in pieces): a snapshot then would store a table half rebuilt, and write to the server
     * the recovery is reading. Its turn passes; the next comes an interval later.
     */
    private readonly inService: () => boolean = () => true,
    private readonly onSnapshot: () => void = () => {},
  ) {
    this.kind = scheduler.register('checkpoint.snapshot', () => this.snapshot());
    scheduler.after(config.snapshotIntervalUs, this.kind);
  }

  created(): void {}
  tracked(): void {}
  helperChanged(): void {}
  ended(): void {}

  /** A snapshot's cost is charged when it is taken (see `busy`), not to a packet. */
  takeWriteCostUs(): number {
    return 0;
  }

  crash(): void {
    this.dead = true;
    this.scheduler.retire(this.kind);
  }

  private snapshot(): void {
    if (this.dead) return;
    if (!this.inService()) {
      this.scheduler.after(this.config.snapshotIntervalUs, this.kind);
      return;
    }
    const w = this.writer.reset();
    const connections = this.conntrack.table.count;
    w.u32(connections);
    for (const conn of this.conntrack.table.live()) {
      const areas = this.records.areasOf(conn);
      w.u8(areas.length);
      for (const area of areas) {
        const record = this.records.encode(conn, area);
        w.u32(record.length).bytes(record);
      }
    }
    const blob = w.finish();
    const result = this.server.putSnapshot(blob);
    this.busy(result.costUs);
    this.stats.timeUs += result.costUs;
    this.stats.writes++;
    this.stats.bytes += blob.length;
    if (result.outcome !== 'stored') this.stats.refused++;
    if (this.trace.enabled) {
      this.trace.emit({
        kind: 'checkpoint.snapshot',
        atUs: this.scheduler.nowUs,
        connections,
        bytes: blob.length,
      });
    }
    this.onSnapshot();
    this.scheduler.after(this.config.snapshotIntervalUs, this.kind);
  }
}

/** The records inside a snapshot blob, in order, in place (recovery decodes and checks each). */
export function snapshotRecords(blob: Uint8Array): RecordBatch {
  const r = new ByteReader(blob);
  const starts: number[] = [];
  const lengths: number[] = [];
  const connections = r.u32('the number of connections');
  for (let c = 0; c < connections; c++) {
    const areas = r.u8('the number of parts');
    for (let a = 0; a < areas; a++) {
      const length = r.u32('a record length');
      starts.push(r.offset);
      lengths.push(length);
      r.skip(length, 'a record');
    }
  }
  r.expectEnd();
  return new RecordBatch(blob, Uint32Array.from(starts), Uint32Array.from(lengths));
}
