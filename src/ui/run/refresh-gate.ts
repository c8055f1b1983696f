/**
 * Lets a view refresh something costly (the flow table, the queue bars, the memory views) at
 * most every `intervalMs` of wall time while a run is going, however many frames are drawn —
 * and less often when a refresh is itself slow: after one that took `costMs`, the next waits
 * at least `costFactor` times as long, so refreshing never takes more than about 1/costFactor
 * of the page's time, whatever the size of the table being shown.
 */
export class RefreshGate {
  private last = Number.NEGATIVE_INFINITY;
  private waitMs: number;

  constructor(
    private readonly intervalMs = 100,
    private readonly costFactor = 10,
  ) {
    this.waitMs = intervalMs;
  }

  /** True (and the interval restarts) when `wallMs` is at least a wait after the last. */
  due(wallMs: number): boolean {
    if (wallMs - this.last < this.waitMs) return false;
    this.last = wallMs;
    return true;
  }

  /** The refresh just let through took `costMs` of wall time. */
  took(costMs: number): void {
    this.waitMs = Math.max(this.intervalMs, costMs * this.costFactor);
  }
}
