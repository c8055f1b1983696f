import { violated } from '../errors';
import type { ConnectionLedger } from '../firewall/connection-ledger';
import type { Firewall } from '../firewall/firewall';
import { AREA_COUNT, AREA_NAMES, BASE_AREA, moduleOfArea } from '../firewall/part-records';
import type { CheckpointConfig } from '../scenarios/schema';
import type { Trace } from '../sim/trace';
import type { TraceEvent } from '../trace-event';
import type { CheckpointServer } from './checkpoint-server';
import { attachPart, restoreExpectations } from './part-restore';
import { leaveLedgerAsItWas, rebuildBases } from './rebuild-bases';
import { RebuiltConnections } from './rebuilt-connections';
import { RecordBatch } from './record-batch';
import { Pace, RecoveryJob, SHARES_PER_RECORD, type RecoveryPieces } from './recovery-job';
import { recordAreaOf, recordIdOf, recordProblem, recordVersionOf } from './record';
import { snapshotRecords } from './snapshot-checkpointer';

/** What one recovery found and did (the crash report adds what it lost against the table before). */
export interface RecoveryResult {
  /** Records fetched from the server (all areas). */
  records: number;
  /** Connections rebuilt and taken into the new firewall's table. */
  recovered: number;
  /** Parts attached, per module name. */
  partsByModule: Record<string, number>;
  /** Module records with no base record for their connection: reported and discarded. */
  orphans: number;
  /** Records that failed their integrity check (or did not decode). */
  corrupt: number;
  /** Connections with a base record that could not be rebuilt whole (a part missing or corrupt). */
  incomplete: number;
  /** Connections whose leftover records were deleted because nothing could be rebuilt from them. */
  discarded: number;
  /** Ids of the connections rebuilt. */
  recoveredIds: number[];
  /** Simulated time: reading the records from the server plus reassembling them. */
  costUs: number;
}

export type Note = (
  act: number,
  detail: string,
  connection?: string | null,
  area?: string | null,
) => void;

/** Where a recovery reads and rebuilds, and what it tells the trace. */
export interface RecoveryTarget {
  readonly server: CheckpointServer;
  /** The new firewall instance, empty. Its conntrack's ledger is the one revived entries go to. */
  readonly firewall: Firewall;
  readonly config: CheckpointConfig;
  /** When the recovery started: rebuilt connections' timeouts restart from here. */
  readonly nowUs: number;
  readonly reassemblyNsPerRecord: number;
  readonly trace: Trace<TraceEvent>;
  /** The simulated time now, which the trace's notes are stamped with (it moves between pieces). */
  readonly clockUs: () => number;
  /** Steps of work in a piece (STEPS_PER_PIECE unless a test asks for other pieces). */
  readonly stepsPerPiece?: number;
}

/**
 * Recovery of separate but interrelated data (FIG. 9, acts 902–904, and FIG. 10, acts
 * 1000–1004): asks the checkpoint server whether there is anything to recover, fetches it,
 * rebuilds every base layer first, then attaches each module's records to the connection
 * their identifier names, and finally re-creates the helpers' expectations. Masters are
 * taken in before the connections related to them. Only the server's bytes are read: the
 * crashed firewall is gone.
 *
 * Two embodiments: `firewall` — the firewall application fetches every area and does the
 * attaching; `modules` — each module fetches its own area and attaches its parts.
 *
 * Done in pieces (RecoveryJob): the firewall is down until the last one, so nothing else
 * touches the new instance or the server in between — which the job checks.
 */
export function startRecovery(t: RecoveryTarget): RecoveryJob {
  const result: RecoveryResult = {
    records: 0,
    recovered: 0,
    partsByModule: Object.fromEntries(AREA_NAMES.slice(1).map((n) => [n, 0])),
    orphans: 0,
    corrupt: 0,
    incomplete: 0,
    discarded: 0,
    recoveredIds: [],
    costUs: 0,
  };
  const pace = new Pace(t.stepsPerPiece);
  const stats = t.server.stats;
  const pieces = reassemble(t, result, pace);
  return new RecoveryJob(pieces, result, pace, t.reassemblyNsPerRecord, () => {
    return stats.writes + stats.deletes;
  });
}

/** A recovery done in one go (the benchmark). */
export function recover(t: RecoveryTarget): RecoveryResult {
  return startRecovery(t).finish();
}

function* reassemble(t: RecoveryTarget, result: RecoveryResult, pace: Pace): RecoveryPieces {
  const { server, firewall: target, config, nowUs, trace, clockUs } = t;
  // The table keeps each connection's ledger row, so the entries revived must be its ledger's.
  const ledger = target.conntrack.ledger;
  // Null when nothing listens: an optional call evaluates no arguments, so an untraced
  // recovery formats no readable ids or messages for its millions of records.
  const note: Note | null = trace.enabled
    ? (act, detail, connection = null, area = null) =>
        trace.emit({ kind: 'recovery', atUs: clockUs(), act, detail, connection, area })
    : null;
  const hasData = server.hasData(); // act 902
  note?.(902, hasData ? 'the checkpoint server holds data' : 'nothing to recover');
  if (!hasData || config.strategy === 'none') return result;

  const areas = fetch(server, config, result);
  note?.(904, `fetched ${result.records} records`);
  note?.(1000, 'data present: reassembling');
  const rebuilt = new RebuiltConnections(target.conntrack.table, areas[BASE_AREA].count);
  const dropped = new Uint8Array(rebuilt.capacity); // by position: left out, its ledger entry reset
  let whole = false;
  try {
    yield* rebuildBases(areas[BASE_AREA], target, ledger, rebuilt, result, note, pace);
    for (let area = 1; area < AREA_COUNT; area++) {
      const records =
        config.embodiment === 'modules' && config.strategy === 'unique-id'
          ? server.fetchArea(area)
          : null;
      if (records !== null) {
        result.costUs += records.costUs; // each module reads its own area
        result.records += records.records.count;
      }
      const batch = records?.records ?? areas[area];
      yield* attachArea(area, batch, target, rebuilt, result, note, pace);
    }
    const adopted = yield* takeIntoTable(t, rebuilt, dropped, result, pace);
    yield* restoreExpectations(target, adopted, rebuilt.pendingExpectations, nowUs, pace);
    whole = true;
  } finally {
    // Cut short (another crash): no ledger entry the recovery revived may stay live for a
    // connection it never put in service; the next recovery finds them as they were.
    if (!whole) forgetRebuilt(ledger, rebuilt, dropped, nowUs);
  }
  // Every record fetched has had all of its shares, once: the recovery's time ends at its cost.
  if (!(pace.shares === SHARES_PER_RECORD * result.records))
    violated(`recovery credited ${pace.shares} shares for ${result.records} records`);
  if (config.strategy === 'unique-id') result.costUs += discardLeftovers(server, result, note);
  result.costUs += Math.ceil((result.records * t.reassemblyNsPerRecord) / 1000);
  return result;
}

/**
 * The rebuilt connections, whole ones taken into the table (their slots returned: a view
 * of each kept for the next step was a million objects the collector traced at 1 M), the
 * others dropped.
 */
function* takeIntoTable(
  t: RecoveryTarget,
  rebuilt: RebuiltConnections,
  dropped: Uint8Array,
  result: RecoveryResult,
  pace: Pace,
): Generator<void, number[], void> {
  const { firewall: target, nowUs } = t;
  const ledger = target.conntrack.ledger;
  const adopted: number[] = [];
  for (let i = 0; i < rebuilt.size; i++) {
    rebuilt.visit(i, (conn, whole, before) => {
      if (!whole) {
        result.incomplete++;
        leaveLedgerAsItWas(ledger, conn, before, nowUs); // it reads the history the slot holds
        target.conntrack.dropRebuilt(conn);
        dropped[i] = 1;
        pace.credit(2); // no digests to take
        return;
      }
      pace.credit(1);
      target.conntrack.adopt(conn, nowUs);
      result.recovered++;
      result.recoveredIds.push(conn.id);
      adopted.push(conn.slot);
    });
    if (pace.tick()) yield;
  }
  return adopted;
}

/** Puts the ledger entries of an abandoned recovery's connections back as they were. */
function forgetRebuilt(
  ledger: ConnectionLedger,
  rebuilt: RebuiltConnections,
  dropped: Uint8Array,
  nowUs: number,
): void {
  for (let i = 0; i < rebuilt.size; i++) {
    if (dropped[i] === 0)
      rebuilt.visit(i, (conn, _, before) => leaveLedgerAsItWas(ledger, conn, before, nowUs));
  }
}

/**
 * Records that rebuilt no connection (orphans, corrupt ones, parts of an incomplete
 * connection) are deleted: no record may outlive its connection, and the next recovery must
 * not meet them again. Deleted by the key the server filed them under.
 */
function discardLeftovers(
  server: CheckpointServer,
  result: RecoveryResult,
  note: Note | null,
): number {
  // Every record fetched was corrupt, an orphan, or a part of a connection that was then
  // recovered or found incomplete: with none of the first, second or last kind, nothing is
  // left over, and the scan of every id can be skipped.
  if (result.corrupt + result.orphans + result.incomplete === 0) return 0;
  const kept = new Set(result.recoveredIds);
  const leftovers = new Set<number>();
  for (let area = 0; area < AREA_COUNT; area++) {
    for (const id of server.space.ids(area)) if (!kept.has(id)) leftovers.add(id);
  }
  let costUs = 0;
  for (const id of leftovers) costUs += server.deleteConnection(id).costUs;
  result.discarded = leftovers.size;
  if (leftovers.size > 0)
    note?.(1004, `deleted the records of ${leftovers.size} connections that could not be rebuilt`);
  return costUs;
}

/** Reads the records: every area (unique-id) or the snapshot blob; returns them by area. */
function fetch(
  server: CheckpointServer,
  config: CheckpointConfig,
  result: RecoveryResult,
): RecordBatch[] {
  const areas: RecordBatch[] = Array.from({ length: AREA_COUNT }, () => RecordBatch.EMPTY);
  if (config.strategy === 'snapshot') {
    const read = server.snapshot();
    result.costUs += read.costUs;
    if (read.bytes === undefined) return areas;
    let records: RecordBatch;
    try {
      records = snapshotRecords(read.bytes);
    } catch {
      result.corrupt++; // the blob itself is damaged: nothing in it can be trusted
      return areas;
    }
    result.records = records.count;
    return records.byArea(AREA_COUNT);
  }
  const base = server.listBase();
  result.costUs += base.costUs;
  areas[BASE_AREA] = base.records;
  result.records += base.records.count;
  if (config.embodiment === 'firewall') {
    for (let area = 1; area < AREA_COUNT; area++) {
      const read = server.fetchArea(area);
      result.costUs += read.costUs;
      areas[area] = read.records;
      result.records += read.records.count;
    }
  }
  return areas;
}

/** Act 1004: one area's records, each attached to the connection its identifier names. */
function* attachArea(
  area: number,
  records: RecordBatch,
  target: Firewall,
  rebuilt: RebuiltConnections,
  result: RecoveryResult,
  note: Note | null,
  pace: Pace,
): Generator<void, void, void> {
  target.conntrack.modules.reserve(moduleOfArea(area), records.count);
  for (let i = 0; i < records.count; i++) {
    attachRecord(area, records, i, target, rebuilt, result, note);
    pace.credit(SHARES_PER_RECORD);
    if (pace.tick()) yield;
  }
}

function attachRecord(
  area: number,
  records: RecordBatch,
  i: number,
  target: Firewall,
  rebuilt: RebuiltConnections,
  result: RecoveryResult,
  note: Note | null,
): void {
  const { bytes, starts, lengths } = records;
  const at = starts[i];
  const length = lengths[i];
  if (recordProblem(bytes, at, length) !== undefined || recordAreaOf(bytes, at) !== area) {
    result.corrupt++;
    return;
  }
  const conn = rebuilt.byId(recordIdOf(bytes, at));
  if (conn === null) {
    result.orphans++;
    return;
  }
  const version = recordVersionOf(bytes, at);
  if (!attachPart(target, conn, area, bytes, at, length, version, rebuilt.pendingExpectations)) {
    result.corrupt++;
    rebuilt.markBroken(conn);
    return;
  }
  result.partsByModule[AREA_NAMES[area]]++;
  note?.(1004, `${AREA_NAMES[area]} part attached`, conn.history.id, AREA_NAMES[area]);
}
