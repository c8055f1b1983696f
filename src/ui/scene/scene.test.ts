import { describe, expect, it } from 'vitest';
import {
  checkpointAreaNames,
  createSimulation,
  type Simulation,
  type TraceEvent,
} from '../../engine';
import { Recorder } from '../record/recorder';
import { buildScenario, defaultConfig } from '../run/run-config';
import { layoutTopology } from '../topology-layout';
import { connectionIndexOf, connectionSerial } from './connection-index';
import { withCheckpointServer } from './layout-checkpoint-server';
import { alongRoute, maxFlightUs, sceneGeometry, SNAPSHOT_ROUTE } from './scene-geometry';
import { recorderScene } from './scene-source';
import { persistenceUs, sceneItems } from './scene-items';

const scenario = buildScenario(defaultConfig('ftp-crash'));
const layout = withCheckpointServer(layoutTopology(scenario, 1200, 0), checkpointAreaNames);
const geometry = sceneGeometry(layout, scenario);

/** ftp-crash run to `untilUs` with a recorder. */
function recordedTo(untilUs: number) {
  const sim = createSimulation(scenario);
  const recorder = new Recorder(sim);
  sim.runUntil(untilUs);
  return { sim, recorder, index: connectionIndexOf(recorder) };
}

describe('the checkpoint server in the drawing', () => {
  it('sits below the router, holds one cell per area, and is linked to the firewall', () => {
    const server = layout.checkpointServer;
    expect(server).not.toBeNull();
    if (server === null) return;
    const router = layout.router.rect;
    expect(server.rect.y).toBeGreaterThan(router.y + router.height);
    expect(server.rect.y + server.rect.height).toBeLessThanOrEqual(layout.height);
    expect(server.areas.map((a) => a.name)).toEqual([...checkpointAreaNames]);
    for (const a of server.areas) {
      expect(a.rect.x).toBeGreaterThanOrEqual(server.rect.x);
      expect(a.rect.x + a.rect.width).toBeLessThanOrEqual(server.rect.x + server.rect.width);
    }
    const fw = layout.routingProcessor.firewall.rect;
    expect(server.link[0].y).toBe(fw.y + fw.height);
    expect(server.link.at(-1)?.y).toBe(server.rect.y);
  });

  it('fits a narrow drawing too, and is left out without a firewall', () => {
    const narrow = withCheckpointServer(layoutTopology(scenario, 380, 0), checkpointAreaNames);
    const server = narrow.checkpointServer;
    expect(server?.rect.x).toBeGreaterThanOrEqual(0);
    expect((server?.rect.x ?? 0) + (server?.rect.width ?? 0)).toBeLessThanOrEqual(narrow.width);
    const off = { ...scenario, firewall: { ...scenario.firewall, enabled: false } };
    expect(
      withCheckpointServer(layoutTopology(off, 1200, 0), checkpointAreaNames).checkpointServer,
    ).toBeNull();
  });
});

describe('scene geometry', () => {
  it('knows every link direction, drop place, lane and area by the names the trace uses', () => {
    expect(geometry.paths.get('client → router eth0')).toBeDefined();
    expect(geometry.paths.get('router eth3 → server')).toBeDefined();
    expect(geometry.places.get('router eth0 in')).toBeDefined();
    expect(geometry.places.get('client')).toBeDefined();
    expect([...geometry.lanes.keys()]).toEqual([...checkpointAreaNames]);
    expect([...geometry.areas.keys()]).toEqual([...checkpointAreaNames]);
    expect(maxFlightUs(scenario)).toBe(1_000 + 120);
  });
});

describe('scene items', () => {
  it('puts each packet in flight on its link, between its send and arrival times', () => {
    const { recorder, index } = recordedTo(300_000);
    const items = sceneItems(recorderScene(recorder), geometry, {
      nowUs: 300_000,
      windowUs: persistenceUs(1),
      maxFlightUs: maxFlightUs(scenario),
      connectionOf: (id, p) => index.connectionOf(id, p),
      exposedSinceUs: null,
    });
    expect(items.flights.length).toBeGreaterThan(10);
    for (const f of items.flights) {
      expect(f.progress).toBeGreaterThanOrEqual(0);
      expect(f.progress).toBeLessThan(1);
    }
    expect(items.flights.filter((f) => f.connection !== null).length).toBeGreaterThan(0);
    expect(items.busy.size).toBeGreaterThan(0);
  });

  it('shows the writes of a new connection flying to their areas, and drops while down', () => {
    const { recorder, index } = recordedTo(900_000); // crashed at 0.8 s, still down
    const items = sceneItems(recorderScene(recorder), geometry, {
      nowUs: 900_000,
      windowUs: 200_000,
      maxFlightUs: maxFlightUs(scenario),
      connectionOf: (id, p) => index.connectionOf(id, p),
      exposedSinceUs: null,
    });
    expect(items.drops.some((d) => d.reason === 'firewall-down')).toBe(true);
    // Writes from before the crash died with that firewall: none is drawn still flying.
    expect(items.moves.filter((m) => m.kind === 'write')).toEqual([]);
    for (const d of items.drops) expect(d.age).toBeLessThanOrEqual(1);
  });

  it('brings records back from the server during reassembly', () => {
    const { sim } = recordedTo(2_000_000);
    const recovered = sim.runtime?.crashes[0]?.recoveredAtUs ?? 0;
    expect(recovered).toBeGreaterThan(0);
    // Replay to just after the records were read back, and look there.
    const again = recordedTo(recovered);
    const items = sceneItems(recorderScene(again.recorder), geometry, {
      nowUs: recovered,
      windowUs: 10_000,
      maxFlightUs: maxFlightUs(scenario),
      connectionOf: (id, p) => again.index.connectionOf(id, p),
      exposedSinceUs: null,
    });
    const reads = items.moves.filter((m) => m.kind === 'read');
    expect(reads.length).toBeGreaterThan(0);
    expect(new Set(reads.map((m) => m.area))).toContain('base');
    // Read back: on the way from the area to the lane, on the route between them.
    for (const m of reads) expect(m.progress).toBeLessThanOrEqual(1);
  });

  it('marks what a fail-open router forwards unchecked while the firewall is down', () => {
    const open = buildScenario({ ...defaultConfig('ftp-crash'), failOpen: true });
    const sim = createSimulation(open);
    const recorder = new Recorder(sim);
    sim.runUntil(900_000);
    const index = connectionIndexOf(recorder);
    const items = sceneItems(recorderScene(recorder), geometry, {
      nowUs: 900_000,
      windowUs: 1_000,
      maxFlightUs: maxFlightUs(open),
      connectionOf: (id, p) => index.connectionOf(id, p),
      exposedSinceUs: 800_000,
    });
    expect(items.flights.some((f) => f.exposed)).toBe(true);
    expect(items.drops.some((d) => d.reason === 'firewall-down')).toBe(false);
  });

  it('fades an ended connection’s records out where its base record was', () => {
    // No built-in run lasts until conntrack deletes an entry (TIME_WAIT alone is 120 s), so
    // a recorder is fed the one event directly.
    let emit: (e: TraceEvent) => void = () => {};
    const source = {
      trace: { subscribe: (fn: (e: TraceEvent) => void) => ((emit = fn), () => {}) },
    };
    const recorder = new Recorder(source as unknown as Simulation);
    emit({ kind: 'checkpoint.delete', atUs: 1_000_000, connection: 'tcp … #3' });
    const at = (nowUs: number) =>
      sceneItems(recorderScene(recorder), geometry, {
        nowUs,
        windowUs: 10_000,
        maxFlightUs: maxFlightUs(scenario),
        connectionOf: () => null,
        exposedSinceUs: null,
      }).moves;
    expect(at(1_002_000)).toEqual([
      {
        kind: 'delete',
        at: geometry.areas.get('base'),
        area: 'base',
        connection: 'tcp … #3',
        progress: 0.2,
      },
    ]);
    expect(at(1_011_000)).toEqual([]);
  });

  it('keeps flashes for about half a second of wall time at any speed', () => {
    expect(persistenceUs(1)).toBe(500_000);
    expect(persistenceUs(0.001)).toBe(1_000);
    expect(persistenceUs(1000)).toBe(2_000_000);
    expect(persistenceUs('max')).toBe(2_000_000);
  });
});

describe('connection index', () => {
  it('names the connection of packets in both directions from the firewall verdicts', () => {
    const { recorder } = recordedTo(200_000);
    const index = connectionIndexOf(recorder);
    expect(connectionIndexOf(recorder)).toBe(index);
    let found = 0;
    recorder.scanBack((e) => {
      if (e.kind === 'firewall.verdict' && e.connection !== null) {
        expect(index.connectionOf(e.packet.id, () => e.packet)).toBe(e.connection);
        const reply = {
          ...e.packet,
          src: e.packet.dst,
          dst: e.packet.src,
          sport: e.packet.dport,
          dport: e.packet.sport,
        };
        expect(index.connectionOf(reply.id, () => reply)).toBe(e.connection);
        found++;
      }
      return found < 50;
    });
    expect(found).toBe(50);
  });

  it('reads the serial of a readable id', () => {
    expect(connectionSerial('tcp 192.0.2.10:50047 → 198.51.100.20:21 #17')).toBe(17);
    expect(connectionSerial('udp 1.2.3.4:5 → 6.7.8.9:10 #2.5')).toBe(5);
    expect(connectionSerial('nonsense')).toBe(0);
  });
});

describe('alongRoute', () => {
  it('walks a polyline by length', () => {
    const route = [
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 30 },
    ];
    expect(alongRoute(route, 0)).toEqual({ x: 0, y: 0 });
    expect(alongRoute(route, 0.25)).toEqual({ x: 10, y: 0 });
    expect(alongRoute(route, 0.5)).toEqual({ x: 10, y: 10 });
    expect(alongRoute(route, 1)).toEqual({ x: 10, y: 30 });
    expect(alongRoute(route, 7)).toEqual({ x: 10, y: 30 });
  });

  it('routes every record from its lane along the line to its area', () => {
    for (const [area, route] of geometry.routes) {
      if (area === SNAPSHOT_ROUTE) continue;
      expect(route[0]).toEqual(geometry.lanes.get(area));
      expect(route.at(-1)).toEqual(geometry.areas.get(area));
    }
  });

  it('sends a whole-table snapshot from the firewall to the middle of the server', () => {
    const route = geometry.routes.get(SNAPSHOT_ROUTE)!;
    const server = layout.checkpointServer!.rect;
    expect(route[0]).toEqual(geometry.firewall);
    expect(route.at(-1)).toEqual({
      x: server.x + server.width / 2,
      y: server.y + server.height / 2,
    });
    const snap = buildScenario({ ...defaultConfig('ftp-crash'), strategy: 'snapshot' });
    const sim = createSimulation(snap);
    const recorder = new Recorder(sim);
    sim.runUntil(600_000); // snapshots every 0.5 s
    let at = 0;
    recorder.scanBack((e) => (e.kind === 'checkpoint.snapshot' ? ((at = e.atUs), false) : true));
    const moves = sceneItems(recorderScene(recorder), geometry, {
      nowUs: at + 100,
      windowUs: persistenceUs(1),
      maxFlightUs: maxFlightUs(snap),
      connectionOf: () => null,
      exposedSinceUs: null,
    }).moves;
    expect(at).toBe(500_000);
    expect(moves.some((m) => m.kind === 'write' && m.area === SNAPSHOT_ROUTE)).toBe(true);
  });
});
