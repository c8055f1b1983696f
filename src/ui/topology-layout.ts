import type { Scenario } from '../engine';
import { horizontalMinWidth, layoutHorizontal } from './layout-horizontal';
import { measure, portSlots } from './layout-parts';
import { layoutVertical, verticalMinWidth } from './layout-vertical';
import type { TopologyLayout } from './topology-types';

export type * from './topology-types';

/**
 * Where to draw a scenario's router, ports, hosts and links (pure: plain data in and out).
 *
 * `width` and `height` are the space on offer. The drawing uses at least that much, and more
 * when the scenario does not fit: the result's own width and height are the canvas, and
 * everything lies inside it, so a viewBox of [0, 0, width, height] shows it all.
 *
 * The left-to-right drawing (FIG. 3) is used when it fits. Otherwise the drawing turned a
 * quarter (ports on top and bottom) is used if it needs less width — true for a few ports,
 * whose columns are narrower than two rows of host, link and port side by side; with many
 * ports the rows of FIG. 3 stack better, so it stays and is scaled down.
 */
export function layoutTopology(scenario: Scenario, width: number, height: number): TopologyLayout {
  const slots = portSlots(scenario);
  const measures = measure(scenario, slots);
  const horizontal = horizontalMinWidth(measures);
  return width >= horizontal || horizontal <= verticalMinWidth(measures)
    ? layoutHorizontal(scenario, slots, measures, width, height)
    : layoutVertical(scenario, slots, measures, width, height);
}
