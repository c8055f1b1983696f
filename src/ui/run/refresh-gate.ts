/**
 * Lets a view refresh something costly (the flow table, the queue bars) at most every
 * `intervalMs` of wall time while a run is going, however many frames are drawn.
 */
export class RefreshGate {
  private last = Number.NEGATIVE_INFINITY;

  constructor(private readonly intervalMs = 100) {}

  /** True (and the interval restarts) when `wallMs` is at least an interval after the last. */
  due(wallMs: number): boolean {
    if (wallMs - this.last < this.intervalMs) return false;
    this.last = wallMs;
    return true;
  }
}
