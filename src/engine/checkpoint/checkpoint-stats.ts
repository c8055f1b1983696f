/** What a checkpointing strategy did over a run (the report's `checkpoint` object). */
export class CheckpointStats {
  /** Records (or snapshots) sent to the server, and their bytes. */
  writes = 0;
  bytes = 0;
  /** Connections whose records were deleted. */
  deletes = 0;
  /** Writes the server refused (memory full, stale version) or the async queue could not take. */
  refused = 0;
  /** Async operations (record writes and deletes) lost with the queue at a crash. */
  lostInQueue = 0;
  /** Simulated time the firewall spent writing (sync writes, snapshots). */
  timeUs = 0;
}
