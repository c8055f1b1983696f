import type { Connection } from './connection';

/**
 * Where the firewall tells its checkpointing strategy what happened to connections (the
 * patent's phase 1). The firewall only reports events; what gets written, when and where is
 * the strategy's business (none, a periodic snapshot, or unique-id records).
 */
export interface CheckpointHooks {
  /** A connection was confirmed (FIG. 6, act 600): its base layer and every module's part. */
  created(conn: Connection): void;
  /** A module (or the base layer, area 0) processed a packet of the connection (FIG. 8, act 800). */
  tracked(conn: Connection, area: number): void;
  /** A helper's part changed — an expectation was created, consumed or expired. */
  helperChanged(conn: Connection): void;
  /** The connection ended or expired: its records go. */
  ended(conn: Connection): void;
  /** Simulated time the last packet's synchronous writes took (then reset to 0). */
  takeWriteCostUs(): number;
}

/** The prior art: nothing is checkpointed. */
export const noCheckpoints: CheckpointHooks = {
  created: () => {},
  tracked: () => {},
  helperChanged: () => {},
  ended: () => {},
  takeWriteCostUs: () => 0,
};
