import type { Point } from '../topology-types';
import type { Flight } from './scene-items';

/** The flight nearest to `at` within `radius` (drawing units), for picking with the mouse. */
export function flightNear(flights: readonly Flight[], at: Point, radius: number): Flight | null {
  let best: Flight | null = null;
  let bestDistance = radius;
  for (const f of flights) {
    const d = Math.hypot(f.at.x - at.x, f.at.y - at.y);
    if (d <= bestDistance) [best, bestDistance] = [f, d];
  }
  return best;
}
