import { baseMasterOf, decodeBase, newSavedBase, type SavedBase } from '../firewall/base-codec';
import type { Connection } from '../firewall/connection';
import type { ConnectionId } from '../firewall/connection-id';
import type { ConnectionLedger } from '../firewall/connection-ledger';
import type { Firewall } from '../firewall/firewall';
import { BASE_AREA } from '../firewall/part-records';
import {
  RECORD_HEADER_BYTES,
  recordAreaOf,
  recordIdOf,
  recordProblem,
  recordVersionOf,
} from './record';
import type { RecordBatch } from './record-batch';
import type { LedgerBefore, RebuiltConnections } from './rebuilt-connections';
import type { Note, RecoveryResult } from './recovery';
import { SHARES_PER_RECORD, type Pace } from './recovery-job';

/** Each base record is decoded here, used, and overwritten by the next. */
const baseScratch = newSavedBase();

/** Act 1002: the base layers, masters first, each a connection waiting for its parts. */
export function* rebuildBases(
  records: RecordBatch,
  target: Firewall,
  ledger: ConnectionLedger,
  rebuilt: RebuiltConnections,
  result: RecoveryResult,
  note: Note | null,
  pace: Pace,
): Generator<void, void, void> {
  // Masters first, then the connections related to them, each group in the server's order.
  // The first pass checks each record and reads only where its master id lies; each record
  // is decoded once, in the pass that rebuilds it, so no decoded base outlives its use.
  const { bytes, starts, lengths } = records;
  const sound = new Uint8Array(records.count); // 1: a master, 2: a related connection
  const related: number[] = []; // the positions of the 2s, so the second pass visits only them
  for (let i = 0; i < records.count; i++) {
    sound[i] = soundness(bytes, starts[i], lengths[i]);
    if (sound[i] === 0) result.corrupt++;
    if (sound[i] === 2) related.push(i);
    pace.credit(sound[i] === 0 ? SHARES_PER_RECORD : 2);
    if (pace.tick()) yield;
  }
  target.conntrack.table.reserve(records.count);
  const helpers = target.ruleset.helpers.map((h) => h.name);
  const rebuild = (i: number) => {
    const ok = rebuildRecord(records, i, target, ledger, helpers, rebuilt, result, note);
    pace.credit(ok ? 2 : SHARES_PER_RECORD - 2);
  };
  for (let i = 0; i < records.count; i++) {
    if (sound[i] === 1) rebuild(i);
    if (pace.tick()) yield;
  }
  for (const i of related) {
    rebuild(i);
    if (pace.tick()) yield;
  }
}

/** 0 when the base record at `at` is unsound; else 1 for a master, 2 for a related connection. */
function soundness(bytes: Uint8Array, at: number, length: number): number {
  if (recordProblem(bytes, at, length) !== undefined || recordAreaOf(bytes, at) !== BASE_AREA)
    return 0;
  try {
    return baseMasterOf(bytes, at + RECORD_HEADER_BYTES, at + length) >= 0 ? 2 : 1;
  } catch {
    return 0;
  }
}

/** Rebuilds the connection of sound base record `i`; false when something kept it from that. */
function rebuildRecord(
  records: RecordBatch,
  i: number,
  target: Firewall,
  ledger: ConnectionLedger,
  helpers: readonly string[],
  rebuilt: RebuiltConnections,
  result: RecoveryResult,
  note: Note | null,
): boolean {
  const { bytes, starts, lengths } = records;
  const at = starts[i];
  let base: SavedBase;
  try {
    base = decodeBase(bytes, at + RECORD_HEADER_BYTES, at + lengths[i], baseScratch);
  } catch {
    result.corrupt++;
    return false;
  }
  const table = target.conntrack.table;
  const id = recordIdOf(bytes, at);
  // A second record of the same connection, or of the same 5-tuple, cannot both be right.
  const clash =
    rebuilt.has(id) || table.find(base.src, base.dst, base.sport, base.dport, base.proto) >= 0;
  if (clash || table.full) {
    if (clash) result.corrupt++;
    else result.incomplete++;
    return false;
  }
  const version = recordVersionOf(bytes, at);
  const conn = rebuildBase(id, version, base, target, ledger, helpers, rebuilt);
  note?.(1002, 'base layer rebuilt', conn.history.id, 'base');
  return true;
}

/** One connection from its base record, taken into the new table to receive its parts. */
function rebuildBase(
  id: ConnectionId,
  version: number,
  base: SavedBase,
  target: Firewall,
  ledger: ConnectionLedger,
  helpers: readonly string[],
  rebuilt: RebuiltConnections,
): Connection {
  const related = base.masterId >= 0 ? (ledger.get(base.masterId)?.id ?? null) : null;
  const known = ledger.get(id);
  const before: LedgerBefore =
    known === undefined
      ? 'new'
      : known.endedAtUs === null
        ? 'live'
        : { endedAtUs: known.endedAtUs, endReason: known.endReason ?? '' };
  const history = ledger.recovered(id, base, base.createdUs, base.helper || null, related);
  const conn = target.conntrack.takeRebuilt(id, base, history);
  conn.seenReply = base.seenReply;
  conn.helper = base.helper === '' ? -1 : helpers.indexOf(base.helper);
  conn.setVersion(BASE_AREA, version);
  conn.setWritten(BASE_AREA, base.seenReply ? 1 : 0);
  rebuilt.add(conn, base.parts, base.helper !== '' && conn.helper < 0, before);
  return conn;
}

/**
 * A connection that could not be rebuilt whole: its ledger entry, revived when its base layer
 * was, goes back to what it said. One that was live is left to the crash report, which marks
 * it lost; one the ledger did not know ends here, or it would stay live for ever.
 */
export function leaveLedgerAsItWas(
  ledger: ConnectionLedger,
  conn: Connection,
  before: LedgerBefore,
  nowUs: number,
): void {
  if (before === 'new') ledger.ended(conn.history, nowUs, 'its records could not be rebuilt');
  else if (before !== 'live') ledger.ended(conn.history, before.endedAtUs, before.endReason);
}
