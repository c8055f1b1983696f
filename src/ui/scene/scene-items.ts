import type { PacketSummary, TraceEvent, TraceEventKind } from '../../engine';
import type { Point } from '../topology-types';
import { alongRoute, SNAPSHOT_ROUTE, type SceneGeometry } from './scene-geometry';
import { asTransmit, type SceneSource } from './scene-source';

/** Records travel for this share of the window: quick dashes, not a crowd. */
const MOVE_SHARE = 0.4;

/**
 * What the scene draws at one instant, computed from the recorded events alone (RaftScope's
 * way): a packet is where it must be between the time it left the sender and the time it
 * arrives, so pausing, stepping and scrubbing show exactly the right picture. Things that
 * are instantaneous in simulated time — a drop, a checkpoint write, a record read back — are
 * kept on screen for a short `windowUs` of simulated time (a fraction of a second of wall
 * time at the current speed), fading with age.
 */

export interface Flight {
  readonly at: Point;
  readonly packetId: number;
  readonly connection: string | null;
  /** Let through unchecked while the firewall was down (fail open). */
  readonly exposed: boolean;
  /** Lost on the wire: drawn falling off the link after its midpoint. */
  readonly lost: boolean;
  /** How far along its link, 0 (just left the sender) to 1 (arriving). */
  readonly progress: number;
}

export interface DropMark {
  readonly at: Point;
  readonly reason: string;
  readonly connection: string | null;
  /** 0: just now; 1: about to disappear. */
  readonly age: number;
}

/**
 * A record on its way — written to the checkpoint server, or read back during reassembly — or
 * a connection's records deleted when it ended (fading where its base record was).
 */
export interface RecordMove {
  readonly kind: 'write' | 'read' | 'delete';
  /** Where it is now, on its way between its module's lane and its area of the server. */
  readonly at: Point;
  readonly area: string;
  readonly connection: string | null;
  /** 0 → 1 along the way. */
  readonly progress: number;
}

export interface SceneItems {
  readonly flights: readonly Flight[];
  readonly drops: readonly DropMark[];
  readonly moves: readonly RecordMove[];
  /** Packets put on each link direction within the window: how busy it is. */
  readonly busy: ReadonlyMap<string, number>;
}

export interface SceneLimits {
  /** Events looked at, newest first; older ones are not drawn. */
  readonly maxEvents: number;
  readonly maxFlights: number;
  readonly maxDrops: number;
  readonly maxMoves: number;
}

export const SCENE_LIMITS: SceneLimits = {
  // Of the kinds drawn (sceneEventsOf). In large-table 12,000 reach back about 0.4 s of
  // simulated time, past every packet still on its 200 ms links; at max speed the window is
  // 2 s, and scanning all of it doubled the scene's cost for a busy wash already saturated.
  maxEvents: 12_000,
  maxFlights: 3_000,
  maxDrops: 200,
  maxMoves: 400,
};

export interface SceneQuery {
  readonly nowUs: number;
  /** How long an instantaneous event stays visible, in simulated µs. */
  readonly windowUs: number;
  /** The longest a packet can be on a link (transmission + propagation), µs. */
  readonly maxFlightUs: number;
  /** The connection of the packet numbered `packetId`; `packet` gives its summary if needed. */
  readonly connectionOf: (packetId: number, packet: () => PacketSummary) => string | null;
  /** While a fail-open router lets packets through unchecked: since when; else null. */
  readonly exposedSinceUs: number | null;
}

/** What is on screen at `q.nowUs`, from the events `source` holds. */
export function sceneItems(
  source: SceneSource,
  geometry: SceneGeometry,
  q: SceneQuery,
  limits: SceneLimits = SCENE_LIMITS,
): SceneItems {
  const out = new Collector(geometry, q, limits);
  const oldestUs = q.nowUs - Math.max(q.windowUs, q.maxFlightUs);
  let looked = 0;
  source.scanScene({
    transmit(atUs, txEndUs, arriveUs, link, handle) {
      if (atUs < oldestUs || ++looked > limits.maxEvents) return false;
      out.transmit(atUs, txEndUs, arriveUs, link, handle, source);
      return true;
    },
    other(atUs, kind, handle) {
      if (atUs < oldestUs || ++looked > limits.maxEvents) return false;
      out.other(atUs, kind, handle, source);
      return true;
    },
  });
  return out.items();
}

class Collector {
  private readonly flights: Flight[] = [];
  private readonly drops: DropMark[] = [];
  private readonly moves: RecordMove[] = [];
  /** Per link direction, a counter bumped in place: one map lookup per packet, not two. */
  private readonly busy = new Map<string, { packets: number }>();
  /** Scanning back, a crash was passed: older records in flight died with that firewall. */
  private crashPassed = false;

  constructor(
    private readonly g: SceneGeometry,
    private readonly q: SceneQuery,
    private readonly limits: SceneLimits,
  ) {}

  /**
   * A packet put on a link: counted where busy, drawn while on the wire. Drawn from numbers:
   * its event is read only to find its connection by its addresses.
   */
  transmit(
    atUs: number,
    txEndUs: number,
    arriveUs: number,
    link: string,
    handle: number,
    source: SceneSource,
  ): void {
    if ((this.q.nowUs - atUs) / this.q.windowUs <= 1) this.countBusy(link);
    // atUs is when the packet was queued on the link; it is on the wire from the end of its
    // transmission (txEndUs) until it arrives. Before that it is in the queue bars. The times
    // are checked first: most packets scanned have already arrived.
    if (txEndUs > this.q.nowUs || arriveUs <= this.q.nowUs) return;
    const spanUs = arriveUs - txEndUs;
    if (spanUs <= 0 || this.flights.length >= this.limits.maxFlights) return;
    const path = this.g.paths.get(link);
    if (path === undefined) return;
    const progress = (this.q.nowUs - txEndUs) / spanUs;
    const lost = source.lostAt(handle);
    // A lost packet travels half way and falls off the link there.
    if (lost && progress > 0.5) return;
    const since = this.q.exposedSinceUs;
    const packetId = source.packetIdAt(handle);
    this.flights.push({
      at: lerp(path.from, path.to, progress),
      packetId,
      connection: this.q.connectionOf(packetId, () => asTransmit(source.eventAt(handle)).packet),
      exposed: since !== null && atUs >= since && this.g.fromRouter.has(link),
      lost,
      progress,
    });
  }

  /** An event of another kind, read only when what it says could still be drawn. */
  other(atUs: number, kind: TraceEventKind, handle: number, source: SceneSource): void {
    const age = (this.q.nowUs - atUs) / this.q.windowUs;
    if (!this.passedOver(kind, age)) this.draw(source.eventAt(handle), age);
  }

  /**
   * Whether an event of `kind` and `age` would not be drawn whatever it says: the checks
   * draw() makes that need no more than its kind and time. Most events scanned back are
   * checkpoint writes older than a record's short flight.
   */
  private passedOver(kind: TraceEventKind, age: number): boolean {
    const movesFull = this.moves.length >= this.limits.maxMoves;
    switch (kind) {
      case 'checkpoint.write':
      case 'checkpoint.snapshot':
        return this.crashPassed || age / MOVE_SHARE > 1 || movesFull;
      case 'recovery':
        return age / MOVE_SHARE > 1 || movesFull;
      case 'checkpoint.delete':
        return this.crashPassed || age > 1 || movesFull;
      case 'packet.drop':
        return age > 1 || this.drops.length >= this.limits.maxDrops;
      case 'replay.inject':
        return age > 1 || this.flights.length >= this.limits.maxFlights;
      default:
        return false;
    }
  }

  private draw(e: TraceEvent, age: number): void {
    switch (e.kind) {
      case 'packet.drop':
        return this.drop(e.where, e.reason, e.packet, age);
      case 'replay.inject':
        return this.entry(e, age);
      case 'firewall.crash':
        this.crashPassed = true;
        return;
      case 'checkpoint.write':
        if (!this.crashPassed) this.move('write', e.area, e.connection, age / MOVE_SHARE);
        return;
      case 'checkpoint.snapshot':
        if (!this.crashPassed) this.move('write', SNAPSHOT_ROUTE, null, age / MOVE_SHARE);
        return;
      case 'checkpoint.delete':
        if (!this.crashPassed) this.fade(e.connection, age);
        return;
      case 'recovery':
        if (e.area !== null && (e.act === 1002 || e.act === 1004)) {
          this.move('read', e.area, e.connection, age / MOVE_SHARE);
        }
        return;
      default:
        return;
    }
  }

  items(): SceneItems {
    const busy = new Map<string, number>();
    for (const [link, { packets }] of this.busy) busy.set(link, packets);
    return { flights: this.flights, drops: this.drops, moves: this.moves, busy };
  }

  private countBusy(link: string): void {
    const counter = this.busy.get(link);
    if (counter === undefined) this.busy.set(link, { packets: 1 });
    else counter.packets++;
  }

  /**
   * A replayed packet enters its port at its recorded time (it crossed no simulated link):
   * drawn on the last stretch of its host's link, reaching the port as it fades from view.
   */
  private entry(e: Extract<TraceEvent, { kind: 'replay.inject' }>, age: number): void {
    const path = this.g.entries.get(e.port);
    if (path === undefined || age > 1 || this.flights.length >= this.limits.maxFlights) return;
    const progress = ENTRY_START + (1 - ENTRY_START) * age;
    this.flights.push({
      at: lerp(path.from, path.to, progress),
      packetId: e.packet.id,
      connection: this.q.connectionOf(e.packet.id, () => e.packet),
      exposed: false,
      lost: false,
      progress,
    });
  }

  private drop(where: string, reason: string, packet: PacketSummary, age: number): void {
    const at = this.g.places.get(where);
    if (at === undefined || age > 1 || this.drops.length >= this.limits.maxDrops) return;
    this.drops.push({ at, reason, connection: this.q.connectionOf(packet.id, () => packet), age });
  }

  private fade(connection: string, age: number): void {
    const at = this.g.areas.get(DELETE_AREA);
    if (at === undefined || age > 1 || this.moves.length >= this.limits.maxMoves) return;
    this.moves.push({ kind: 'delete', at, area: DELETE_AREA, connection, progress: age });
  }

  private move(kind: 'write' | 'read', area: string, connection: string | null, age: number) {
    const route = this.g.routes.get(area);
    if (route === undefined || age > 1 || this.moves.length >= this.limits.maxMoves) return;
    const at = alongRoute(route, kind === 'write' ? age : 1 - age);
    this.moves.push({ kind, at, area, connection, progress: age });
  }
}

/** Where on its host's link a replayed packet is first drawn (0: the host, 1: the port). */
const ENTRY_START = 0.6;

/** Where a deleted connection's base record was. */
const DELETE_AREA = 'base';

function lerp(a: Point, b: Point, t: number): Point {
  const u = Math.min(Math.max(t, 0), 1);
  return { x: a.x + (b.x - a.x) * u, y: a.y + (b.y - a.y) * u };
}

/**
 * How long instantaneous events stay on screen: about half a second of wall time at the
 * current speed, never less than 1 ms nor more than 2 s of simulated time.
 */
export function persistenceUs(speed: number | 'max'): number {
  const simSecondsPerWallSecond = speed === 'max' ? 100 : speed;
  return Math.round(Math.min(Math.max(0.5 * simSecondsPerWallSecond * 1e6, 1_000), 2_000_000));
}
