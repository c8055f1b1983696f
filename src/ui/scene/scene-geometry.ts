import type { Scenario } from '../../engine';
import type { Point, Rect } from '../topology-types';
import type { SceneLayout } from './layout-checkpoint-server';

/**
 * Where things happen in the drawing, by the names the engine's trace uses: each link
 * direction (the engine's channel names, "client → router eth0" and "router eth0 → client")
 * as a segment, each place a packet can be dropped ("client", "router eth0 in", a channel)
 * as a point, and each module lane and checkpoint-server area by its area name.
 */
export interface SceneGeometry {
  readonly paths: ReadonlyMap<string, { readonly from: Point; readonly to: Point }>;
  /** Per router port, the way into it from its host (where a replayed packet enters). */
  readonly entries: ReadonlyMap<string, { readonly from: Point; readonly to: Point }>;
  /** The link directions that carry packets the router forwarded (router → host). */
  readonly fromRouter: ReadonlySet<string>;
  readonly places: ReadonlyMap<string, Point>;
  readonly lanes: ReadonlyMap<string, Point>;
  readonly areas: ReadonlyMap<string, Point>;
  /** A record's way from each module lane, along the line to the server, to its area. */
  readonly routes: ReadonlyMap<string, readonly Point[]>;
  /** Where the firewall application sits (verdicts, the crash). */
  readonly firewall: Point;
}

/** How far each direction's packets travel beside the wire, px. */
const LANE_PX = 3;

/** The segment a→b moved sideways by `by` px (to the left of its direction when negative). */
function offset(a: Point, b: Point, by: number): { from: Point; to: Point } {
  const length = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  const nx = (-(b.y - a.y) / length) * by;
  const ny = ((b.x - a.x) / length) * by;
  return { from: { x: a.x + nx, y: a.y + ny }, to: { x: b.x + nx, y: b.y + ny } };
}

const centre = (r: Rect): Point => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });
const middle = (a: Point, b: Point): Point => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });

export function sceneGeometry(layout: SceneLayout, scenario: Scenario): SceneGeometry {
  const router = scenario.router.name;
  const paths = new Map<string, { from: Point; to: Point }>();
  const places = new Map<string, Point>();
  const fromRouter = new Set<string>();
  const entries = new Map<string, { from: Point; to: Point }>();
  for (const link of layout.links) {
    const up = `${link.host} → ${router} ${link.port}`;
    const down = `${router} ${link.port} → ${link.host}`;
    // Each direction gets its own lane beside the drawn wire, so data and ACKs do not overlap.
    const [upSide, downSide] = [
      offset(link.from, link.to, -LANE_PX),
      offset(link.from, link.to, LANE_PX),
    ];
    paths.set(up, upSide);
    entries.set(link.port, upSide);
    paths.set(down, { from: downSide.to, to: downSide.from });
    fromRouter.add(down);
    places.set(up, middle(link.from, link.to));
    places.set(down, middle(link.from, link.to));
  }
  for (const host of layout.hosts) places.set(host.name, centre(host.rect));
  for (const port of layout.ports) {
    places.set(`${router} ${port.name} in`, centre(port.queues.input.track));
    places.set(`${router} ${port.name} out`, centre(port.queues.output.track));
  }
  const firewall = layout.routingProcessor.firewall;
  const lanes = new Map(firewall.modules.map((m) => [m.name, centre(m.rect)]));
  const areas = new Map(
    (layout.checkpointServer?.areas ?? []).map((a) => [a.name, centre(a.rect)]),
  );
  const link = layout.checkpointServer?.link ?? [];
  const routes = new Map<string, Point[]>();
  for (const [name, lane] of lanes) {
    const area = areas.get(name);
    if (area !== undefined) routes.set(name, [lane, ...link, area]);
  }
  const server = layout.checkpointServer;
  if (server !== null) {
    // A snapshot is the whole table, not a module's part: from the firewall to the server.
    routes.set(SNAPSHOT_ROUTE, [centre(firewall.rect), ...link, centre(server.rect)]);
  }
  return {
    paths,
    entries,
    fromRouter,
    places,
    lanes,
    areas,
    routes,
    firewall: centre(firewall.rect),
  };
}

/** The route a whole-table snapshot travels (the snapshot strategy). */
export const SNAPSHOT_ROUTE = 'snapshot';

/** The largest IPv4 packet the engine sends, in bits (its links serialise IP bytes). */
const MAX_FRAME_BITS = 1_500 * 8;

/** The longest a packet can be on any link of the scenario: transmission + propagation. */
export function maxFlightUs(scenario: Scenario): number {
  const flights = scenario.hosts.map(
    (h) => h.link.delayUs + Math.ceil((MAX_FRAME_BITS * 1e6) / h.link.bandwidthBps),
  );
  return Math.max(1, ...flights);
}

/** The point `t` (0..1) of the way along a polyline, by length. */
export function alongRoute(route: readonly Point[], t: number): Point {
  const lengths = route.slice(1).map((p, i) => Math.hypot(p.x - route[i].x, p.y - route[i].y));
  let left = Math.min(Math.max(t, 0), 1) * lengths.reduce((a, b) => a + b, 0);
  for (const [i, length] of lengths.entries()) {
    if (left <= length && length > 0) {
      const u = left / length;
      const [a, b] = [route[i], route[i + 1]];
      return { x: a.x + (b.x - a.x) * u, y: a.y + (b.y - a.y) * u };
    }
    left -= length;
  }
  return route[route.length - 1];
}
