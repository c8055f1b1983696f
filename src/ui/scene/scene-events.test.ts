import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkpointAreaNames,
  createSimulation,
  type PacketSummary,
  type Simulation,
  type TraceEvent,
} from '../../engine';
import { summary } from '../events/event-fixture';
import { Recorder } from '../record/recorder';
import { buildScenario, defaultConfig, type RunConfig } from '../run/run-config';
import { layoutTopology } from '../topology-layout';
import { connectionIndexOf } from './connection-index';
import { withCheckpointServer } from './layout-checkpoint-server';
import { maxFlightUs, sceneGeometry } from './scene-geometry';
import { SceneEvents } from './scene-events';
import { recorderScene, type SceneSource } from './scene-source';
import { persistenceUs, SCENE_LIMITS, sceneItems } from './scene-items';

/**
 * The whole recorder with every event's kind but a packet's hidden from the scene ('fault',
 * which it does not draw by kind): each is read and drawn by what it says, none passed over
 * by its kind and time alone. The reference for the scene's shortcut.
 */
function readingEvery(recorder: Recorder): SceneSource {
  const whole = recorderScene(recorder);
  return {
    scanScene: (visitor) =>
      whole.scanScene({
        transmit: (...args) => visitor.transmit(...args),
        other: (atUs, _kind, handle) => visitor.other(atUs, 'fault', handle),
      }),
    eventAt: (handle) => whole.eventAt(handle),
    packetIdAt: (handle) => whole.packetIdAt(handle),
    lostAt: (handle) => whole.lostAt(handle),
  };
}

/**
 * The scene drawn from its own index and drawn from the whole recorder, every event read, at
 * instants through ftp-crash: packets on the links, the writes, the crash, the reassembly and
 * the time after.
 */
function compareThroughRun(
  config: RunConfig,
  capacity?: number,
  bounds: Partial<typeof SCENE_LIMITS> = {},
): number {
  const scenario = buildScenario(config);
  const layout = withCheckpointServer(layoutTopology(scenario, 1200, 0), checkpointAreaNames);
  const geometry = sceneGeometry(layout, scenario);
  const sim = createSimulation(scenario);
  const recorder = new Recorder(sim, capacity);
  const index = connectionIndexOf(recorder);
  const early = new SceneEvents(recorder); // built before any event: follows by subscription
  let compared = 0;
  for (let nowUs = 50_000; nowUs <= 1_400_000; nowUs += 50_000) {
    sim.runUntil(nowUs);
    const late = new SceneEvents(recorder); // built from what the recorder holds
    const query = {
      nowUs,
      windowUs: persistenceUs(1),
      maxFlightUs: maxFlightUs(scenario),
      connectionOf: (id: number, p: () => PacketSummary) => index.connectionOf(id, p),
      exposedSinceUs: sim.firewallState === 'down' ? 800_000 : null,
    };
    // Unbounded scans: with the bound, the index reaches further back in time than the
    // recorder (the events it skips do not count), which is the point of it.
    const limits = { ...SCENE_LIMITS, maxEvents: Number.POSITIVE_INFINITY, ...bounds };
    const whole = sceneItems(readingEvery(recorder), geometry, query, limits);
    expect(sceneItems(recorderScene(recorder), geometry, query, limits)).toEqual(whole);
    expect(sceneItems(early, geometry, query, limits)).toEqual(whole);
    expect(sceneItems(late, geometry, query, limits)).toEqual(whole);
    compared += whole.flights.length + whole.moves.length + whole.drops.length;
  }
  return compared;
}

describe('the scene through its SceneEvents', () => {
  const ftpCrash = defaultConfig('ftp-crash');
  it.each([
    ['', ftpCrash],
    [', failing open', { ...ftpCrash, failOpen: true }],
    [', with snapshots', { ...ftpCrash, strategy: 'snapshot' as const }],
  ])(
    'gives the scene exactly what the whole recorder gives, through a crash and recovery%s',
    (_, config) => {
      expect(compareThroughRun(config)).toBeGreaterThan(1_000);
    },
  );

  it('passes over only events it would not draw, up to the bounds on what it draws', () => {
    const bounds = { maxFlights: 40, maxDrops: 3, maxMoves: 5 };
    expect(compareThroughRun(defaultConfig('ftp-crash'), undefined, bounds)).toBeGreaterThan(100);
  });

  it('forgets what the recorder forgot', () => {
    // A ring of 3,000 events: at most instants the window reaches back past its oldest.
    expect(compareThroughRun(defaultConfig('ftp-crash'), 3_000)).toBeGreaterThan(100);
  });
});

/** Events of every kind the scene reads by kind and time, in time order, as a recorder gets them. */
function arbitraryEvents(
  areas: readonly string[],
  places: readonly string[],
  ports: readonly string[],
  links: readonly string[],
) {
  const area = fc.constantFrom(...areas);
  const connection = fc.integer({ min: 1, max: 9 }).map((n) => `tcp … #${n}`);
  // Crashes rarer than the rest: each one stops the drawing of every older write.
  const event = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({ kind: fc.constant('checkpoint.write' as const), area, connection }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('checkpoint.snapshot' as const) }) },
    {
      weight: 4,
      arbitrary: fc.record({ kind: fc.constant('checkpoint.delete' as const), connection }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('packet.drop' as const),
        where: fc.constantFrom(...places),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('firewall.crash' as const) }) },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('replay.inject' as const),
        port: fc.constantFrom(...ports),
      }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('link.transmit' as const),
        link: fc.constantFrom(...links),
        txUs: fc.integer({ min: 0, max: 3_000 }),
        flightUs: fc.integer({ min: 0, max: 20_000 }),
        lost: fc.boolean(),
        id: fc.nat(1_000),
      }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('recovery' as const),
        act: fc.constantFrom(904, 1002, 1004),
        area,
        connection,
      }),
    },
  );
  return fc.array(fc.tuple(fc.integer({ min: 0, max: 2_000 }), event), { maxLength: 120 });
}

function asTraceEvent(atUs: number, e: Record<string, unknown> & { kind: string }): TraceEvent {
  switch (e.kind) {
    case 'checkpoint.write':
      return {
        ...(e as { kind: 'checkpoint.write'; area: string; connection: string }),
        atUs,
        acts: [700],
        version: 1,
        bytes: 40,
        mode: 'sync',
      };
    case 'checkpoint.snapshot':
      return { kind: 'checkpoint.snapshot', atUs, connections: 3, bytes: 300 };
    case 'checkpoint.delete':
      return { kind: 'checkpoint.delete', atUs, connection: e.connection as string };
    case 'packet.drop':
      return {
        kind: 'packet.drop',
        atUs,
        where: e.where as string,
        reason: 'r',
        packet: summary(),
      };
    case 'firewall.crash':
      return { kind: 'firewall.crash', atUs, connections: 3, failOpen: false };
    case 'replay.inject':
      return { kind: 'replay.inject', atUs, frame: 1, port: e.port as string, packet: summary() };
    case 'link.transmit': {
      const txEndUs = atUs + (e.txUs as number);
      return {
        kind: 'link.transmit',
        atUs,
        link: e.link as string,
        txEndUs,
        arriveUs: txEndUs + (e.flightUs as number),
        lost: e.lost as boolean,
        duplicated: false,
        packet: summary({ id: e.id as number }),
      };
    }
    default:
      return {
        kind: 'recovery',
        atUs,
        act: e.act as number,
        detail: '',
        connection: e.connection as string,
        area: e.area as string,
      };
  }
}

/** A recorder fed `events` directly (no simulation), and the scene's index of it. */
function fedRecorder(events: readonly TraceEvent[]) {
  let emit: (e: TraceEvent) => void = () => {};
  const sim = { trace: { subscribe: (fn: typeof emit) => ((emit = fn), () => {}) } };
  const recorder = new Recorder(sim as unknown as Simulation, 256);
  const index = new SceneEvents(recorder);
  for (const e of events) emit(e);
  return { recorder, index };
}

describe('the scene passing over events by kind and time', () => {
  const scenario = buildScenario(defaultConfig('ftp-crash'));
  const layout = withCheckpointServer(layoutTopology(scenario, 1200, 0), checkpointAreaNames);
  const geometry = sceneGeometry(layout, scenario);

  it('draws what reading every event draws, for any mix of kinds, ages and bounds', () => {
    let drawnSome = 0;
    fc.assert(
      fc.property(
        arbitraryEvents(
          [...checkpointAreaNames],
          [...geometry.places.keys()],
          [...geometry.entries.keys()],
          [...geometry.paths.keys()],
        ),
        fc.integer({ min: 0, max: 5_000 }),
        fc.integer({ min: 1_000, max: 20_000 }),
        fc.integer({ min: 1, max: 60_000 }),
        fc.record({
          maxFlights: fc.integer({ min: 0, max: 6 }),
          maxDrops: fc.integer({ min: 0, max: 6 }),
          maxMoves: fc.integer({ min: 0, max: 6 }),
        }),
        (steps, afterUs, windowUs, maxFlightUs, bounds) => {
          let atUs = 0;
          const { recorder, index } = fedRecorder(
            steps.map(([gapUs, e]) => asTraceEvent((atUs += gapUs), e)),
          );
          const query = {
            nowUs: atUs + afterUs,
            windowUs,
            maxFlightUs,
            connectionOf: () => null,
            exposedSinceUs: null,
          };
          const limits = { ...SCENE_LIMITS, ...bounds };
          const got = sceneItems(index, geometry, query, limits);
          expect(got).toEqual(sceneItems(readingEvery(recorder), geometry, query, limits));
          if (got.flights.length + got.drops.length + got.moves.length >= 2) drawnSome++;
        },
      ),
      { numRuns: 1_000 },
    );
    // Not a comparison of empty scenes: many runs draw several things.
    expect(drawnSome).toBeGreaterThan(300);
  });

  it('passes over writes older than a crash, never records read back', () => {
    const { recorder, index } = fedRecorder([
      asTraceEvent(8_000, { kind: 'checkpoint.write', area: 'tcp', connection: 'tcp … #1' }),
      asTraceEvent(9_000, { kind: 'recovery', act: 1004, area: 'tcp', connection: 'tcp … #1' }),
      asTraceEvent(9_500, { kind: 'firewall.crash' }),
    ]);
    const query = {
      nowUs: 10_000,
      windowUs: 10_000,
      maxFlightUs: 1,
      connectionOf: () => null,
      exposedSinceUs: null,
    };
    const moves = sceneItems(index, geometry, query).moves;
    expect(moves.map((m) => m.kind)).toEqual(['read']);
    expect(sceneItems(readingEvery(recorder), geometry, query).moves).toEqual(moves);
  });

  it('does not read the checkpoint writes whose records have landed', () => {
    const write = (atUs: number): TraceEvent =>
      asTraceEvent(atUs, { kind: 'checkpoint.write', area: 'tcp', connection: 'tcp … #1' });
    const { index } = fedRecorder([write(0), write(1_000), write(2_000), write(9_000)]);
    const read: number[] = [];
    const counting = {
      scanScene: (visitor: Parameters<SceneSource['scanScene']>[0]) => index.scanScene(visitor),
      eventAt: (handle: number) => (read.push(handle), index.eventAt(handle)),
      packetIdAt: (handle: number) => index.packetIdAt(handle),
      lostAt: (handle: number) => index.lostAt(handle),
    };
    // A record flies for 0.4 of a 10 ms window: at 10 ms only the write at 9 ms is in the air.
    const items = sceneItems(counting, geometry, {
      nowUs: 10_000,
      windowUs: 10_000,
      maxFlightUs: 1,
      connectionOf: () => null,
      exposedSinceUs: null,
    });
    expect(items.moves).toHaveLength(1);
    expect(read).toHaveLength(1);
  });
});
