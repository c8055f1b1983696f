import type { CrashReport } from '../firewall-service';
import type { Simulation } from '../simulation';

/** The checkpointing part of a run report; see README for every field. */
export interface CheckpointReport {
  writes: number;
  bytes: number;
  deletes: number;
  refused: number;
  lostInQueue: number;
  recordsLive: number;
  bytesLive: number;
  byArea: Record<string, { records: number; bytes: number }>;
  timeUs: number;
  addedLatencyUs: number;
  heldPackets: number;
}

export interface CheckpointSection {
  strategy: string;
  /** sync or async for unique-id; null for the other strategies. */
  checkpointMode: string | null;
  checkpoint: CheckpointReport;
  crashes: CrashReport[];
  /** Packets let through unchecked while the firewall was down (fail-open only). */
  failOpenExposure: number;
}

export function buildCheckpointSection(sim: Simulation): CheckpointSection {
  const c = sim.scenario.checkpoint;
  const runtime = sim.runtime;
  const byArea: Record<string, { records: number; bytes: number }> = {};
  for (const a of runtime?.server.areaUsage() ?? [])
    byArea[a.name] = { records: a.records, bytes: a.bytes };
  const stats = runtime?.stats;
  const space = runtime?.server.space;
  return {
    strategy: c.strategy,
    checkpointMode: c.strategy === 'unique-id' ? c.mode : null,
    checkpoint: {
      writes: stats?.writes ?? 0,
      bytes: stats?.bytes ?? 0,
      deletes: stats?.deletes ?? 0,
      refused: stats?.refused ?? 0,
      lostInQueue: stats?.lostInQueue ?? 0,
      recordsLive: space?.recordCount ?? 0,
      bytesLive: space?.bytes ?? 0,
      byArea,
      timeUs: stats?.timeUs ?? 0,
      addedLatencyUs: sim.router.heldUs,
      heldPackets: sim.router.heldPackets,
    },
    crashes: (runtime?.crashes ?? []).map((crash) => ({
      ...crash,
      partsByModule: { ...crash.partsByModule },
    })),
    failOpenExposure: sim.supervisor?.exposure ?? 0,
  };
}
